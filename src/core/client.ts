/**
 * Every request a page makes to the Worker goes through here: the stats GETs, the milestone
 * claim and the heatmap check. One timeout (it covers the body too, so an answer that never
 * ends is a timeout), one reading of the Worker's JSON errors, one set of error values.
 * See docs/architecture.md, "The page side".
 */
import { isError, problem, type StatsError } from './events.ts';

const TIMEOUT_MS = 10_000;

/** A stats answer: its data (absent when it is the one already held), its ETag, and whether the Worker called it stale. */
export interface Fetched {
  data?: unknown;
  etag: string | null;
  /** `X-Stats-Stale: 1`: the Worker's last good copy, served while Wistia could not be asked. */
  stale: boolean;
}

/**
 * Sends one request and reads its answer with `read`, within the timeout. `signal` lets the
 * caller give up (the last element showing a resource left); that is reported as `aborted`.
 */
async function send<T>(
  url: string,
  init: RequestInit,
  read: (response: Response) => Promise<T | StatsError>,
  signal?: AbortSignal,
): Promise<T | StatsError> {
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  const ended = signal ? AbortSignal.any([signal, timeout]) : timeout;
  try {
    const response = await fetch(url, { ...init, signal: ended });
    return await read(response);
  } catch {
    if (signal?.aborted) return problem(0, 'aborted', 'The request was given up.');
    return timeout.aborted
      ? problem(0, 'timeout', 'The stats service did not answer in time.')
      : problem(0, 'network_error', 'The stats service could not be reached.');
  }
}

/** The body as JSON, or a `bad_response` error; a body cut off or too slow is thrown to `send`. */
async function json(response: Response): Promise<{ body: unknown } | StatsError> {
  const text = await response.text();
  try {
    return { body: JSON.parse(text) as unknown };
  } catch {
    return problem(response.status, 'bad_response', 'The stats service answered something that is not JSON.');
  }
}

/** The Worker's JSON error, or a plain description of the status; with `Retry-After` when it sent one. */
async function errorOf(response: Response): Promise<StatsError> {
  const body = (await response.json().catch(() => null)) as { error?: { code?: unknown; message?: unknown } } | null;
  const code = typeof body?.error?.code === 'string' ? body.error.code : 'http_error';
  const message = typeof body?.error?.message === 'string' ? body.error.message : `The stats service answered ${response.status}.`;
  const retryAfter = Number(response.headers.get('Retry-After') ?? NaN);
  return problem(response.status, code, message, retryAfter >= 0 ? retryAfter : undefined);
}

/**
 * GETs a stats resource. No custom headers, so a cross-origin poll needs no preflight: with
 * `cache: 'no-cache'` the browser itself revalidates its copy with the Worker's ETag. An
 * answer whose ETag is `knownEtag` is the data already held, and is not read again.
 */
export function getStats(
  url: string,
  options: { knownEtag?: string | null; cache: RequestCache; signal?: AbortSignal },
): Promise<Fetched | StatsError> {
  return send(
    url,
    { cache: options.cache },
    async (response) => {
      if (!response.ok && response.status !== 304) return errorOf(response);
      const etag = response.headers.get('ETag');
      const stale = response.headers.get('X-Stats-Stale') === '1';
      if (response.status === 304 || (etag && etag === options.knownEtag)) {
        // Read to its end (from the browser's cache), not cancelled: DevTools would show every poll as "(canceled)".
        await response.arrayBuffer();
        return { etag, stale };
      }
      const read = await json(response);
      return isError(read) ? read : { data: read.body, etag, stale };
    },
    options.signal,
  );
}

/** POSTs JSON (the milestone claim) and reads the JSON answer. */
export function postJson(url: string, body: unknown): Promise<{ body: unknown } | StatsError> {
  return send(
    url,
    { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), cache: 'no-store' },
    (response) => (response.ok ? json(response) : errorOf(response)),
  );
}

/** Whether a route answers with a redirect (the heatmap iframe): `true`, or the route's error. */
export function checkRedirect(url: string, signal?: AbortSignal): Promise<true | StatsError> {
  return send(
    url,
    { redirect: 'manual', cache: 'no-store' },
    async (response) => (response.type === 'opaqueredirect' || response.ok ? true : errorOf(response)),
    signal,
  );
}
