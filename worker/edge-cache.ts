/**
 * The two cache layers, in the order a request meets them: this location's Cache API (with
 * this isolate's memory of its hot answers in front, edge-memory.ts), then the resource's
 * StatsShield. A stale edge copy is answered at once and refreshed through the shield in the
 * background (`waitUntil`); `cache.put` ignores stale-while-revalidate, so freshness is
 * tracked here from the answer's `fetchedAt`.
 */
import type { Config, Env } from './config.ts';
import { AppError } from './errors.ts';
import { freshnessOf, keepSecondsOf, lifetimeOf, type StoredAnswer } from './answers.ts';
import { EdgeMemory } from './edge-memory.ts';
import { viewOf } from './policy.ts';
import { resourceKey, type Resource } from './resources.ts';

export type CacheStatus = 'HIT' | 'MISS' | 'STALE';

/**
 * An answer as it is served: the shield's, or this location's copy, whose body is passed on
 * as it streams from the cache, never read (docs/architecture.md, "The edge hit").
 */
export type ServedAnswer = Omit<StoredAnswer, 'body'> & { body: string | ReadableStream<Uint8Array> | null };

/** The body of a served answer as text (a claim reads the value in it). */
export async function textOf(answer: ServedAnswer): Promise<string> {
  return typeof answer.body === 'string' ? answer.body : new Response(answer.body).text();
}

export interface Served {
  answer: ServedAnswer;
  cacheStatus: CacheStatus;
  /**
   * A stale copy that could not be refreshed: Wistia's last answer failed (the shield says so),
   * or this isolate's last refresh of it failed (the shield unreachable). Marked
   * `X-Stats-Stale: 1` for pages. A routine stale-while-revalidate answer is not, however old
   * (a resource nobody asked for in a while), or pages would show numbers as stale whenever
   * the refresh they just started is under way.
   */
  outdated: boolean;
}

/**
 * The same resource is a different answer with PII exposed, or heatmaps: never share their
 * caches (a change of configuration must not serve answers made under the old one).
 */
function identity(resource: Resource, config: Config): string {
  const { exposePii, heatmap } = viewOf(config); // the view the upstream filter applies
  const view = `${exposePii ? 'with-pii' : 'public'}${heatmap ? '+heatmap' : ''}`;
  return `/${view}${resourceKey(resource)}`;
}

/**
 * This isolate's hot answers (edge-memory.ts): up to 1,000, 4 MiB in all, of a Worker's 128 MB.
 * Only what the Cache API would answer as a HIT is held, and never one person's viewing
 * history (a visitor's events, `personal`), which stays in no memory longer than it must.
 */
const memory = new EdgeMemory(1000, 4 * 1024 * 1024);

/**
 * This isolate's background refreshes, by cache key, each with when another may start and,
 * when its last refresh failed, which copy it failed for (its `fetchedAt`): that copy is
 * answered marked, a newer one (another isolate refreshed it) is not. Every
 * request that meets a stale copy is answered with it, but only the first starts a refresh
 * (a shield call and a cache write): one per location per resource per TTL, however busy the
 * resource. A refresh holds its entry while it is in flight, however slow Wistia is (up to
 * `REFRESH_IN_FLIGHT_MS`, should it never settle). One that stores a fresh answer clears it;
 * one that does not (Wistia failing, the shield unreachable) holds it for a TTL, within which
 * the shield would not ask Wistia again anyway (docs/architecture.md, "Caching and the upstream").
 */
const refreshing = new Map<string, { until: number; failedFor?: number }>();
const MAX_REFRESHING = 1000;
const REFRESH_IN_FLIGHT_MS = 30_000;
/** Names this isolate in its refresh log lines (made on first use: no randomness at global scope in a Worker). */
let isolateId: string | undefined;

function startRefresh(cacheKey: string): boolean {
  const now = Date.now();
  const last = refreshing.get(cacheKey);
  if ((last?.until ?? 0) > now) return false;
  if (refreshing.size >= MAX_REFRESHING) for (const [key, { until }] of refreshing) if (until <= now) refreshing.delete(key);
  refreshing.set(cacheKey, { until: now + REFRESH_IN_FLIGHT_MS, failedFor: last?.failedFor });
  return true;
}

