import { html } from 'lit';
import { numeric } from '../../core/base-element.ts';
import { WistiaElement } from '../../core/template-element.ts';
import { define } from '../../core/define.ts';
import { badAttribute, isError, problem, type StatsError } from '../../core/events.ts';
import { formatStat, formatter } from '../../core/format.ts';
import { ResourceController } from '../../core/resource-controller.ts';
import { checkId } from '../../core/resources.ts';
import { loadingView, stateStyles } from '../../core/styles.ts';
import { HASHED_ID, type DayStats } from '../../wistia-api.ts';
import { trendStyles } from './wistia-trend.styles.ts';

const TREND_METRICS = ['play_count', 'load_count', 'hours_watched'] as const;
type TrendMetric = (typeof TREND_METRICS)[number];
/** What follows the total: "1,234 plays", "1 play", "21.9 hours watched". */
const AFTER_TOTAL: Record<TrendMetric, [one: string, other: string]> = {
  play_count: ['play', 'plays'],
  load_count: ['load', 'loads'],
  hours_watched: ['watched', 'watched'],
};
const PER_DAY: Record<TrendMetric, string> = { play_count: 'Plays', load_count: 'Loads', hours_watched: 'Hours watched' };
const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

/** One day of the chart. */
export interface TrendPoint {
  /** `YYYY-MM-DD`. */
  date: string;
  value: number;
}

interface Trend {
  /** The last `days` days, oldest first. */
  points: TrendPoint[];
  total: number;
  /** The same number of days just before. */
  previousTotal: number;
}

/** A metric per day, for a media or (no id) the account, from one `YYYY-MM-DD` to another. */
function byDateResource(mediaId: string | undefined, startDate: string, endDate: string): string | StatsError {
  const range = `?start_date=${startDate}&end_date=${endDate}`;
  if (mediaId === undefined) return `/v1/stats/account/by_date.json${range}`;
  return checkId(HASHED_ID, 'media-id', mediaId) ?? `/v1/stats/medias/${mediaId}/by_date.json${range}`;
}

/** `YYYY-MM-DD`, `offset` days from today, in UTC: every visitor asks for the same days, so they share one cached answer. */
const utcDay = (offsetDays: number, nowMs = Date.now()) => new Date(nowMs + offsetDays * DAY_MS).toISOString().slice(0, 10);

/** "30 days", or "day" for one: "vs the previous day". */
const period = (days: number) => (days === 1 ? 'day' : `${days} days`);

/**
 * A metric per day as a small line chart, for a media (`media-id`) or the whole account: the
 * last `days` days (30 by default), their total, and its change against the days before
 * ("+12% vs the previous 30 days"). Both periods come in one request. Screen readers get the
 * trend in words. Days are counted in UTC, as one cached answer serves every visitor.
 *
 * Needs `trends` (and `medias`, or `account`) in the Worker's `EXPOSE`.
 *
 * @element wistia-trend
 * @fires {StatsUpdateDetail} wistia-stats-update - New data reached the element. `detail: {resource, data}`.
 * @fires {StatsErrorDetail} wistia-error - A request failed or an attribute is wrong. `detail: {resource, status, code, message}`.
 * @csspart header - The total and the change.
 * @csspart total - The period's total.
 * @csspart label - What the total counts.
 * @csspart change - The change against the previous period; also `up`, `down` or `flat`.
 * @csspart chart - The `<svg>`.
 * @csspart line - The line through the days.
 * @csspart area - The area under it.
 * @csspart summary - The trend in words; visually hidden, read by screen readers.
 * @csspart loading - Shown until the first answer.
 * @csspart error - The readable error.
 * @attr stale - Set by the element while the trend shown is an older one.
 * @cssprop --wistia-trend-height - The chart's height. Default: `3em`.
 * @cssprop --wistia-trend-line-color - The line. Default: `#1b72c4`.
 * @cssprop --wistia-trend-line-width - The line's width. Default: `2px`.
 * @cssprop --wistia-trend-area-color - Under the line. Default: the line's colour, faint.
 * @cssprop --wistia-trend-up-color - A rise. Default: `#1a7f37`.
 * @cssprop --wistia-trend-down-color - A fall. Default: `#b3261e`.
 * @cssprop --wistia-value-color - The total's colour. Default: inherited.
 * @cssprop --wistia-value-font-size - The total's size. Default: `1.25em`.
 * @cssprop --wistia-value-font-weight - The total's weight. Default: `600`.
 * @cssprop --wistia-stale-opacity - The chart's opacity while it is an older one. Default: `0.7`.
 */
export class WistiaTrend extends WistiaElement {
  static override styles = [stateStyles, trendStyles];

  static override properties = {
    mediaId: { attribute: 'media-id' },
    metric: {},
    days: { type: Number },
    projectId: { attribute: 'project-id' },
  };

  /** The video's hashed id. None: the whole account. */
  declare mediaId?: string;

  /** What to count per day. */
  declare metric: 'play_count' | 'load_count' | 'hours_watched';

  /** How many days, up to today (UTC), from 1 to 366; compared with as many days before them. */
  declare days: number;

  /** Not taken: read only to say so, as `project-id` works on the other elements. */
  declare private projectId?: string;

  private readonly trend = new ResourceController<Trend>(this, {
    need: () => {
      const days = this.dayCount;
      if (this.projectId !== undefined) {
        return badAttribute(
          'project-id is not taken here: a trend is of one media (media-id) or of the whole account (no id), as Wistia keeps no daily stats for a project.',
        );
      }
      if (!TREND_METRICS.includes(this.metric)) return badAttribute(`metric "${this.metric}" must be one of ${TREND_METRICS.join(', ')}.`);
      if (!(Number.isInteger(days) && days >= 1 && days <= MAX_DAYS))
        return badAttribute(`days must be a whole number from 1 to ${MAX_DAYS}.`);
      const resource = byDateResource(this.mediaId, utcDay(1 - 2 * days), utcDay(0));
      return isError(resource) ? resource : { resource };
    },
    read: (data) => this.readTrend(data),
  });

