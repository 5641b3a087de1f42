import { css, html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { define, isError, WistiaElement } from '../../core/base-element.ts';
import type { StatsError } from '../../core/events.ts';
import { heatmapResource } from '../../core/resources.ts';
import { errorOf, unreachable } from '../../core/store.ts';
import { errorView, loadingView, stateStyles } from '../../core/styles.ts';

/**
 * Wistia's heatmap of one viewing session, in an iframe through the Worker's heatmap route
 * (which adds the account's public token). Needs `heatmap` in the Worker's `EXPOSE`.
 *
 * @element wistia-heatmap
 * @fires wistia-error - The route refused or an attribute is wrong. `detail: {resource, status, code, message}`.
 * @csspart frame - The `<iframe>`.
 * @csspart loading - Shown while the route is checked.
 * @csspart error - The readable error.
 * @cssprop --wistia-heatmap-border - The iframe's border. Default: none.
 */
export class WistiaHeatmap extends WistiaElement {
  static override styles = [
    stateStyles,
    css`
      :host {
        display: block;
      }
      iframe {
        display: block;
        width: 100%;
        border: var(--wistia-heatmap-border, none);
      }
    `,
  ];

  /** The viewing session's event key (as in the Stats API's events). */
  @property({ attribute: 'event-key' }) eventKey?: string;

  /** Height of the iframe in pixels. */
  @property({ type: Number }) height = 70;

  @state() private checked: { url: string; error?: StatsError } | undefined;
  private checking: string | undefined;

  private target(): { url: string; resource: string } | StatsError {
    const config = this.config();
    if (isError(config)) return config;
    const resource = heatmapResource(this.eventKey);
    return isError(resource) ? resource : { url: `${config.endpoint}${resource}`, resource };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const target = this.target();
    const key = isError(target) ? `error:${target.message}` : target.url;
    if (key === this.checking) return;
    this.checking = key;
    if (isError(target)) {
      this.checked = { url: '', error: target };
      this.emit('wistia-error', { ...target, resource: null });
      return;
    }
    this.checked = undefined;
    void this.check(target.url, target.resource);
  }

  /** A redirect means the Worker will serve the heatmap; anything else is its JSON error. */
  private async check(url: string, resource: string): Promise<void> {
    let error: StatsError | undefined;
    try {
      const response = await fetch(url, { redirect: 'manual', cache: 'no-store' });
      if (response.type !== 'opaqueredirect' && !response.ok) error = await errorOf(response);
    } catch {
      error = unreachable;
    }
    if (this.checking !== url) return;
    this.checked = { url, ...(error && { error }) };
    if (error) this.emit('wistia-error', { ...error, resource });
  }

  protected override render() {
    if (!this.checked) return loadingView(this.height);
    if (this.checked.error) return errorView(this.checked.error);
    return html`<iframe part="frame" src=${this.checked.url} height=${this.height} title="Heatmap of one viewing session"
      loading="lazy"></iframe>`;
  }
}

define('wistia-heatmap', WistiaHeatmap);

declare global {
  interface HTMLElementTagNameMap {
    'wistia-heatmap': WistiaHeatmap;
  }
}
