import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { badAttribute, define, isError, WistiaElement } from '../../core/base-element.ts';
import { CountUp } from '../../core/count-up.ts';
import type { StatsError } from '../../core/events.ts';
import { FORMATS, formatStat, type StatFormat } from '../../core/format.ts';
import { numberIn, scopedMetric } from '../../core/resources.ts';
import { StatsController, type StatsTarget } from '../../core/stats-controller.ts';
import { errorView, loadingView, stateStyles } from '../../core/styles.ts';
import { statStyles } from './wistia-stat.styles.ts';

/**
 * One live number from Wistia's stats: for a media (`media-id`), a project (`project-id`),
 * or the whole account (neither).
 *
 * @element wistia-stat
 * @slot - A label shown after the number, e.g. `plays`.
 * @fires wistia-stats-update - New data reached the element. `detail: {resource, data}`.
 * @fires wistia-error - A request failed or an attribute is wrong. `detail: {resource, status, code, message}`.
 * @csspart value - The formatted number.
 * @csspart label - Wraps the default slot.
 * @csspart loading - Shown until the first answer.
 * @csspart error - The readable error, shown when there is no value to keep.
 * @cssprop --wistia-font-family - Font of the whole element. Default: inherited.
 * @cssprop --wistia-color - Text color. Default: inherited.
 * @cssprop --wistia-value-color - Color of the number. Default: inherited.
 * @cssprop --wistia-value-font-size - Size of the number. Default: inherited.
 * @cssprop --wistia-value-font-weight - Weight of the number. Default: inherited.
 * @cssprop --wistia-loading-color - The loading placeholder. Default: 15% of the text color.
 * @cssprop --wistia-error-color - The error text. Default: `#b3261e`.
 * @cssprop --wistia-stale-opacity - Opacity of a value whose refresh failed. Default: `0.7`.
 */
export class WistiaStat extends WistiaElement {
  static override styles = [stateStyles, statStyles];

  /** The video's hashed id: media scope. */
  @property({ attribute: 'media-id' }) mediaId?: string;

  /** The project's hashed id: project scope. */
  @property({ attribute: 'project-id' }) projectId?: string;

  /** `load_count`, `play_count`, `play_rate`, `hours_watched`, `engagement`, `visitors` or `number_of_videos`. */
  @property() metric?: string;

  /** `standard`, `compact` or `percent`. Default: `percent` for rates, hours in words for `hours_watched`, else `standard`. */
  @property() format?: string;

  /** Count up to each new value (never when the visitor prefers reduced motion). */
  @property({ type: Boolean, attribute: 'count-up' }) countUp = false;

  /** Set while the value shown is kept from before a failed refresh. */
  @property({ type: Boolean, reflect: true }) stale = false;

  /** The metric a fixed-metric element always shows, whatever `metric` says. */
  protected readonly fixedMetric?: string;

  private readonly counter = new CountUp(this);
  private readonly stats = new StatsController(this, () => this.target(), (data) => this.follow(data));

  private get shownMetric(): string | undefined {
    return this.fixedMetric ?? this.metric;
  }

  private target(): StatsTarget | StatsError {
    const config = this.config();
    if (isError(config)) return config;
    const scoped = scopedMetric(this, this.shownMetric);
    if (isError(scoped)) return scoped;
    if (this.format !== undefined && !FORMATS.includes(this.format as StatFormat)) {
      return badAttribute(`format "${this.format}" must be one of ${FORMATS.join(', ')}.`);
    }
    return { endpoint: config.endpoint, resource: scoped.resource, refresh: config.refresh };
  }

  /** Moves the shown number toward the answer's: on new data, and when the metric changes. */
  private follow(data: unknown): void {
    const value = numberIn(data, this.shownMetric);
    if (value !== undefined && value !== this.counter.target) this.counter.to(value, this.countUp);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const { data, error } = this.stats.state;
    this.follow(data);
    this.stale = error !== undefined && numberIn(data, this.shownMetric) !== undefined;
  }

  protected override render() {
    const { data, error } = this.stats.state;
    const value = numberIn(data, this.shownMetric);
    if (value === undefined) {
      if (error) return errorView(error);
      return data === undefined ? loadingView() : errorView({ message: `The answer has no ${this.shownMetric}.` });
    }
    const format = (n: number) => formatStat(n, this.shownMetric!, this.format as StatFormat | undefined, this.merged().locale);
    const shown = this.counter.value ?? value;
    return html`<span part="value" aria-hidden="true">${format(Number.isInteger(value) ? Math.round(shown) : shown)}</span
      ><span class="visually-hidden" aria-live="polite">${format(value)}</span
      >${this.hasLabel ? html` <span part="label"><slot></slot></span>` : nothing}`;
  }

  private get hasLabel(): boolean {
    return [...this.childNodes].some((node) => node.nodeType === Node.ELEMENT_NODE || node.textContent?.trim());
  }
}

define('wistia-stat', WistiaStat);

declare global {
  interface HTMLElementTagNameMap {
    'wistia-stat': WistiaStat;
  }
}
