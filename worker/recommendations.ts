/**
 * `GET /v1/recommendations.json`: which of a project's videos to show a viewer next
 * (docs/architecture.md, "Recommendations"). Not a Wistia resource: it is made here from two
 * that are, each read like any other (edge cache → shield → budget → upstream → allow-list):
 * the project's media list (Wistia's Data API, one per project) and that visitor's viewing
 * sessions (the events list, a few pages at most, kept a short time). Only four fields of
 * each media leave the Worker: never an event, a visitor or anyone else's data.
 */
import { etagOf } from './answers.ts';
import { textOf, type CacheStatus, type Served } from './edge-cache.ts';
import type { Recommendation } from '../src/wistia-api.ts';
import { AppError } from './errors.ts';
import { bodyOf, type Read } from './reads.ts';
import * as resources from './resources.ts';
import type { RecommendationRequest } from './resources.ts';

/**
 * At most this many pages of 100 sessions (the visitor's latest 500) are read: a new viewer
 * with a long history costs at most 1 + 5 upstream requests, within one address's limit of
 * requests for what is not cached (docs/architecture.md, "Hostile clients").
 */
const MAX_HISTORY_PAGES = 5;
const EVENTS_PAGE_SIZE = 100;
/** A session that reached this share of the video finished it. */
const FINISHED = 0.9;

/** What the recommendation needs of one viewing session. */
interface Session {
  mediaId: string;
  percentViewed: number;
  receivedAtMs: number;
}

/** The recommendations as one answer, as fresh as the oldest of the answers it was made from. */
export async function recommend(read: Read, request: RecommendationRequest): Promise<Served> {
  const [project, history] = await Promise.all([read(resources.projectMedias(request.projectId)), readHistory(read, request.visitorKey)]);
  const medias = await mediasOf(project);
  const best = bestSessions(history.sessions);
  const chosen =
    request.mode === 'unwatched'
      ? medias.filter((media) => !best.has(media.hashed_id))
      : medias
          .filter((media) => (best.get(media.hashed_id)?.percentViewed ?? 1) < FINISHED)
          .sort((a, b) => best.get(b.hashed_id)!.lastAtMs - best.get(a.hashed_id)!.lastAtMs);
  const body = JSON.stringify(chosen.slice(0, request.limit));
  const parts = [project, ...history.served];
  const status = (wanted: CacheStatus) => parts.some((part) => part.cacheStatus === wanted);
  return {
    answer: { status: 200, body, etag: await etagOf(body), fetchedAt: Math.min(...parts.map((part) => part.answer.fetchedAt)) },
    cacheStatus: status('MISS') ? 'MISS' : status('STALE') ? 'STALE' : 'HIT',
    outdated: parts.some((part) => part.outdated),
  };
}

/** The visitor's latest sessions, page by page until a short page or the cap. */
async function readHistory(read: Read, visitorKey: string | undefined): Promise<{ sessions: Session[]; served: Served[] }> {
  const history = { sessions: [] as Session[], served: [] as Served[] };
  if (visitorKey === undefined) return history;
  for (let page = 1; page <= MAX_HISTORY_PAGES; page++) {
    const query = new URLSearchParams({ visitor_key: visitorKey, ...(page > 1 && { page: String(page) }) });
    const served = await read(resources.events(query.toString()));
    history.served.push(served);
    const rows = served.answer.status === 200 ? (JSON.parse(await textOf(served.answer)) as unknown[]) : [];
    history.sessions.push(...rows.flatMap(sessionOf));
    if (rows.length < EVENTS_PAGE_SIZE) break;
  }
  return history;
}

function sessionOf(row: unknown): Session[] {
  const { media_id: mediaId, percent_viewed: percentViewed, received_at: receivedAt } = (row ?? {}) as Record<string, unknown>;
  const receivedAtMs = typeof receivedAt === 'string' ? Date.parse(receivedAt) : NaN;
  // A session Wistia could not say more of still counts as watched, not finished.
  return typeof mediaId === 'string'
    ? [
        {
          mediaId,
          percentViewed: typeof percentViewed === 'number' ? percentViewed : 0,
          receivedAtMs: Number.isNaN(receivedAtMs) ? 0 : receivedAtMs,
        },
      ]
    : [];
}

/** Per media: the furthest any session got, and when the latest was. */
function bestSessions(sessions: Session[]): Map<string, { percentViewed: number; lastAtMs: number }> {
  const best = new Map<string, { percentViewed: number; lastAtMs: number }>();
  for (const { mediaId, percentViewed, receivedAtMs } of sessions) {
    const known = best.get(mediaId);
    best.set(mediaId, {
      percentViewed: Math.max(percentViewed, known?.percentViewed ?? 0),
      lastAtMs: Math.max(receivedAtMs, known?.lastAtMs ?? 0),
    });
  }
  return best;
}

/** The project's medias, in its order, as the four fields; a project Wistia does not have is a 404. */
async function mediasOf(project: Served): Promise<Recommendation[]> {
  const { medias } = (await bodyOf(project, 'No such project.')) as { medias?: unknown };
  if (!Array.isArray(medias)) {
    throw new AppError({ status: 502, code: 'upstream_error', message: 'Wistia’s project has no list of medias.' });
  }
  return medias.flatMap((media: Record<string, unknown> | null) => {
    const { hashed_id: hashedId, name, duration, thumbnail } = media ?? {};
    if (typeof hashedId !== 'string') return [];
    const url = (thumbnail as { url?: unknown } | null | undefined)?.url;
    return [
      {
        hashed_id: hashedId,
        name: typeof name === 'string' ? name : '',
        // Shown as an <img> on other sites: a web address or nothing.
        thumbnail_url: typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null,
        duration: typeof duration === 'number' && Number.isFinite(duration) ? duration : null,
      },
    ];
  });
}
