/**
 * The page-wide stats store. Every element asks it for a resource URL; however many ask,
 * the page makes one request per resource, polls at the shortest `refresh` any of them
 * wants, pauses while the tab is hidden, revalidates with ETags, and keeps the last value
 * when a refresh fails.
 */
import type { StatsError } from './events.ts';

export interface ResourceState {
  /** The last good answer; kept when a later refresh fails. */
  data?: unknown;
  /** The last refresh's failure, cleared by the next success. */
  error?: StatsError;
  loading: boolean;
}

export type Listener = (state: ResourceState) => void;

interface Entry {
  url: string;
  state: ResourceState;
  etag?: string;
  /** Each listener with the refresh it wants, in seconds. */
  listeners: Map<Listener, number | undefined>;
  inflight?: Promise<void>;
  timer?: ReturnType<typeof setTimeout>;
  lastLoadAt: number;
}

const REQUEST_TIMEOUT_MS = 10_000;

class StatsStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly timeoutMs = REQUEST_TIMEOUT_MS) {
    document.addEventListener('visibilitychange', () => {
      for (const entry of this.entries.values()) this.schedule(entry);
    });
  }

  /** Calls `listener` with the resource's state now and on every change; returns the unsubscribe. */
  subscribe(url: string, refreshSeconds: number | undefined, listener: Listener): () => void {
    let entry = this.entries.get(url);
    if (!entry) {
      entry = { url, state: { loading: true }, listeners: new Map(), lastLoadAt: 0 };
      this.entries.set(url, entry);
    }
    entry.listeners.set(listener, refreshSeconds);
    listener(entry.state);
    if (entry.lastLoadAt === 0) void this.load(entry);
    else this.schedule(entry);

    const subscribed = entry;
    return () => {
      subscribed.listeners.delete(listener);
      if (subscribed.listeners.size > 0) return this.schedule(subscribed);
      clearTimeout(subscribed.timer);
      if (this.entries.get(url) === subscribed) this.entries.delete(url);
    };
  }

  private load(entry: Entry): Promise<void> {
    entry.inflight ??= this.request(entry).finally(() => {
      entry.inflight = undefined;
      entry.lastLoadAt = Date.now();
      this.schedule(entry);
    });
    return entry.inflight;
  }

  private async request(entry: Entry): Promise<void> {
    const previous = entry.state;
    try {
      const response = await fetch(entry.url, {
        headers: entry.etag ? { 'If-None-Match': entry.etag } : {},
        cache: 'no-store',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (response.status === 304) {
        if (previous.error || previous.loading) this.set(entry, { data: previous.data, loading: false });
        return;
      }
      if (!response.ok) return this.set(entry, { data: previous.data, error: await errorOf(response), loading: false });
      const data: unknown = await response.json().catch(() => undefined);
      if (data === undefined) {
        return this.set(entry, { data: previous.data, error: problem(response.status, 'bad_response', 'The stats service answered something that is not JSON.'), loading: false });
      }
      entry.etag = response.headers.get('ETag') ?? undefined;
      this.set(entry, { data, loading: false });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      this.set(entry, {
        data: previous.data,
        error: timedOut ? problem(0, 'timeout', 'The stats service did not answer in time.') : unreachable,
        loading: false,
      });
    }
  }

  private set(entry: Entry, state: ResourceState): void {
    entry.state = state;
    for (const listener of entry.listeners.keys()) listener(state);
  }

  /** The next poll: the shortest refresh any listener wants, never while the tab is hidden. */
  private schedule(entry: Entry): void {
    clearTimeout(entry.timer);
    entry.timer = undefined;
    const wanted = [...entry.listeners.values()].filter((seconds): seconds is number => seconds !== undefined);
    if (!wanted.length || entry.inflight || entry.lastLoadAt === 0 || document.visibilityState === 'hidden') return;
    const dueInMs = entry.lastLoadAt + Math.max(1, Math.min(...wanted)) * 1000 - Date.now();
    entry.timer = setTimeout(() => void this.load(entry), Math.max(0, dueInMs));
  }
}

const problem = (status: number, code: string, message: string): StatsError => ({ status, code, message });

export const unreachable = problem(0, 'network_error', 'The stats service could not be reached.');

/** The Worker's JSON error, or a plain description of the status. */
export async function errorOf(response: Response): Promise<StatsError> {
  const body = (await response.json().catch(() => null)) as { error?: { code?: unknown; message?: unknown } } | null;
  const code = typeof body?.error?.code === 'string' ? body.error.code : 'http_error';
  const message = typeof body?.error?.message === 'string' ? body.error.message : `The stats service answered ${response.status}.`;
  return problem(response.status, code, message);
}

/** One store per page. */
export const store = new StatsStore();
