import { html, nothing, svg } from 'lit';
import { numeric } from '../../core/base-element.ts';
import { WistiaElement } from '../../core/template-element.ts';
import { define } from '../../core/define.ts';
import { badAttribute, isError, problem, type StatsError } from '../../core/events.ts';
import { formatter } from '../../core/format.ts';
import { ResourceController } from '../../core/resource-controller.ts';
import { checkId } from '../../core/resources.ts';
import { loadingView, stateStyles } from '../../core/styles.ts';
import { HASHED_ID, type MediaEngagement } from '../../wistia-api.ts';
import { bucket, largest } from './bars.ts';
import { engagementStyles } from './wistia-engagement.styles.ts';

/** The Worker path of a media's engagement, or why there is none: here, not in the core, which every counter downloads. */
const engagementResource = (mediaId: string | undefined): string | StatsError =>
  mediaId === undefined
    ? badAttribute('Set media-id to the video’s hashed id.')
    : (checkId(HASHED_ID, 'media-id', mediaId) ?? `/v1/stats/medias/${mediaId}/engagement.json`);

/**
 * The engagement graph of Wistia's stats page, as SVG: how many times each moment of the
 * video was watched (`engagement_data`), with rewatches (`rewatch_data`) drawn over it. It
 * scales to its width, and screen readers get a summary in words.
 *
 * Bars can be any picture: `bar-image="purple-cat.svg"` stacks that image in every bar.
 *
 * @element wistia-engagement
 * @fires {StatsUpdateDetail} wistia-stats-update - New data reached the element. `detail: {resource, data}`.
 * @fires {StatsErrorDetail} wistia-error - A request failed or an attribute is wrong. `detail: {resource, status, code, message}`.
 * @csspart graph - The `<svg>`.
 * @csspart bar - Each engagement bar (an SVG `rect`: style it with `fill`).
 * @csspart rewatch - Each rewatch bar, drawn over the engagement bars.
 * @csspart summary - The graph in words; visually hidden, read by screen readers.
 * @csspart loading - Shown until the first answer.
 * @csspart error - The readable error.
 * @attr {boolean} stale - Set by the element while the graph shown is an older one.
 * @cssprop --wistia-engagement-bar-color - Engagement bars. Default: `#54bbff`.
 * @cssprop --wistia-engagement-rewatch-color - Rewatch bars. Default: `#1b72c4`.
 * @cssprop --wistia-engagement-rewatch-opacity - Rewatch bars' opacity. Default: `0.9`.
 * @cssprop --wistia-engagement-background - Behind the bars. Default: transparent.
 * @cssprop --wistia-engagement-radius - Corner radius of the graph. Default: `0`.
 */
export class WistiaEngagement extends WistiaElement {
  static override styles = [stateStyles, engagementStyles];

  static override properties = {
    mediaId: { attribute: 'media-id' },
    height: { type: Number },
    bars: { type: Number },
    barImage: { attribute: 'bar-image', reflect: true },
    width: { state: true },
  };

  /** The video's hashed id. */
  declare mediaId?: string;

  /** Height of the graph in pixels. */
  declare height: number;

  /** At most this many bars: neighbouring points are averaged. Default: one bar per data point, at most one per 2 pixels of width. */
  declare bars?: number;

  /** A picture (URL) to stack inside every bar instead of a plain fill: purple cats, say. */
  declare barImage?: string;

  declare private width: number;

  private readonly stats = new ResourceController<MediaEngagement>(this, {
    need: () => {
      const resource = engagementResource(this.mediaId);
      if (isError(resource)) return resource;
      if (!(this.heightPx > 0 && this.heightPx < 1e4)) return badAttribute('height must be a number of pixels above 0.');
      const bars = numeric(this.bars);
      if (bars !== undefined && !(Number.isInteger(bars) && bars >= 1)) return badAttribute('bars must be a whole number, at least 1.');
      return { resource };
    },
    read: (data) => asEngagement(data) ?? problem(200, 'bad_response', 'The engagement data is not in Wistia’s shape.'),
  });

  private readonly resize = new ResizeObserver(([entry]) => {
    if (entry && entry.contentRect.width > 0) this.width = entry.contentRect.width;
  });

  constructor() {
    super();
    this.height = 120;
    this.width = 600;
  }

  private get heightPx(): number {
    return numeric(this.height) ?? NaN;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize.disconnect();
  }

  protected override render() {
    return this.stats.render({ loading: () => loadingView(this.heightPx), value: (engagement) => this.graph(engagement) });
  }

  private graph(engagement: MediaEngagement) {
    const [width, height] = [this.width, this.heightPx];
    // However many points Wistia sends, the graph draws no more bars than its width can show.
    const count = Math.min(numeric(this.bars) ?? Infinity, Math.max(1, Math.floor(width / 2)));
    const views = bucket(engagement.engagement_data, count);
    const rewatches = bucket(engagement.rewatch_data, count, engagement.engagement_data.length);
    const barWidth = width / Math.max(1, views.length);
    const tallest = Math.max(1, largest(views).value, largest(rewatches).value);
    const inset = barWidth > 4 ? barWidth * 0.1 : 0;
    const bar = (part: string, value: number, index: number) => {
      const barHeight = (Math.min(value, tallest) / tallest) * height;
      return svg`<rect part=${part} x=${index * barWidth + inset / 2} y=${height - barHeight}
        width=${barWidth - inset} height=${barHeight} fill=${this.barImage && part === 'bar' ? 'url(#bar-image)' : nothing}></rect>`;
    };
    return html`<svg part="graph" role="img" aria-labelledby="summary" viewBox="0 0 ${width} ${height}"
        height=${height} preserveAspectRatio="none">
        ${
          this.barImage
            ? svg`<defs><pattern id="bar-image" patternUnits="userSpaceOnUse" width=${barWidth} height=${barWidth}
              y=${height % barWidth}><image href=${this.barImage} width=${barWidth} height=${barWidth}
              preserveAspectRatio="xMidYMid meet"></image></pattern></defs>`
            : nothing
        }
        <g>${views.map((value, index) => bar('bar', value, index))}</g>
        <g>${rewatches.map((value, index) => bar('rewatch', value, index))}</g>
      </svg>
      <p id="summary" part="summary" class="visually-hidden">${summarize(engagement, this.merged().locale)}</p>`;
  }
}

function asEngagement(data: unknown): MediaEngagement | undefined {
  const candidate = data as Partial<MediaEngagement> | null;
  const numbers = (list: unknown): list is number[] =>
    Array.isArray(list) && list.every((n) => typeof n === 'number' && n >= 0 && n < Infinity);
  return candidate && typeof candidate.engagement === 'number' && numbers(candidate.engagement_data) && numbers(candidate.rewatch_data)
    ? (candidate as MediaEngagement)
    : undefined;
}

/** The graph in words, for screen readers: where viewers start, stay, leave and rewatch. */
function summarize({ engagement, engagement_data: views, rewatch_data: rewatches }: MediaEngagement, locale?: string): string {
  const percent = formatter(locale, { style: 'percent', maximumFractionDigits: 0 });
  const count = formatter(locale, {});
  const start = views[0] ?? 0;
  const share = (index: number) => percent.format(start ? (views[index] ?? 0) / start : 0);
  const mostRewatched = largest(rewatches.slice(0, views.length)).index;
  const parts = [
    `Engagement graph: on average ${percent.format(engagement)} of the video is watched.`,
    `Of ${count.format(start)} views at the start, ${share(Math.floor(views.length / 2))} are still watching halfway and ${share(views.length - 1)} at the end.`,
  ];
  if (views.length > 1 && mostRewatched >= 0) {
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
