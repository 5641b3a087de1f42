import { html, nothing, type PropertyDeclarations } from 'lit';
import { WistiaElement } from '../../core/base-element.ts';
import { CountUp } from '../../core/count-up.ts';
import { badAttribute, isError } from '../../core/events.ts';
import { FORMATS, formatStat, type StatFormat } from '../../core/format.ts';
import { ResourceController } from '../../core/resource-controller.ts';
import { actionMetric, actionNumberIn, numberIn, scopedMetric } from '../../core/resources.ts';
import { stateStyles } from '../../core/styles.ts';
import { statStyles } from './wistia-stat.styles.ts';

/**
 * What `<wistia-stat>` and the fixed-metric elements share: one live number for a media
 * (`media-id`), a project (`project-id`) or the account (neither), a label after it, and
 * an optional count-up. Subclasses say which metric they show.
 *
 * @attr {boolean} stale - Set by the element while the value shown is an older one (a refresh failed, or the Worker served its stale copy).
 */
export abstract class StatElement extends WistiaElement {
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

  private readonly counter = new CountUp(this);
  private readonly stats = new ResourceController<number>(this, {
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
    onValue: (value) => this.counter.to(value, this.countUp),
  });

  constructor() {
    super();
    this.countUp = false;
    this.hasLabel = false;
  }

  protected override render() {
    return this.stats.render({
      value: (value) => {
        const format = (n: number) => formatStat(n, this.shownMetric!, this.format as StatFormat | undefined, this.merged().locale);
        const shown = this.counter.value ?? value;
        // The space before the label is data, not template whitespace, so no minifier can drop it.
        return html`<span part="value" aria-hidden="true">${format(Number.isInteger(value) ? Math.round(shown) : shown)}</span
          ><span class="visually-hidden" aria-live="polite">${format(value)}</span
          >${this.hasLabel ? ' ' : nothing}<span part="label" ?hidden=${!this.hasLabel}
            ><slot @slotchange=${this.labelChanged}></slot
          ></span>`;
      },
    });
  }

  /** A label may come, change or go after the first render (a framework fills it in later). */
  private labelChanged(event: Event): void {
    const nodes = (event.target as HTMLSlotElement).assignedNodes({ flatten: true });
    this.hasLabel = nodes.some((node) => node.nodeType === Node.ELEMENT_NODE || node.textContent?.trim());
  }
}
