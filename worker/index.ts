/**
 * The Worker: public Wistia stats without the token. Each route reads as the request's
 * journey — CORS (on every answer) → validate (resources.ts) → policy (policy.ts) → edge
 * cache and shield (edge-cache.ts, objects/) → upstream (upstream.ts) → allow-list → respond.
 * docs/architecture.md, "The Worker", says why each step is there.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { bodyLimit } from 'hono/body-limit';
import { etag, RETAINED_304_HEADERS } from 'hono/etag';
import { HTTPException } from 'hono/http-exception';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { getPath } from 'hono/utils/url';
import { allowedOrigins, readConfig, type Config, type Env, type Exposable } from './config.ts';
import { badge, errorsAsImages, mediaCard } from './badges.ts';
import { readThroughCaches, statsResponse } from './edge-cache.ts';
import { embedPage, oembedAnswer, parseEmbed } from './embed.ts';
import { AppError, errorResponse, misconfigured, notFound, type ErrorValue } from './errors.ts';
import { assertExposed, corsFor, originAllowed } from './policy.ts';
import { checkEligible, MAX_CLAIM_BYTES, milestoneName, parseClaim, readValue, SCOPE_EXPOSED_BY } from './milestones.ts';
import type { Read } from './reads.ts';
import { recommend } from './recommendations.ts';
import * as resources from './resources.ts';
import type { Resource } from './resources.ts';

export { StatsShield } from './objects/stats-shield.ts';
export { UpstreamBudget } from './objects/upstream-budget.ts';
export { Milestone } from './objects/milestone.ts';
export { Winners } from './objects/winners.ts';

type App = { Bindings: Env; Variables: { config: Config } };

const MAX_URL_LENGTH = 2048;

const app = new Hono<App>({
  // `/v1/stats/account.json`, `/v1/stats/account` and `/modern/stats/account` are one route:
  // Wistia's two spellings, and the base path of its newer API (which its official client uses).
  getPath: (request) =>
    getPath(request)
      .replace(/^\/modern(?=\/)/, '/v1')
      .replace(/^(\/v1\/.+)\.json$/, '$1'),
});

app.onError((error) => {
  if (error instanceof AppError) return errorResponse(error.value);
  if (error instanceof HTTPException) return error.getResponse();
  console.error(JSON.stringify({ event: 'unexpected_error', name: error.name }));
  return errorResponse({ status: 500, code: 'internal', message: 'Something went wrong in the proxy.' });
});
app.notFound(() => errorResponse(notFound().value));

// CORS first, from ALLOWED_ORIGINS alone: every answer after it (a 414, a `misconfigured`
// 500 …) carries the headers, so a page can read why it was refused.
app.use((c, next) => corsFor(allowedOrigins(c.env))(c, next));
// An <img> cannot show a JSON error: on the image routes every error, wherever it is made, is a badge.
app.use('/v1/badges/*', errorsAsImages);
app.use('/v1/cards/*', errorsAsImages);
app.use(async (c, next) => {
  if (c.req.url.length > MAX_URL_LENGTH) {
    throw new AppError({ status: 414, code: 'uri_too_long', message: `URLs are limited to ${MAX_URL_LENGTH} characters.` });
  }
  c.set('config', readConfig(c.env));
  return next();
});
app.use(
  methodNotAllowed({
    app,
    onMethodNotAllowed: (_c, methods) =>
      errorResponse(
        { status: 405, code: 'method_not_allowed', message: `Use ${methods.join(', ')} here.` },
        { Allow: [...methods, 'OPTIONS'].join(', ') },
      ),
  }),
);
// A 304 keeps the CORS headers: without them a browser cannot read it, and revalidation fails.
const revalidated = etag({
  retainedHeaders: [...RETAINED_304_HEADERS, 'access-control-allow-origin', 'access-control-expose-headers', 'x-cache', 'age'],
});
for (const path of ['/v1/stats/*', '/v1/recommendations', '/v1/badges/*', '/v1/cards/*', '/embed/*']) app.use(path, revalidated);

app.get('/healthz', (c) => c.json({ ok: true }));

/** Policy before validation: a hidden resource is a 404 whatever is asked of it. */
const exposed =
  (...what: Exposable[]): MiddlewareHandler<App> =>
  async (c, next) => {
    assertExposed(c.get('config'), ...what);
    await next();
  };

