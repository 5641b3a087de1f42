/**
 * A stored answer and how old it may grow: the one rule of freshness both cache layers
 * (the edge and the shield) apply.
 */

/** An answer worth keeping: a 200 body or a remembered 404. */
export interface StoredAnswer {
  status: 200 | 404;
  body: string;
  etag: string;
  /** When Wistia gave it (ms since epoch): age and freshness count from here. */
  fetchedAt: number;
}

export type Freshness = 'fresh' | 'stale';

/**
 * What freshness depends on: the three TTLs of the configuration (a `Config` has them). No
 * more, so that the rule can be used, and checked, without the Worker's bindings.
 */
export interface Lifetimes {
  cacheTtlSeconds: number;
  staleTtlSeconds: number;
  negativeTtlSeconds: number;
}

/** How long an answer is worth keeping at all: a 404 for the negative TTL, a 200 while it is fresh or may serve as stale. */
export const keepSecondsOf = (answer: Pick<StoredAnswer, 'status'>, config: Lifetimes): number =>
  answer.status === 404 ? config.negativeTtlSeconds : config.cacheTtlSeconds + config.staleTtlSeconds;

/** Fresh within the TTL (the negative TTL for a 404); a 200 stays usable as stale for `STALE_TTL` more. */
export function freshnessOf(answer: Pick<StoredAnswer, 'status' | 'fetchedAt'>, config: Lifetimes, now: number): Freshness | undefined {
  const ageSeconds = (now - answer.fetchedAt) / 1000;
  if (ageSeconds >= keepSecondsOf(answer, config)) return undefined;
  return answer.status === 404 || ageSeconds < config.cacheTtlSeconds ? 'fresh' : 'stale';
}

/** A personal answer is kept as a stale copy for at most this many times CACHE_TTL. */
const PERSONAL_STALE_TTLS = 5;

/**
 * The freshness rules for one resource. One person's viewing history (a visitor's events) is
 * kept a short time (docs/architecture.md, "Recommendations"): fresh for CACHE_TTL like any
 * answer, but served stale for at most 5 × CACHE_TTL rather than STALE_TTL. Nobody's history
 * lies in storage for a day, and one address can keep only as many alive as it can ask for anew.
 */
export function lifetimeOf<C extends Lifetimes>(personal: boolean | undefined, config: C): C {
  if (!personal) return config;
  return { ...config, staleTtlSeconds: Math.min(config.staleTtlSeconds, PERSONAL_STALE_TTLS * config.cacheTtlSeconds) };
}

export async function etagOf(body: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(body));
  const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `"${hex}"`;
}