/** `client` is the asking address: a resource nobody has read yet counts against its limit. */
export async function readThroughCaches(
  env: Env,
  ctx: ExecutionContext,
  requestUrl: string,
  resource: Resource,
  baseConfig: Config,
  client: string,
): Promise<Served> {
  const config = lifetimeOf(resource.personal, baseConfig);
  const name = identity(resource, config);
  // The request's origin and the name: a URL as it is (no `URL` parsed for it on every hit).
  const cacheKey = `${requestUrl.slice(0, requestUrl.indexOf('/', requestUrl.indexOf('//') + 2))}/__edge-cache${name}`;
  const hot = memory.get(cacheKey, config, Date.now());
  if (hot) return { answer: hot, cacheStatus: 'HIT', outdated: false };
  const shield = () => env.SHIELD.get(env.SHIELD.idFromName(name)); // only on a miss: a hit needs no shield
  const cache = caches.default;

  const cached = await cache.match(cacheKey);
  if (cached) {
    const answer = fromCacheResponse(cached);
    const now = Date.now();
    const freshness = freshnessOf(answer, config, now);
    if (freshness === 'fresh') {
      // A copy this isolate does not hold (another isolate stored it, or it was pushed out):
      // read once and held from now on, if it may be; otherwise streamed on as it comes.
      const length = Number(cached.headers.get('Content-Length'));
      if (answer.status === 200 && !resource.personal && length > 0 && memory.mayHold(length)) {
        const held = { ...answer, body: await cached.text() };
        memory.set(cacheKey, held, config, now);
        return { answer: held, cacheStatus: 'HIT', outdated: false };
      }
      return { answer, cacheStatus: 'HIT', outdated: false };
    }
    if (freshness === 'stale') {
      if (startRefresh(cacheKey)) {
        isolateId ??= crypto.randomUUID();
        console.log(JSON.stringify({ event: 'edge_refresh', resource: resource.path, isolate: isolateId }));
        const failed = (): void =>
          void refreshing.set(cacheKey, { until: Date.now() + config.cacheTtlSeconds * 1000, failedFor: answer.fetchedAt });
        ctx.waitUntil(
          shield()
            .read(resource, { waitForFresh: true, client })
            .then(async (result) => {
              // A fresh answer replaces the copy; a failed refresh marks it, so this location says so too.
              if (result.kind === 'answer' && (result.freshness === 'fresh' || result.outdated)) {
                await store(cache, cacheKey, result.answer, resource, config, result.outdated === true);
              }
              // Stored fresh: the next refresh is due a TTL from now, when the copy goes stale again.
              if (result.kind === 'answer' && result.freshness === 'fresh') refreshing.delete(cacheKey);
              else failed();
            }, failed),
        );
      }
      const outdated = cached.headers.has('X-Outdated') || refreshing.get(cacheKey)?.failedFor === answer.fetchedAt;
      return { answer, cacheStatus: 'STALE', outdated };
    }
  }

  const result = await shield().read(resource, { waitForFresh: false, client });
  if (result.kind === 'error') throw new AppError(result.error);
  if (result.freshness === 'fresh') ctx.waitUntil(store(cache, cacheKey, result.answer, resource, config));
  const cacheStatus: CacheStatus = result.freshness === 'stale' ? 'STALE' : result.fromUpstream ? 'MISS' : 'HIT';
  return { answer: result.answer, cacheStatus, outdated: result.outdated === true };
}

/**
 * Keeps a fresh answer at this location, in this isolate's memory too (never a personal one;
 * memory holds fresh 200s only, so a stale or outdated copy leaves nothing there). One with
 * nothing left to keep still replaces what was there: a stale 200 must not outlive Wistia's
 * newer 404.
 */
async function store(cache: Cache, key: string, answer: StoredAnswer, resource: Resource, config: Config, outdated = false): Promise<void> {
  if (!resource.personal) memory.set(key, answer, config, Date.now());
  const keepSeconds = keepSecondsOf(answer, config);
  const remaining = Math.ceil(keepSeconds - (Date.now() - answer.fetchedAt) / 1000);
  if (remaining <= 0) {
    await cache.delete(key);
    return;
  }
  await cache.put(
    key,
    new Response(answer.body, {
      status: answer.status,
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': `public, max-age=${remaining}`,
        ETag: answer.etag,
        'X-Fetched-At': String(answer.fetchedAt),
        ...(outdated && { 'X-Outdated': '1' }),
      },
    }),
  );
}

function fromCacheResponse(response: Response): ServedAnswer {
  return {
    status: response.status === 404 ? 404 : 200,
    body: response.body,
    etag: response.headers.get('ETag') ?? '',
    fetchedAt: Number(response.headers.get('X-Fetched-At')) || 0,
  };
}

/**
 * How long an answer may be kept, and by whom: for the TTL counted from when Wistia gave it
 * (`Age`). The JSON answer and the SVG badges and cards made from it share these rules; an
 * image passes its own `etag`, marked stale as the answer's would be.
 */
export function cacheHeaders({ answer, cacheStatus, outdated }: Served, config: Config, etag = answer.etag): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Cache': cacheStatus,
    Age: String(Math.max(0, Math.floor((Date.now() - answer.fetchedAt) / 1000))),
  };
  if (answer.status === 404) {
    headers['Cache-Control'] = `public, max-age=${config.negativeTtlSeconds}`;
  } else if (outdated) {
    headers['Cache-Control'] = 'public, max-age=0, must-revalidate';
    headers['X-Stats-Stale'] = '1';
    // Another representation, another tag: a browser revalidating its stale copy must get the
    // fresh answer in full, not a 304 that would keep the stored X-Stats-Stale for good.
    headers.ETag = etag.replace(/"$/, '-stale"');
  } else if (cacheStatus === 'STALE') {
    headers['Cache-Control'] = 'public, max-age=0, must-revalidate';
    headers.ETag = etag;
  } else {
    headers['Cache-Control'] = `public, max-age=${config.cacheTtlSeconds}`;
    headers.ETag = etag;
  }
  return headers;
}

/** The public answer: Wistia's JSON as the allow-list left it. */
export function statsResponse(served: Served, config: Config): Response {
  return new Response(served.answer.body, {
    status: served.answer.status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...cacheHeaders(served, config) },
  });
}
