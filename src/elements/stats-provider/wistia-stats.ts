import { provide } from '@lit/context';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { define } from '../../core/base-element.ts';
import { statsConfigContext, type StatsConfig } from '../../core/config-context.ts';

/**
 * Shows nothing itself: gives every Wistia element inside it an `endpoint`, `refresh` and
 * `locale`, so a page sets them once. An element's own attributes still win.
 *
 * @element wistia-stats
 * @slot - Any markup, with Wistia elements anywhere inside.
 */
export class WistiaStats extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** The Worker's base URL, e.g. `https://stats.example.com`. */
  @property() endpoint?: string;

  /** Seconds between refreshes for every element inside (at least 1). None: load once. */
  @property({ type: Number }) refresh?: number;

  /** A BCP 47 language tag for numbers, e.g. `de`. None: the browser's. */
  @property() locale?: string;

  @provide({ context: statsConfigContext })
  protected config: StatsConfig = {};

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('endpoint') || changed.has('refresh') || changed.has('locale')) {
      this.config = { endpoint: this.endpoint, refresh: this.refresh, locale: this.locale };
    }
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}

define('wistia-stats', WistiaStats);

declare global {
  interface HTMLElementTagNameMap {
    'wistia-stats': WistiaStats;
  }
}