/** Who is asking: a resource nobody has read yet counts against this address's own limit. */
const clientOf = (c: Context<App>): string => c.req.header('CF-Connecting-IP') ?? 'unknown';

/** Reads a resource through the edge cache and the shield, on behalf of the asking client. */
const reader =
  (c: Context<App>): Read =>
  (resource) =>
    readThroughCaches(c.env, c.executionCtx, c.req.url, resource, c.get('config'), clientOf(c));

/** The common journey of every stats route once its resource is validated. */
async function serveStats(c: Context<App>, resource: Resource): Promise<Response> {
  return statsResponse(await reader(c)(resource), c.get('config'));
}

const query = (c: Context<App>): string => new URL(c.req.url).search;

app.get('/v1/stats/account', exposed('account'), (c) => serveStats(c, resources.account()));
app.get('/v1/stats/projects/:projectId', exposed('projects'), (c) => serveStats(c, resources.project(c.req.param('projectId'))));
app.get('/v1/stats/medias/:mediaId', exposed('medias'), (c) => serveStats(c, resources.media(c.req.param('mediaId'))));
app.get('/v1/stats/medias/:mediaId/engagement', exposed('engagement'), (c) => serveStats(c, resources.engagement(c.req.param('mediaId'))));
// Day by day: a trend of something the public may read anyway.
app.get('/v1/stats/account/by_date', exposed('trends', 'account'), (c) => serveStats(c, resources.accountByDate(query(c))));
app.get('/v1/stats/medias/:mediaId/by_date', exposed('trends', 'medias'), (c) =>
  serveStats(c, resources.mediaByDate(c.req.param('mediaId'), query(c))),
);
app.get('/v1/stats/visitors', exposed('visitors'), (c) =>
  serveStats(c, resources.visitors(query(c), { exposePii: c.get('config').exposePii })),
);
app.get('/v1/stats/visitors/:visitorKey', exposed('visitors'), (c) => serveStats(c, resources.visitor(c.req.param('visitorKey'))));
app.get('/v1/stats/events', exposed('events'), (c) => serveStats(c, resources.events(query(c))));
app.get('/v1/stats/events/:eventKey', exposed('events'), (c) => serveStats(c, resources.event(c.req.param('eventKey'))));

/** What to watch next: made from the project's media list and the visitor's history (recommendations.ts). */
app.get('/v1/recommendations', exposed('recommendations'), async (c) =>
  statsResponse(await recommend(reader(c), resources.recommendationRequest(query(c))), c.get('config')),
);

/**
 * The heatmap is Wistia's own iframe page, addressed with the account's public token, for a
 * session Wistia knows: the event is read first (through the caches, like any read), so an
 * unknown key is this route's 404, which a page can read and explain, not Wistia's "Event not
 * found." page inside the frame.
 */
app.get('/v1/stats/events/:eventKey/iframe.html', exposed('heatmap'), async (c) => {
  const config = c.get('config');
  const eventKey = c.req.param('eventKey');
  const event = resources.event(eventKey); // checks the key (a 400), before anything else
  if (!config.publicToken) throw misconfigured('The heatmap needs WISTIA_PUBLIC_TOKEN.');
  const { answer } = await reader(c)(event);
  if (answer.status === 404) throw notFound('No viewing session has this event key.');
  const target = `${config.apiBase}/stats/events/${eventKey}/iframe.html?public_token=${encodeURIComponent(config.publicToken)}`;
  return c.redirect(target, 302);
});

/**
 * Badges and cards (docs/architecture.md, "Badges and cards"): SVG drawn from the same stats
 * answers, behind `badges` and the scope's own resource.
 */
app.get('/v1/badges/account/:file', exposed('badges', 'account'), (c) =>
  badge(reader(c), c.get('config'), 'account', null, c.req.param('file'), query(c)),
);
app.get('/v1/badges/projects/:projectId/:file', exposed('badges', 'projects'), (c) =>
  badge(reader(c), c.get('config'), 'project', c.req.param('projectId'), c.req.param('file'), query(c)),
);
app.get('/v1/badges/medias/:mediaId/:file', exposed('badges', 'medias'), (c) =>
  badge(reader(c), c.get('config'), 'media', c.req.param('mediaId'), c.req.param('file'), query(c)),
);
app.get('/v1/cards/medias/:file', exposed('badges', 'medias'), (c) => mediaCard(reader(c), c.get('config'), c.req.param('file'), query(c)));

