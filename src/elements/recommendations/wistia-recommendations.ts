import { html, nothing } from 'lit';
import { numeric } from '../../core/base-element.ts';
import { WistiaElement } from '../../core/template-element.ts';
import { define } from '../../core/define.ts';
import { badAttribute, isError, problem, type StatsError } from '../../core/events.ts';
import { ResourceController } from '../../core/resource-controller.ts';
import { checkId } from '../../core/resources.ts';
import { stateStyles } from '../../core/styles.ts';
import { findPlayer, onVideoEnd, playerVisitorKey, playIn } from '../../core/wistia-player.ts';
import { HASHED_ID, VISITOR_KEY, type Recommendation } from '../../wistia-api.ts';
import { recommendationsStyles } from './wistia-recommendations.styles.ts';

const MODES = ['unwatched', 'unfinished'] as const;

/** What to watch next in a project, for a visitor (none: someone Wistia has never seen). */
function recommendationsResource(
  projectId: string | undefined,
  visitorKey: string | undefined,
  mode: string,
  limit: number | undefined,
): string | StatsError {
  if (projectId === undefined) return badAttribute('Set project-id to the hashed id of the project to recommend from.');
  const wrong =
    checkId(HASHED_ID, 'project-id', projectId) ?? (visitorKey === undefined ? undefined : checkId(VISITOR_KEY, 'visitor-key', visitorKey));
  if (wrong) return wrong;
  const query = new URLSearchParams({
    project_id: projectId,
    ...(visitorKey && { visitor_key: visitorKey }),
    ...(mode !== 'unwatched' && { mode }),
    ...(limit && { limit: String(limit) }),
  });
  return `/v1/recommendations.json?${query}`;
}

/** A video's length as the locale writes it: "4 min, 5 sec" (`Intl.DurationFormat`), else "4:05". */
function formatDuration(totalSeconds: number, locale: string | undefined): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const parts = { hours: Math.floor(seconds / 3600), minutes: Math.floor((seconds % 3600) / 60), seconds: seconds % 60 };
  const DurationFormat = (Intl as { DurationFormat?: new (locale?: string, options?: object) => { format(duration: object): string } })
    .DurationFormat;
  if (DurationFormat) return new DurationFormat(locale, { style: 'short' }).format(parts);
  const two = (n: number) => String(n).padStart(2, '0');
  return parts.hours ? `${parts.hours}:${two(parts.minutes)}:${two(parts.seconds)}` : `${parts.minutes}:${two(parts.seconds)}`;
}

/**
 * What to watch next: the videos of a project this viewer has not played (or, with
 * `mode="unfinished"`, started and left before the end, most recent first), as cards with a
 * thumbnail, a name and a length. When nothing is left, it says so (the `empty` slot).
 *
 * The viewer is the `visitor-key` given, else the one Wistia's player on the page knows them
 * by (the `<wistia-player>` that `for` names, or the first one, or an older `_wq` embed), else
 * nobody: then every video is unplayed. When the viewer finishes a video in that player, the
 * video leaves the list at once and the Worker is asked again. Picking a card fires
 * `wistia-recommendation-select`; with `for`, the video also plays in that player.
 *
 * Needs `recommendations` in the Worker's `EXPOSE`.
 *
 * @element wistia-recommendations
 * @slot empty - Shown when there is nothing to recommend. Default: “You’ve seen everything.”
 * @fires {RecommendationSelectDetail} wistia-recommendation-select - The viewer picked a video. `detail: {hashed_id, name}`.
 * @fires {StatsUpdateDetail} wistia-stats-update - New recommendations reached the element. `detail: {resource, data}`.
 * @fires {StatsErrorDetail} wistia-error - A request failed or an attribute is wrong. `detail: {resource, status, code, message}`.
 * @csspart list - The list of cards.
 * @csspart card - One video: a button.
 * @csspart thumbnail - The box its picture fills (a placeholder while the picture loads, or if it cannot).
 * @csspart image - The picture (`<img>`).
 * @csspart name - Its name.
 * @csspart duration - Its length, in the locale.
 * @csspart empty - Wraps the `empty` slot.
 * @csspart loading - Shown until the first answer.
 * @csspart error - The readable error.
 * @attr stale - Set by the element while the list shown is an older one.
 * @cssprop --wistia-recommendations-card-width - The narrowest a card gets. Default: `10rem`.
 * @cssprop --wistia-recommendations-gap - Between cards. Default: `0.75rem`.
 * @cssprop --wistia-recommendations-radius - Corners of cards and pictures. Default: `0.5rem`.
 * @cssprop --wistia-recommendations-card-background - Behind a card. Default: transparent.
 * @cssprop --wistia-recommendations-placeholder-color - A thumbnail without its picture. Default: 10% of the text colour.
 * @cssprop --wistia-recommendations-focus-color - The focus ring. Default: `#1b72c4`.
 * @cssprop --wistia-stale-opacity - The list's opacity while it is an older one. Default: `0.7`.
 */
