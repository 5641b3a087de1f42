/**
 * Policy: what the public may see. `EXPOSE` decides which resources exist at all,
 * `EXPOSE_PII` whether visitor identities and event locations pass through, and
 * `ALLOWED_ORIGINS` which pages may read the answers from a browser.
 */
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { EVENT_PII_FIELDS } from '../src/wistia-api.ts';
import type { Config, Exposable } from './config.ts';
import { notFound } from './errors.ts';
import type { PiiKind } from './resources.ts';

/** A resource that is not exposed answers exactly like one that does not exist. */
export function assertExposed(config: Config, what: Exposable): void {
  if (!config.expose.has(what)) throw notFound();
}

const ANONYMOUS = { name: null, email: null, org: { name: null, title: null } } as const;

/**
 * Removes what identifies a person. Events lose their location, contact and
 * conversion fields; visitors keep their shape but read as anonymous, as Wistia
 * shows a visitor it knows nothing about. Counts and keys stay.
 */
export function redact(kind: PiiKind | null, data: unknown): unknown {
  if (kind === null) return data;
  if (Array.isArray(data)) return data.map((item) => redact(kind, item));
  if (typeof data !== 'object' || data === null) return data;
  const copy: Record<string, unknown> = { ...data };
  if (kind === 'events') for (const field of EVENT_PII_FIELDS) delete copy[field];
  if (kind === 'visitors' && 'visitor_identity' in copy) copy.visitor_identity = ANONYMOUS;
  return copy;
}

/** Headers a page's script may read: the store revalidates with ETags and shows staleness. */
const EXPOSED_HEADERS = ['ETag', 'X-Cache', 'X-Stats-Stale', 'Retry-After', 'Age'];

const corsByConfig = new WeakMap<Config, MiddlewareHandler>();

export function corsFor(config: Config): MiddlewareHandler {
  let handler = corsByConfig.get(config);
  if (!handler) {
    handler = cors({
      origin: config.allowedOrigins.includes('*') ? '*' : [...config.allowedOrigins],
      allowMethods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
      // Wistia's official TypeScript client sends X-Wistia-API-Version (and Authorization, which
      // the Worker ignores): a browser using it through the proxy must pass the preflight.
      allowHeaders: ['If-None-Match', 'Content-Type', 'X-Wistia-API-Version', 'Authorization'],
      exposeHeaders: EXPOSED_HEADERS,
      maxAge: 86_400,
    });
    corsByConfig.set(config, handler);
  }
  return handler;
}
