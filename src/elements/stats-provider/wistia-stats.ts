import { ContextProvider } from '@lit/context';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { define } from '../../core/define.ts';
import { statsConfigContext } from '../../core/config-context.ts';

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

  static override properties = {
    endpoint: {},
    refresh: { type: Number },
    locale: {},
  };

  /** The Worker's base URL, e.g. `https://stats.example.com`. Default: the Worker this script was loaded from. */
  declare endpoint?: string;

  /** Seconds between refreshes for every element inside (at least 1). None: load once. */
  declare refresh?: number;

  /** A BCP 47 language tag for numbers, e.g. `de`. None: the browser's. */
  declare locale?: string;

  private readonly provider = new ContextProvider(this, { context: statsConfigContext, initialValue: {} });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('endpoint') || changed.has('refresh') || changed.has('locale')) {
      this.provider.setValue({ endpoint: this.endpoint, refresh: this.refresh, locale: this.locale });
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