export class WistiaRecommendations extends WistiaElement {
  static override styles = [stateStyles, recommendationsStyles];

  static override properties = {
    projectId: { attribute: 'project-id' },
    visitorKey: { attribute: 'visitor-key' },
    mode: {},
    limit: { type: Number },
    htmlFor: { attribute: 'for' },
    playerKey: { state: true },
    finished: { state: true },
  };

  /** The project's hashed id: its videos are the ones recommended. */
  declare projectId?: string;

  /** Whose history counts. Default: the visitor key of Wistia's player on the page; without one, nobody's. */
  declare visitorKey?: string;

  /** `unwatched`: videos never played. `unfinished`: videos left before the end, most recent first. */
  declare mode: 'unwatched' | 'unfinished';

  /** At most this many cards (1 to 100). Default: all. */
  declare limit?: number;

  /** The id of the `<wistia-player>` to play a picked video in, and whose viewer and finished videos count. */
  declare htmlFor?: string;

  /** The player's visitor key: undefined while it is looked for, null when there is none. */
  declare private playerKey: string | null | undefined;
  /** Videos the viewer finished here since the list came: no longer recommended. */
  declare private finished: ReadonlySet<string>;
  private stopListening: (() => void) | undefined;
  private linkedTo: string | undefined | null = null;

