/**
 * Policy: what the public may see. `EXPOSE` decides which resources exist at all; each
 * resource keeps a list of the fields it may return (anything Wistia adds later stays out
 * until it is reviewed here); `EXPOSE_PII` lets identity and location fields through;
 * `ALLOWED_ORIGINS` decides which pages may read the answers from a browser.
 */
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { Config, Exposable } from './config.ts';
import { EVENT_PII_FIELDS } from '../src/wistia-api.ts';
import { notFound } from './errors.ts';

/** A resource that is not exposed answers exactly like one that does not exist. */
export function assertExposed(config: Config, ...what: Exposable[]): void {
  if (!what.every((name) => config.expose.has(name))) throw notFound();
}

// ---- the fields each resource may return ---------------------------------------------

/**
 * An allow-list: `true` keeps a field as Wistia sent it, a nested list keeps those fields of
 * an object (or of every object in an array), `'pii'` keeps it only with `EXPOSE_PII=true`,
 * `'heatmap'` only when `heatmap` is exposed.
 */
type Allowed = { [field: string]: true | 'pii' | 'heatmap' | Allowed };

const COUNTS = { load_count: true, play_count: true, hours_watched: true } as const;
const THUMBNAIL = { url: true, width: true, height: true, fileSize: true, contentType: true, type: true } as const;

const VISITOR = {
  visitor_key: true,
  created_at: true,
  last_active_at: true,
  last_event_key: true,
  load_count: true,
  play_count: true,
  identifying_event_key: true,
  visitor_identity: 'pii',
  user_agent_details: { browser: true, browser_version: true, platform: true, mobile: true },
} as const;

const EVENT = {
  received_at: true,
  event_key: true,
  visitor_key: true,
  embed_url: true,
  percent_viewed: true,
  country: true,
  conversion_type: true,
  media_id: true,
  media_url: true,
  media_name: true,
  thumbnail: THUMBNAIL,
  iframe_heatmap_url: 'heatmap',
  ...(Object.fromEntries(EVENT_PII_FIELDS.map((field) => [field, 'pii'])) as Record<(typeof EVENT_PII_FIELDS)[number], 'pii'>),
} as const;

const FIELDS = {
  account: COUNTS,
  project: { ...COUNTS, number_of_videos: true },
  media: {
    ...COUNTS,
    play_rate: true,
    engagement: true,
    visitors: true,
    actions: { type: true, action_count: true, impression_count: true, rate: true },
  },
  engagement: { engagement: true, engagement_data: true, rewatch_data: true },
  /** One day of a by-date answer. */
  byDate: { date: true, ...COUNTS },
  visitor: VISITOR,
  event: EVENT,
  /**
   * The Data API's project, read only inside the Worker: which medias a project holds, and what
   * a recommendation shows of each (worker/recommendations.ts).
   */
  projectMedias: { medias: { hashed_id: true, name: true, duration: true, thumbnail: { url: true } } },
} as const satisfies Record<string, Allowed>;
export type FieldSet = keyof typeof FIELDS;

/**
 * A visitor without PII keeps the shape, reading as one Wistia knows nothing about. Its `name`
 * is left out, not null: Wistia's official TypeScript client reads `name` as an optional string
 * and rejects a null (docs/architecture.md, "Wistia's official client").
 */
const ANONYMOUS = { email: null, org: { name: null, title: null } } as const;

/** With `EXPOSE_PII=true`, Wistia's own `name: null` (a visitor it has no name for) goes for the same reason. */
function identityFor(value: unknown, view: View): unknown {
  if (!view.exposePii) return ANONYMOUS;
  if (typeof value !== 'object' || value === null || (value as { name?: unknown }).name !== null) return value;
  const { name: _unknownName, ...known } = value as Record<string, unknown>;
  return known;
}

export interface View {
  exposePii: boolean;
  heatmap: boolean;
}

export const viewOf = (config: Config): View => ({ exposePii: config.exposePii, heatmap: config.expose.has('heatmap') });

