import { ReactiveElement, type PropertyDeclarations, type PropertyValues } from '@lit/reactive-element';
import { Wistia } from '../../core/base-element.ts';
import { CountUp } from '../../core/count-up.ts';
import { badAttribute, isError } from '../../core/events.ts';
import { FORMATS, formatStat, type StatFormat } from '../../core/format.ts';
import { ResourceController } from '../../core/resource-controller.ts';
import { actionMetric, actionNumberIn, numberIn, scopedMetric } from '../../core/resources.ts';
import { span, stateStyles } from '../../core/styles.ts';
import { statStyles } from './wistia-stat.styles.ts';

/**
 * What `<wistia-stat>` and the fixed-metric elements share: one live number for a media
 * (`media-id`), a project (`project-id`) or the account (neither), a label after it, and
 * an optional count-up. Subclasses say which metric they show.
 *
 * A bare ReactiveElement that keeps its few nodes itself: a page with only counters loads no
 * lit-html (docs/architecture.md, "Size").
 *
 * @attr {boolean} stale - Set by the element while the value shown is an older one (a refresh failed, or the Worker served its stale copy).
 * @cssprop --wistia-value-color - Colour of the number. Default: inherited.
 * @cssprop --wistia-value-font-size - Size of the number. Default: inherited.
 * @cssprop --wistia-value-font-weight - Weight of the number. Default: inherited.
 * @cssprop --wistia-stale-opacity - Opacity of a value whose refresh failed. Default: `0.7`.
 */
export abstract class StatElement extends Wistia(ReactiveElement) {
  static override styles = [stateStyles, statStyles];

  static override properties: PropertyDeclarations = {
    mediaId: { attribute: 'media-id' },
    projectId: { attribute: 'project-id' },
    format: {},
    countUp: { type: Boolean, attribute: 'count-up' },
    hasLabel: { state: true },
  };

  /** The video's hashed id: media scope. */
  declare mediaId?: string;

  /** The project's hashed id: project scope. */
  declare projectId?: string;

  /** How to write the number. Default: `percent` for rates, hours in words for `hours_watched`, else `standard`. */
  declare format?: 'standard' | 'compact' | 'percent';

  /** Count up to each new value (never when the visitor prefers reduced motion). */
  declare countUp: boolean;

  declare private hasLabel: boolean;

  /** The metric this element shows. */
  protected abstract readonly shownMetric: string | undefined;

  /** The media action (`Call to Action`, `Turnstile`, `Annotation`) whose metric this shows; none: the media's own. */
  protected get shownAction(): string | undefined {
    return undefined;
  }

  readonly #counter = new CountUp(this);
  readonly #stats = new ResourceController<number>(this, {
    need: () => {
      const action = this.shownAction;
      const scoped = action === undefined ? scopedMetric(this, this.shownMetric) : actionMetric(this, action, this.shownMetric);
      if (isError(scoped)) return scoped;
      if (this.format !== undefined && !FORMATS.includes(this.format))
        return badAttribute(`format "${this.format}" must be one of ${FORMATS.join(', ')}.`);
      return scoped;
    },
    read: (data) =>
      this.shownAction === undefined ? numberIn(data, this.shownMetric) : actionNumberIn(data, this.shownAction, this.shownMetric!),
    onValue: (value) => this.#counter.to(value, this.countUp),
  });

  constructor() {
    super();
    this.countUp = false;
    this.hasLabel = false;
  }

  /** The value's nodes, made at its first showing and kept (the label's slot among them). */
  #valueView?: { nodes: Node[]; shown: HTMLElement; heard: HTMLElement; space: Text; label: HTMLElement };
  #shownNodes: Node[] = [];

  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    const state = this.#stats.stateView();
    if (state) return this.#show([state]);
    const view = (this.#valueView ??= this.#makeValueView());
    const value = this.#stats.value!;
    const format = (n: number) => formatStat(n, this.shownMetric!, this.format as StatFormat | undefined, this.merged().locale);
    const shown = this.#counter.value ?? value;
    setText(view.shown, format(Number.isInteger(value) ? Math.round(shown) : shown));
    // Written only when it changes: the live region is announced on every write, and a count-up writes each frame.
    setText(view.heard, format(value));
    // The space before the label is data, not markup, so no minifier can drop it.
    view.space.data = this.hasLabel ? ' ' : '';
    view.label.hidden = !this.hasLabel;
    this.#show(view.nodes);
  }

  #makeValueView() {
    const slot = document.createElement('slot');
    slot.addEventListener('slotchange', () => this.#labelChanged(slot));
    const view = {
      shown: span({ part: 'value', 'aria-hidden': 'true' }),
      heard: span({ class: 'visually-hidden', 'aria-live': 'polite' }),
      space: new Text(),
      label: span({ part: 'label' }, slot),
    };
    return { ...view, nodes: [view.shown, view.heard, view.space, view.label] };
  }

  /** Puts `nodes` in the shadow root in place of what it showed (Lit's adopted styles stay); a view is known by its first node. */
  #show(nodes: Node[]): void {
    if (nodes[0] === this.#shownNodes[0]) return;
    for (const node of this.#shownNodes) node.parentNode?.removeChild(node);
    this.renderRoot.append(...nodes);
    this.#shownNodes = nodes;
  }

  /** A label may come, change or go after the first render (a framework fills it in later). */
  #labelChanged(slot: HTMLSlotElement): void {
    const nodes = slot.assignedNodes({ flatten: true });
    this.hasLabel = nodes.some((node) => node.nodeType === Node.ELEMENT_NODE || node.textContent?.trim());
  }
}

function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}
