/**
 * The page-wide store. However many elements show a resource, the page makes one request
 * for it, polls at the shortest `refresh` any of them wants, and pauses while the tab is
 * hidden. Polls carry no custom header (no CORS preflight): the browser revalidates its
 * copy with the Worker's ETag. A stale answer or a passing failure is asked again soon,
 * backing off; a failed refresh keeps the last value; a request nobody waits for any more
 * is given up. See docs/architecture.md, "The page side".
 */
import { getStats, type Fetched } from './client.ts';
import { isError, problem, type StatsError } from './events.ts';

export interface ResourceState {
  /** The last good answer; kept when a later refresh fails. */
  data?: unknown;
  /** The last refresh's failure, cleared by the next success. */
  error?: StatsError | undefined;
  /** The Worker answered with its stale copy (`X-Stats-Stale: 1`). */
  stale: boolean;
}

export type Listener = (state: ResourceState) => void;

/** How a resource is asked for: a stats GET unless told otherwise (the heatmap checks a redirect). */
export type Loader = (url: string, knownEtag: string | null, signal: AbortSignal) => Promise<Fetched | StatsError>;

interface Entry {
  url: string;
  load: Loader;
  state: ResourceState;
  etag: string | null;
  /** Each listener with the refresh it wants, in seconds. */
  listeners: Map<Listener, number | undefined>;
  request?: AbortController | undefined;
  timer?: ReturnType<typeof setTimeout>;
  /** When the last answer (or failure) came; 0 before the first. */
  answeredAt: number;
  /** Seconds until asking again after a stale answer or a passing failure; 0 when all is well. */
  retrySeconds: number;
}

const FIRST_RETRY_SECONDS = 5;
const LAST_RETRY_SECONDS = 300;

/** Worth asking again without being told to: no answer, or the Worker's own trouble. */
const passing = (error: StatsError): boolean => error.status === 0 || error.status === 429 || error.status >= 500;

const loadStats: Loader = async (url, knownEtag, signal) => {
  const got = await getStats(url, { knownEtag, cache: 'no-cache', signal });
  // "Not modified" with nothing held (a 304 to a first request): ask for the body itself.
  return !isError(got) && got.data === undefined && !knownEtag ? getStats(url, { cache: 'reload', signal }) : got;
};

class StatsStore {
  readonly #entries = new Map<string, Entry>();

  constructor() {
    document.addEventListener('visibilitychange', () => this.#entries.forEach((entry) => this.#schedule(entry)));
  }

  /** Calls `listener` with the resource's state now and on every change; returns the unsubscribe. */
  subscribe(url: string, refreshSeconds: number | undefined, listener: Listener, load: Loader = loadStats): () => void {
    let entry = this.#entries.get(url);
    if (!entry) {
      entry = { url, load, state: { stale: false }, etag: null, listeners: new Map(), answeredAt: 0, retrySeconds: 0 };
      this.#entries.set(url, entry);
    }
    entry.listeners.set(listener, refreshSeconds);
    listener(entry.state);
    if (entry.answeredAt === 0) void this.#ask(entry);
    else this.#schedule(entry);

    const subscribed = entry;
    return () => {
      subscribed.listeners.delete(listener);
      if (subscribed.listeners.size > 0) return this.#schedule(subscribed);
      clearTimeout(subscribed.timer);
      subscribed.request?.abort();
      if (this.#entries.get(url) === subscribed) this.#entries.delete(url);
    };
  }

  /** Asks for a resource now (unless a request for it is under way), whatever its refresh. */
  refresh(url: string): void {
    const entry = this.#entries.get(url);
    if (entry) void this.#ask(entry);
  }

  async #ask(entry: Entry): Promise<void> {
    if (entry.request) return;
    const request = (entry.request = new AbortController());
    const got = await entry.load(entry.url, entry.etag, request.signal);
    entry.request = undefined;
    if (request.signal.aborted) return;
    entry.answeredAt = Date.now();
    const previous = entry.state;
    if (isError(got)) {
      entry.retrySeconds = passing(got) ? nextRetry(entry.retrySeconds, got.retryAfterSeconds) : 0;
      this.#set(entry, { data: previous.data, error: got, stale: previous.stale });
    } else if (got.data === undefined && previous.data === undefined) {
      entry.retrySeconds = nextRetry(entry.retrySeconds);
      this.#set(entry, {
        error: problem(304, 'bad_response', 'The stats service answered “not modified” with nothing to revalidate.'),
        stale: false,
      });
    } else {
      entry.retrySeconds = got.stale ? nextRetry(entry.retrySeconds) : 0;
      entry.etag = got.etag;
      const data = got.data === undefined ? previous.data : got.data;
      if (data !== previous.data || previous.error || got.stale !== previous.stale) this.#set(entry, { data, stale: got.stale });
    }
    this.#schedule(entry);
  }

  #set(entry: Entry, state: ResourceState): void {
    entry.state = state;
    for (const listener of entry.listeners.keys()) listener(state);
  }

  /** The next request: the shortest refresh any listener wants, sooner after trouble, never while the tab is hidden. */
  #schedule(entry: Entry): void {
    clearTimeout(entry.timer);
    const wanted = [...entry.listeners.values(), entry.retrySeconds || undefined].filter(
      (seconds): seconds is number => seconds !== undefined,
    );
    if (!wanted.length || entry.request || entry.answeredAt === 0 || document.visibilityState === 'hidden') return;
    const dueInMs = entry.answeredAt + Math.max(1, Math.min(...wanted)) * 1000 - Date.now();
    entry.timer = setTimeout(() => void this.#ask(entry), Math.max(0, dueInMs));
  }
}

/** 5 s, then twice as long each time, up to 5 minutes; or as long as the Worker asked. */
const nextRetry = (last: number, askedSeconds?: number): number =>
  askedSeconds ?? Math.min(LAST_RETRY_SECONDS, last ? last * 2 : FIRST_RETRY_SECONDS);

/** The release, written in by the build (vite.config.ts); the tests, run from source, have none. */
declare const __WISTIA_VERSION__: string | undefined;

/**
 * One store per page, shared by every copy of this release on it: the drop-in loaded under a
 * second URL (a CMS adding `?ver=`) is a second module, whose elements must still share one
 * request per resource with the first's (docs/architecture.md, "Delivery").
 */
export const store = ((globalThis as Record<symbol, unknown>)[
  Symbol.for(`wistia-stats.store@${typeof __WISTIA_VERSION__ === 'string' ? __WISTIA_VERSION__ : 'source'}`)
] ??= new StatsStore()) as StatsStore;