  private readonly list = new ResourceController<Recommendation[]>(this, {
    need: () => {
      if (!MODES.includes(this.mode)) return badAttribute(`mode "${this.mode}" must be one of ${MODES.join(', ')}.`);
      const limit = numeric(this.limit);
      if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 100))
        return badAttribute('limit must be a whole number from 1 to 100.');
      if (this.visitorKey === undefined && this.playerKey === undefined) return null; // still asking the player
      const resource = recommendationsResource(this.projectId, this.viewer(), this.mode, limit);
      return isError(resource) ? resource : { resource };
    },
    read: (data) => asRecommendations(data) ?? problem(200, 'bad_response', 'The recommendations are not a list of videos.'),
  });

  constructor() {
    super();
    this.mode = 'unwatched';
    this.finished = new Set();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopListening?.();
    this.stopListening = undefined;
    this.linkedTo = null;
  }

  /** Before the list asks anything: the player this element follows, its viewer, its finished videos. */
  protected override willUpdate(): void {
    if (this.linkedTo === this.htmlFor) return;
    const linked = (this.linkedTo = this.htmlFor);
    this.stopListening?.();
    const player = findPlayer(linked);
    this.stopListening = onVideoEnd(player, (mediaId) => this.videoEnded(mediaId));
    // Looked up even with a visitor-key, which may be removed later; no player answers at once.
    this.playerKey = undefined;
    void playerVisitorKey(player).then((key) => {
      if (this.linkedTo === linked) this.playerKey = key ?? null;
    });
  }

  private videoEnded(mediaId: string | undefined): void {
    if (mediaId) {
      this.finished = new Set([...this.finished, mediaId]);
      rememberFinished(this.viewer(), mediaId);
    }
    this.list.refresh();
  }

  /** Whose list: the visitor key given, or the player's viewer; none known, everyone's. */
  private viewer(): string | undefined {
    return this.visitorKey ?? this.playerKey ?? undefined;
  }

  private select(recommendation: Recommendation): void {
    this.emit('wistia-recommendation-select', { hashed_id: recommendation.hashed_id, name: recommendation.name });
    if (this.htmlFor === undefined) return;
    const player = findPlayer(this.htmlFor);
    if (player) playIn(player, recommendation.hashed_id).catch(() => undefined);
    else this.emit('wistia-error', { ...badAttribute(`for="${this.htmlFor}" names no <wistia-player> on this page.`), resource: null });
  }

  protected override render() {
    return this.list.render({
      value: (list) => {
        const finished = new Set([...this.finished, ...finishedInTab(this.viewer())]);
        const shown = list.filter((recommendation) => !finished.has(recommendation.hashed_id));
        if (!shown.length) return html`<p part="empty"><slot name="empty">You’ve seen everything.</slot></p>`;
        const locale = this.merged().locale;
        return html`<ul part="list" aria-label="Recommended videos">
          ${shown.map(
            (recommendation) =>
              html`<li>
                <button part="card" type="button" @click=${() => this.select(recommendation)}>
                  <span part="thumbnail"
                    >${recommendation.thumbnail_url ? html`<img part="image" src=${recommendation.thumbnail_url} alt="" loading="lazy" @error=${hideBroken} />` : nothing}</span
                  >
                  <span part="name">${recommendation.name}</span>
                  ${recommendation.duration === null ? nothing : html`<span part="duration">${formatDuration(recommendation.duration, locale)}</span>`}
                </button>
              </li>`,
          )}
        </ul>`;
      },
    });
  }
}

/**
 * The videos a viewer (none known: '') finished in this tab, kept in `sessionStorage`: the
 * Worker's copy of a list lives a few minutes, so a reload, or the next page of the site,
 * would bring a finished video back (docs/architecture.md, "Trends, recommendations and
 * call-to-action stats"). Storage refused (a sandboxed frame) or holding anything else: none.
 */
const finishedKey = (viewer: string | undefined) => `wistia-stats:finished:${viewer ?? ''}`;

function finishedInTab(viewer: string | undefined): string[] {
  try {
    const kept: unknown = JSON.parse(sessionStorage.getItem(finishedKey(viewer)) ?? '[]');
    return Array.isArray(kept) ? kept.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

function rememberFinished(viewer: string | undefined, mediaId: string): void {
  const ids = finishedInTab(viewer);
  try {
    if (!ids.includes(mediaId)) sessionStorage.setItem(finishedKey(viewer), JSON.stringify([...ids, mediaId]));
  } catch {
    // Refused: this element still leaves it off (this.finished); a reload will not.
  }
}

/** A picture that will not load leaves the thumbnail's placeholder, not a broken-image icon. */
const hideBroken = (event: Event) => ((event.target as HTMLImageElement).hidden = true);

function asRecommendations(data: unknown): Recommendation[] | undefined {
  const ok = (item: Partial<Recommendation> | null) =>
    typeof item?.hashed_id === 'string' &&
    typeof item.name === 'string' &&
    (item.thumbnail_url === null || (typeof item.thumbnail_url === 'string' && /^https?:\/\//i.test(item.thumbnail_url))) &&
    (item.duration === null || (typeof item.duration === 'number' && item.duration >= 0 && item.duration < Infinity));
  return Array.isArray(data) && data.every(ok) ? (data as Recommendation[]) : undefined;
}

define('wistia-recommendations', WistiaRecommendations);

declare global {
  interface HTMLElementTagNameMap {
    'wistia-recommendations': WistiaRecommendations;
  }
}