/** Embeds (docs/architecture.md, "Embeds"): a page showing one element, and its oEmbed answer. */
const originOf = (c: Context<App>): string => new URL(c.req.url).origin;
app.get('/embed/:element', (c) => embedPage(parseEmbed(c.req.param('element'), query(c)), originOf(c), c.get('config')));
app.get('/oembed', (c) => oembedAnswer(query(c), originOf(c)));

/**
 * The exactly-once giveaway (docs/architecture.md, "Milestone claims"). A claim is refused
 * before anything is read unless `milestones` and its scope's own resource are exposed, it
 * is JSON (which makes a browser ask first, in a preflight), and it comes from an allowed
 * origin; then it is rate limited (to what one visitor needs), its value is read as a page
 * reads it, its claimant checked (CLAIM_VERIFY=viewer), and the milestone's object decides.
 */
app.post(
  '/v1/milestones/claim',
  exposed('milestones'),
  async (c, next) => {
    const contentType = c.req.header('Content-Type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(contentType)) {
      throw new AppError({ status: 415, code: 'unsupported_media_type', message: 'A claim is sent as Content-Type: application/json.' });
    }
    if (!originAllowed(c.get('config'), c.req.header('Origin'))) {
      throw new AppError({ status: 403, code: 'forbidden', message: 'Claims are accepted only from the site’s own pages.' });
    }
    await next();
  },
  // A claim is a few dozen bytes: a large body is refused before it is read.
  bodyLimit({
    maxSize: MAX_CLAIM_BYTES,
    onError: () =>
      errorResponse({ status: 413, code: 'payload_too_large', message: `A claim is at most ${MAX_CLAIM_BYTES} bytes of JSON.` }),
  }),
  async (c) => {
    const config = c.get('config');
    const claim = parseClaim(await c.req.text());
    assertExposed(config, SCOPE_EXPOSED_BY[claim.scope]);
    const [visitorOk, clientOk] = await Promise.all([
      c.env.CLAIMS_PER_VISITOR.limit({ key: claim.visitorKey }),
      c.env.CLAIMS_PER_CLIENT.limit({ key: clientOf(c) }),
    ]);
    if (!visitorOk.success || !clientOk.success) {
      throw new AppError({ status: 429, code: 'rate_limited', message: 'Too many claims; try again in a minute.', retryAfterSeconds: 60 });
    }
    const read = reader(c);
    const value = await readValue(read, claim);
    const eligible = value >= claim.threshold && config.claimVerify === 'viewer' ? await checkEligible(read, claim) : true;
    const milestone = c.env.MILESTONE.get(c.env.MILESTONE.idFromName(milestoneName(claim)));
    const decided = await milestone.claim({ claim, value, eligible });
    if ('error' in decided) throw new AppError(decided.error);
    return c.json(decided.answer, 200, { 'Cache-Control': 'no-store' });
  },
);

/** The owner's list of winners and their receipts. Without ADMIN_TOKEN it does not exist. */
const unauthorized: ErrorValue = { status: 401, code: 'unauthorized', message: 'This route needs Authorization: Bearer <ADMIN_TOKEN>.' };
app.get(
  '/v1/milestones/winners',
  (c, next) => {
    const { adminToken } = c.get('config');
    if (!adminToken) throw notFound();
    // Compared in constant time (hono/bearer-auth hashes both sides first).
    return bearerAuth<App>({
      token: adminToken,
      noAuthenticationHeader: { message: () => errorResponse(unauthorized) },
      invalidAuthenticationHeader: { message: () => errorResponse(unauthorized) },
      invalidToken: { message: () => errorResponse(unauthorized) },
    })(c, next);
  },
  async (c) => {
    const winners = await c.env.WINNERS.get(c.env.WINNERS.idFromName('account')).all();
    return c.json(winners, 200, { 'Cache-Control': 'no-store' });
  },
);

export default app;
