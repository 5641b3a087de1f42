/**
 * The Worker's configuration, read once per `env` from wrangler vars and secrets
 * (docs/architecture.md, "Configuration"). A value that does not parse is a `misconfigured`
 * error naming the variable, never a silent default.
 */
import { misconfigured } from './errors.ts';

/** What the public may read; `EXPOSE` is a comma list of these. */
export const EXPOSABLE = [
  'account',
  'projects',
  'medias',
  'engagement',
  'trends',
  'visitors',
  'events',
  'recommendations',
  'heatmap',
  'milestones',
  'badges',
] as const;
export type Exposable = (typeof EXPOSABLE)[number];

/** The Worker's bindings: vars and secrets as strings, and the Durable Objects. */
export interface Env {
  WISTIA_API_TOKEN?: string;
  WISTIA_API_BASE?: string;
  EXPOSE?: string;
  ALLOWED_ORIGINS?: string;
  CACHE_TTL?: string;
  STALE_TTL?: string;
  UPSTREAM_BUDGET?: string;
  NEGATIVE_TTL?: string;
  EXPOSE_PII?: string;
  WISTIA_PUBLIC_TOKEN?: string;
  ADMIN_TOKEN?: string;
  CLAIM_VERIFY?: string;
  UPSTREAM_RESERVE?: string;
  SHIELD: DurableObjectNamespace<import('./objects/stats-shield.ts').StatsShield>;
  BUDGET: DurableObjectNamespace<import('./objects/upstream-budget.ts').UpstreamBudget>;
  MILESTONE: DurableObjectNamespace<import('./objects/milestone.ts').Milestone>;
  WINNERS: DurableObjectNamespace<import('./objects/winners.ts').Winners>;
  /** Claims a minute per visitor key, and per client address (wrangler.jsonc, "ratelimits"). */
  CLAIMS_PER_VISITOR: RateLimit;
  CLAIMS_PER_CLIENT: RateLimit;
  /** Upstream requests for resources nobody has read yet, a minute per client address. */
  MISSES_PER_CLIENT: RateLimit;
}

export interface Config {
  apiToken: string | undefined;
  /** Upstream base without a trailing slash, e.g. `https://api.wistia.com/v1`. */
  apiBase: string;
  expose: ReadonlySet<Exposable>;
  /** `['*']` or a list of origins. */
  allowedOrigins: readonly string[];
  cacheTtlSeconds: number;
  staleTtlSeconds: number;
  upstreamBudgetPerMinute: number;
  negativeTtlSeconds: number;
  exposePii: boolean;
  publicToken: string | undefined;
  /** The owner's token for the owner routes; without it they do not exist. */
  adminToken: string | undefined;
  /** `viewer`: a claim counts only from a visitor key with a viewing session in scope. */
  claimVerify: 'none' | 'viewer';
  /** Percent of UPSTREAM_BUDGET only refreshes of resources with a good stored answer may spend. */
  upstreamReservePercent: number;
}

const DEFAULT_API_BASE = 'https://api.wistia.com/v1';
const DEFAULT_EXPOSE = 'account,projects,medias,engagement';

const parsed = new WeakMap<object, Config>();

export function readConfig(env: Env): Config {
  let config = parsed.get(env);
  if (!config) {
    config = parseConfig(env);
    parsed.set(env, config);
  }
  return config;
}

function parseConfig(env: Env): Config {
  return {
    apiToken: env.WISTIA_API_TOKEN || undefined,
    apiBase: parseBase(env.WISTIA_API_BASE ?? DEFAULT_API_BASE),
    expose: parseExpose(env.EXPOSE ?? DEFAULT_EXPOSE),
    allowedOrigins: allowedOrigins(env),
    cacheTtlSeconds: wholeNumber('CACHE_TTL', env.CACHE_TTL, 60, 1),
    staleTtlSeconds: wholeNumber('STALE_TTL', env.STALE_TTL, 86_400, 0),
    upstreamBudgetPerMinute: wholeNumber('UPSTREAM_BUDGET', env.UPSTREAM_BUDGET, 500, 1),
    negativeTtlSeconds: wholeNumber('NEGATIVE_TTL', env.NEGATIVE_TTL, 300, 0),
    exposePii: parseBoolean('EXPOSE_PII', env.EXPOSE_PII, false),
    publicToken: env.WISTIA_PUBLIC_TOKEN || undefined,
    adminToken: env.ADMIN_TOKEN || undefined,
    claimVerify: oneOf('CLAIM_VERIFY', env.CLAIM_VERIFY, ['none', 'viewer'] as const, 'none'),
    upstreamReservePercent: wholeNumber('UPSTREAM_RESERVE', env.UPSTREAM_RESERVE, 25, 0, 90),
  };
}

const origins = new WeakMap<object, readonly string[]>();

/**
 * `ALLOWED_ORIGINS` alone, read even when the rest of the configuration does not parse: the
 * CORS headers go on every answer, a `misconfigured` one included, so a page can read why.
 * Read once per `env`, like the rest: the same list each time (policy.ts keys its CORS by it).
 */
export function allowedOrigins(env: Env): readonly string[] {
  let found = origins.get(env);
  if (!found) {
    found = list(env.ALLOWED_ORIGINS ?? '*');
    origins.set(env, found);
  }
  return found;
}

function list(value: string): string[] {
  return String(value)
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function parseBase(value: string): string {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw misconfigured('WISTIA_API_BASE must be an http(s) URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw misconfigured('WISTIA_API_BASE must be an http(s) URL.');
  return url.href.replace(/\/+$/, '');
}

function parseExpose(value: string): Set<Exposable> {
  const names = list(value);
  const unknown = names.filter((name) => !(EXPOSABLE as readonly string[]).includes(name));
  if (unknown.length) throw misconfigured(`EXPOSE has unknown entries (${unknown.join(', ')}); allowed: ${EXPOSABLE.join(', ')}.`);
  return new Set(names as Exposable[]);
}

function wholeNumber(name: string, value: string | undefined, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined || value === '') return fallback;
  const text = String(value).trim();
  const number = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(number) || number < min || number > max) {
    throw misconfigured(`${name} must be a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}.`);
  }
  return number;
}

function oneOf<T extends string>(name: string, value: string | undefined, values: readonly T[], fallback: T): T {
  if (value === undefined || value === '') return fallback;
  const text = String(value).trim().toLowerCase();
  if (!(values as readonly string[]).includes(text)) throw misconfigured(`${name} must be one of ${values.join(', ')}.`);
  return text as T;
}

function parseBoolean(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  const text = String(value).trim().toLowerCase();
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw misconfigured(`${name} must be true or false.`);
}
