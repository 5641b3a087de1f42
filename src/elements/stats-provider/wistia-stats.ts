import { ContextProvider } from '@lit/context';
import { css, ReactiveElement, type PropertyValues } from '@lit/reactive-element';
import { define } from '../../core/define.ts';
import { statsConfigContext } from '../../core/config-context.ts';
import { Settings } from '../../core/settings-element.ts';

/**
 * Shows nothing itself: gives every Wistia element inside it an `endpoint`, `refresh` and
 * `locale`, so a page sets them once. An element's own attributes still win.
 *
 * @element wistia-stats
 * @slot - Any markup, with Wistia elements anywhere inside.
 */
export class WistiaStats extends Settings(ReactiveElement) {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  private readonly provider = new ContextProvider(this, { context: statsConfigContext, initialValue: {} });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('endpoint') || changed.has('refresh') || changed.has('locale')) {
      this.provider.setValue({ endpoint: this.endpoint, refresh: this.refresh, locale: this.locale });
    }
  }

  /** Nothing of its own to draw: its children, through one slot (no lit-html for that). */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    root.append(document.createElement('slot'));
    return root;
  }
}

define('wistia-stats', WistiaStats);

declare global {
  interface HTMLElementTagNameMap {
    'wistia-stats': WistiaStats;
  }
}