  constructor() {
    super();
    this.metric = 'play_count';
    this.days = 30;
  }

  /** The days shown, oldest first: the chart's points (empty until the first answer). */
  get points(): TrendPoint[] {
    return this.trend.value?.points ?? [];
  }

  private get dayCount(): number {
    return numeric(this.days) ?? NaN;
  }

  /** The answer's days, by date: the last `days` of them, and the total of the `days` before. */
  private readTrend(data: unknown): Trend | StatsError {
    if (!Array.isArray(data)) return problem(200, 'bad_response', 'The daily stats are not a list of days.');
    const byDate = new Map<string, number>();
    for (const row of data as Array<Partial<DayStats> | null>) {
      const value = row?.[this.metric];
      if (typeof row?.date !== 'string' || typeof value !== 'number' || !(value >= 0 && value < Infinity)) {
        return problem(200, 'bad_response', 'The daily stats are not in Wistia’s shape.');
      }
      byDate.set(row.date, value);
    }
    const days = this.dayCount;
    const valueOn = (offset: number) => byDate.get(utcDay(offset)) ?? 0;
    const points = Array.from({ length: days }, (_, i) => ({ date: utcDay(i + 1 - days), value: valueOn(i + 1 - days) }));
    const previous = Array.from({ length: days }, (_, i) => valueOn(i + 1 - 2 * days));
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    return { points, total: sum(points.map((point) => point.value)), previousTotal: sum(previous) };
  }

  protected override render() {
    return this.trend.render({ loading: () => loadingView(48), value: (trend) => this.chart(trend) });
  }

  private chart({ points, total, previousTotal }: Trend) {
    const locale = this.merged().locale;
    const change = changeOf(total, previousTotal);
    const direction = change === null || change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
    const changeText = `${change === null ? 'new' : formatChange(change, locale)} vs the previous ${period(this.dayCount)}`;
    const { line, area, width } = geometry(points);
    return html`<div part="header">
        <span><span part="total">${formatStat(total, this.metric, undefined, locale)}</span> <span part="label">${AFTER_TOTAL[this.metric][total === 1 ? 0 : 1]}</span></span>
        <span part="change ${direction}" aria-hidden="true">${changeText}</span>
      </div>
      <svg part="chart" role="img" aria-labelledby="summary" viewBox="0 0 ${width} 100" preserveAspectRatio="none">
        <path part="area" d=${area}></path>
        <polyline part="line" points=${line} vector-effect="non-scaling-stroke"></polyline>
      </svg>
      <p id="summary" part="summary" class="visually-hidden" aria-live="polite">${this.summary(points, total, previousTotal, change, locale)}</p>`;
  }

  /** The chart in words: the period, its total, the change, the busiest day. */
  private summary(points: TrendPoint[], total: number, previousTotal: number, change: number | null, locale: string | undefined): string {
    const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
    const on = (point: TrendPoint) => date.format(Date.parse(`${point.date}T00:00:00Z`));
    const value = (n: number) => formatStat(n, this.metric, undefined, locale);
    const busiest = points.reduce((best, point) => (point.value > best.value ? point : best), points[0]!);
    const days = this.dayCount;
    const compared =
      change === null
        ? `none in the previous ${period(days)}`
        : `${change > 0 ? 'up' : change < 0 ? 'down' : 'no change'}${change ? ` ${formatChange(Math.abs(change), locale, false)}` : ''} from ${value(previousTotal)} in the previous ${period(days)}`;
    if (days === 1) return `${PER_DAY[this.metric]} on ${on(points[0]!)}: ${value(total)}, ${compared}.`;
    return `${PER_DAY[this.metric]} per day over the last ${days} days, ${on(points[0]!)} to ${on(points.at(-1)!)}: ${value(total)} in total, ${compared}. Busiest day: ${on(busiest)}, ${value(busiest.value)}.`;
  }
}

/** The change as a share of the previous total; null when there was nothing before (a rise from none). */
function changeOf(total: number, previousTotal: number): number | null {
  if (previousTotal === 0) return total === 0 ? 0 : null;
  return (total - previousTotal) / previousTotal;
}

function formatChange(change: number, locale: string | undefined, signed = true): string {
  return formatter(locale, { style: 'percent', maximumFractionDigits: 0, ...(signed && { signDisplay: 'exceptZero' }) }).format(change);
}

/**
 * The line and the area under it in a 100-high box, 10 units a day: the highest day just
 * inside the top, nothing at the bottom. One day is drawn as a level line.
 */
function geometry(points: TrendPoint[]): { line: string; area: string; width: number } {
  const highest = Math.max(...points.map((point) => point.value), 0);
  const y = (value: number) => (highest === 0 ? 98 : 98 - (value / highest) * 96);
  const xy =
    points.length === 1
      ? [`0,${y(points[0]!.value)}`, `10,${y(points[0]!.value)}`]
      : points.map((point, i) => `${i * 10},${y(point.value)}`);
  const width = Math.max(10, (points.length - 1) * 10);
  return { line: xy.join(' '), area: `M0,100 L${xy.join(' L')} L${width},100 Z`, width };
}

define('wistia-trend', WistiaTrend);

declare global {
  interface HTMLElementTagNameMap {
    'wistia-trend': WistiaTrend;
  }
}