/** Keeps only what `set` allows of an answer (an object, or an array of them). */
export function allowFields(set: FieldSet, data: unknown, view: View): unknown {
  return keep(FIELDS[set], data, view);
}

function keep(allowed: Allowed, data: unknown, view: View): unknown {
  if (Array.isArray(data)) return data.map((item) => keep(allowed, item, view));
  if (typeof data !== 'object' || data === null) return null;
  const out: Record<string, unknown> = {};
  for (const [field, rule] of Object.entries(allowed)) {
    if (!Object.hasOwn(data, field)) continue;
    const value = (data as Record<string, unknown>)[field];
    if (rule === true) out[field] = value;
    else if (rule === 'pii') {
      if (field === 'visitor_identity') out[field] = identityFor(value, view);
      else if (view.exposePii) out[field] = value;
    } else if (rule === 'heatmap') {
      if (view.heatmap) out[field] = value;
    } else out[field] = value === null ? null : keep(rule, value, view);
  }
  return out;
}

// ---- CORS ------------------------------------------------------------------------------

/** Headers a page's script may read: the store revalidates with ETags and shows staleness. */
const EXPOSED_HEADERS = ['ETag', 'X-Cache', 'X-Stats-Stale', 'Retry-After', 'Age'];

const corsByOrigins = new WeakMap<readonly string[], MiddlewareHandler>();

/**
 * CORS for one `ALLOWED_ORIGINS` list, made once per isolate (the list is read once per `env`).
 * A preflight is hono's `cors`. Any other request gets the headers hono's `cors` would give it,
 * set on the route's own answer once it is made: hono's sets them before the route runs, on a
 * placeholder response that it then copies, body and headers, into a new one on every request
 * (docs/architecture.md, "The edge hit").
 */
export function corsFor(allowedOrigins: readonly string[]): MiddlewareHandler {
  let handler = corsByOrigins.get(allowedOrigins);
  if (!handler) {
    const anyOrigin = allowedOrigins.includes('*');
    const preflight = cors({
      origin: anyOrigin ? '*' : [...allowedOrigins],
      allowMethods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
      // Wistia's official TypeScript client sends X-Wistia-API-Version (and Authorization, which
      // the Worker ignores): a browser using it through the proxy must pass the preflight.
      allowHeaders: ['If-None-Match', 'Content-Type', 'X-Wistia-API-Version', 'Authorization'],
      exposeHeaders: EXPOSED_HEADERS,
      maxAge: 86_400,
    });
    const exposed = EXPOSED_HEADERS.join(',');
    const apply = (headers: Headers, origin: string | undefined): void => {
      if (origin && allows(allowedOrigins, origin)) headers.set('Access-Control-Allow-Origin', origin);
      headers.set('Access-Control-Expose-Headers', exposed);
      if (!anyOrigin) headers.append('Vary', 'Origin');
    };
    handler = async (c, next) => {
      if (c.req.method === 'OPTIONS') return preflight(c, next);
      await next();
      const origin = anyOrigin ? '*' : c.req.header('Origin');
      try {
        apply(c.res.headers, origin);
      } catch {
        // An answer with immutable headers (a fetch() passed on as it came): a copy takes them.
        c.res = new Response(c.res.body, c.res);
        apply(c.res.headers, origin);
      }
    };
    corsByOrigins.set(allowedOrigins, handler);
  }
  return handler;
}

/**
 * Claims change state, so CORS alone (which only stops a page from reading the answer) does
 * not guard them: with `ALLOWED_ORIGINS` set, a claim must come from one of those origins.
 */
export function originAllowed(config: Config, origin: string | undefined): boolean {
  return allows(config.allowedOrigins, origin);
}

/** Whether an `ALLOWED_ORIGINS` list lets `origin` in (`*`: any, an absent one included). */
const allows = (allowedOrigins: readonly string[], origin: string | undefined): boolean =>
  allowedOrigins.includes('*') || (origin !== undefined && allowedOrigins.includes(origin));
