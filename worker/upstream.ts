/**
 * The only code that talks to Wistia. It sends the token as a Bearer header (never in
 * a URL), gives up after five seconds, and turns every kind of answer into either the
 * JSON body (only the fields policy.ts allows: nothing else is ever stored), a 404, or an
 * error value whose message is ours, never the upstream's. Only
 * `fetchWithinBudget` is exported: nothing reaches Wistia without a permit from the budget.
 */
import type { Config, Env } from './config.ts';
import type { ErrorValue } from './errors.ts';
import type { Spending } from './objects/upstream-budget.ts';
import { allowFields, viewOf } from './policy.ts';
import type { Resource } from './resources.ts';

const UPSTREAM_TIMEOUT_MS = 5_000;
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export type UpstreamResult = { kind: 'ok'; body: string } | { kind: 'not_found' } | { kind: 'failed'; error: ErrorValue };

const failed = (error: ErrorValue): UpstreamResult => ({ kind: 'failed', error });

function upstreamUrl(config: Config, resource: Resource): string {
  return `${config.apiBase}${resource.path}${resource.query ? `?${resource.query}` : ''}`;
}

/** Wistia's 429, and the pause it starts (objects/upstream-budget.ts), read the same. */
const WISTIA_RATE_LIMITING = 'Wistia is rate limiting this account; try again later.';
/**
 * The only way the Durable Objects reach Wistia: a permit from the account's budget first
 * (from the share `spending` may use), then the request; a 429 pauses the whole account for
 * Wistia's Retry-After.
 */
export async function fetchWithinBudget(env: Env, config: Config, resource: Resource, spending: Spending): Promise<UpstreamResult> {
  const budget = env.BUDGET.get(env.BUDGET.idFromName('account'));
  const permit = await budget.spend(spending, {
    limitPerMinute: config.upstreamBudgetPerMinute,
    reservePercent: config.upstreamReservePercent,
  });
  if (!permit.granted) {
    return failed({
      status: 503,
      code: 'rate_limited',
      message: permit.reason === 'paused' ? WISTIA_RATE_LIMITING : 'The proxy’s upstream budget for this minute is spent; try again later.',
      retryAfterSeconds: permit.retryAfterSeconds,
    });
  }
  const result = await fetchFromWistia(config, resource);
  if (result.kind === 'failed' && result.error.code === 'rate_limited' && result.error.retryAfterSeconds) {
    await budget.pause(result.error.retryAfterSeconds);
  }
  return result;
}

async function fetchFromWistia(config: Config, resource: Resource): Promise<UpstreamResult> {
  if (!config.apiToken) {
    return failed({ status: 502, code: 'upstream_auth', message: 'The proxy has no Wistia API token configured.' });
  }
  let response: Response;
  try {
    response = await fetch(upstreamUrl(config, resource), {
      headers: { Authorization: `Bearer ${config.apiToken}`, Accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
    });
  } catch (error) {
    return failed(isTimeout(error) ? timedOut() : { status: 502, code: 'upstream_unreachable', message: 'Wistia could not be reached.' });
  }

  const { status } = response;
  if (status === 200) return readJson(response, resource, config);
  await response.body?.cancel();
  if (status === 404) return { kind: 'not_found' };
  if (status === 401 || status === 403) {
    return failed({ status: 502, code: 'upstream_auth', message: 'Wistia refused the proxy’s API token.' });
  }
  if (status === 429 || status === 503) {
    const retryAfterSeconds = retryAfter(response.headers.get('Retry-After'));
    return failed(
      status === 429
        ? { status: 503, code: 'rate_limited', message: WISTIA_RATE_LIMITING, retryAfterSeconds }
        : { status: 503, code: 'upstream_unavailable', message: 'Wistia is unavailable; try again later.', retryAfterSeconds },
    );
  }
  return failed({ status: 502, code: 'upstream_error', message: `Wistia answered ${status}.` });
}

async function readJson(response: Response, resource: Resource, config: Config): Promise<UpstreamResult> {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    return failed(isTimeout(error) ? timedOut() : { status: 502, code: 'upstream_unreachable', message: 'Wistia’s answer was cut off.' });
  }
  if (text.length > MAX_BODY_BYTES) return malformed();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return malformed();
  }
  const isArray = Array.isArray(data);
  const shapeOk = resource.shape === 'array' ? isArray : typeof data === 'object' && data !== null && !isArray;
  if (!shapeOk) return malformed();
  return { kind: 'ok', body: JSON.stringify(allowFields(resource.fields, data, viewOf(config))) };
}

const malformed = (): UpstreamResult =>
  failed({ status: 502, code: 'upstream_error', message: 'Wistia answered with something that is not the expected JSON.' });

const timedOut = (): ErrorValue => ({
  status: 502,
  code: 'upstream_timeout',
  message: `Wistia did not answer within ${UPSTREAM_TIMEOUT_MS / 1000} s.`,
});

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** Retry-After in whole seconds, from either of its forms, kept between 1 s and an hour. */
export function retryAfter(header: string | null, fallbackSeconds = 60): number {
  let seconds = fallbackSeconds;
  if (header && /^\d+$/.test(header.trim())) seconds = Number(header.trim());
  else if (header && !Number.isNaN(Date.parse(header))) seconds = Math.ceil((Date.parse(header) - Date.now()) / 1000);
  return Math.min(3600, Math.max(1, seconds));
}
