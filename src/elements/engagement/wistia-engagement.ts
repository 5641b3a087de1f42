import { html, nothing, svg } from 'lit';
import { property, state } from 'lit/decorators.js';
import { badAttribute, define, isError, WistiaElement } from '../../core/base-element.ts';
import type { StatsError } from '../../core/events.ts';
import { engagementResource } from '../../core/resources.ts';
import { StatsController, type StatsTarget } from '../../core/stats-controller.ts';
import { errorView, loadingView, stateStyles } from '../../core/styles.ts';
import type { MediaEngagement } from '../../wistia-api.ts';
import { engagementStyles } from './wistia-engagement.styles.ts';

/**
 * The engagement graph of Wistia's stats page, as SVG: how many times each moment of the
 * video was watched (`engagement_data`), with rewatches (`rewatch_data`) drawn over it. It
 * scales to its width, and screen readers get a summary in words.
 *
 * Bars can be any picture: `bar-image="purple-cat.svg"` stacks that image in every bar.
 *
 * @element wistia-engagement
 * @fires wistia-stats-update - New data reached the element. `detail: {resource, data}`.
 * @fires wistia-error - A request failed or an attribute is wrong. `detail: {resource, status, code, message}`.
 * @csspart graph - The `<svg>`.
 * @csspart bar - Each engagement bar (an SVG `rect`: style it with `fill`).
 * @csspart rewatch - Each rewatch bar, drawn over the engagement bars.
 * @csspart summary - The graph in words; visually hidden, read by screen readers.
 * @csspart loading - Shown until the first answer.
 * @csspart error - The readable error.
 * @cssprop --wistia-engagement-bar-color - Engagement bars. Default: `#54bbff`.
 * @cssprop --wistia-engagement-rewatch-color - Rewatch bars. Default: `#1b72c4`.
 * @cssprop --wistia-engagement-rewatch-opacity - Rewatch bars' opacity. Default: `0.9`.
 * @cssprop --wistia-engagement-background - Behind the bars. Default: transparent.
 * @cssprop --wistia-engagement-radius - Corner radius of the graph. Default: `0`.
 */
export class WistiaEngagement extends WistiaElement {
  static override styles = [stateStyles, engagementStyles];

  /** The video's hashed id. */
  @property({ attribute: 'media-id' }) mediaId?: string;

  /** Height of the graph in pixels. */
  @property({ type: Number }) height = 120;

  /** At most this many bars: neighbouring points are averaged. Default: one bar per data point. */
  @property({ type: Number }) bars?: number;

  /** A picture (URL) to stack inside every bar instead of a plain fill: purple cats, say. */
  @property({ attribute: 'bar-image', reflect: true }) barImage?: string;

  @state() private width = 600;
  private readonly stats = new StatsController(this, () => this.target());
  private readonly resize = new ResizeObserver(([entry]) => {
    if (entry && entry.contentRect.width > 0) this.width = entry.contentRect.width;
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize.disconnect();
  }

  private target(): StatsTarget | StatsError {
    const config = this.config();
    if (isError(config)) return config;
    const resource = engagementResource(this.mediaId);
    if (isError(resource)) return resource;
    if (!(Number.isFinite(this.height) && this.height > 0)) return badAttribute('height must be a number of pixels above 0.');
    if (this.bars !== undefined && !(Number.isInteger(this.bars) && this.bars >= 1)) {
      return badAttribute('bars must be a whole number, at least 1.');
    }
    return { endpoint: config.endpoint, resource, refresh: config.refresh };
  }

  protected override render() {
    const { data, error } = this.stats.state;
    const engagement = asEngagement(data);
    if (!engagement) {
      if (error) return errorView(error);
      return data === undefined ? loadingView(this.height) : errorView({ message: 'The engagement data is not in Wistia’s shape.' });
    }
    const views = bucket(engagement.engagement_data, this.bars);
    const rewatches = bucket(engagement.rewatch_data, this.bars);
    const [width, height] = [this.width, this.height];
    const barWidth = width / Math.max(1, views.length);
    const tallest = Math.max(1, ...views, ...rewatches);
    const inset = barWidth > 4 ? barWidth * 0.1 : 0;
    const bar = (part: string, value: number, index: number) => {
      const barHeight = (value / tallest) * height;
      return svg`<rect part=${part} x=${index * barWidth + inset / 2} y=${height - barHeight}
        width=${barWidth - inset} height=${barHeight} fill=${this.barImage && part === 'bar' ? 'url(#bar-image)' : nothing}></rect>`;
    };
    return html`<svg part="graph" role="img" aria-labelledby="summary" viewBox="0 0 ${width} ${height}"
        height=${height} preserveAspectRatio="none">
        ${this.barImage
          ? svg`<defs><pattern id="bar-image" patternUnits="userSpaceOnUse" width=${barWidth} height=${barWidth}
              y=${height % barWidth}><image href=${this.barImage} width=${barWidth} height=${barWidth}
              preserveAspectRatio="xMidYMid meet"></image></pattern></defs>`
          : nothing}
        <g>${views.map((value, index) => bar('bar', value, index))}</g>
        <g>${rewatches.map((value, index) => bar('rewatch', value, index))}</g>
      </svg>
      <p id="summary" part="summary" class="visually-hidden">${summarize(engagement, this.merged().locale)}</p>`;
  }
}

function asEngagement(data: unknown): MediaEngagement | undefined {
  const candidate = data as Partial<MediaEngagement> | undefined;
  const numbers = (list: unknown): list is number[] => Array.isArray(list) && list.every((n) => typeof n === 'number');
  return candidate && typeof candidate.engagement === 'number' && numbers(candidate.engagement_data) && numbers(candidate.rewatch_data)
    ? (candidate as MediaEngagement)
    : undefined;
}

/** Averages neighbouring points down to at most `count` bars. */
function bucket(points: number[], count: number | undefined): number[] {
  if (!count || points.length <= count) return points;
  return Array.from({ length: count }, (_, index) => {
    const slice = points.slice(Math.floor((index * points.length) / count), Math.floor(((index + 1) * points.length) / count));
    return slice.reduce((sum, n) => sum + n, 0) / Math.max(1, slice.length);
  });
}

/** The graph in words, for screen readers: where viewers start, stay, leave and rewatch. */
function summarize({ engagement, engagement_data: views, rewatch_data: rewatches }: MediaEngagement, locale?: string): string {
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const count = new Intl.NumberFormat(locale);
  const start = views[0] ?? 0;
  const share = (index: number) => percent.format(start ? (views[index] ?? 0) / start : 0);
  const mostRewatched = rewatches.indexOf(Math.max(...rewatches));
  const parts = [
    `Engagement graph: on average ${percent.format(engagement)} of the video is watched.`,
    `Of ${count.format(start)} views at the start, ${share(Math.floor(views.length / 2))} are still watching halfway and ${share(views.length - 1)} at the end.`,
  ];
  if (views.length > 1 && (rewatches[mostRewatched] ?? 0) > 0) {
    parts.push(`The most rewatched moment is ${percent.format(mostRewatched / (views.length - 1))} of the way in.`);
  }
  return parts.join(' ');
}

define('wistia-engagement', WistiaEngagement);

declare global {
  interface HTMLElementTagNameMap {
    'wistia-engagement': WistiaEngagement;
  }
}
