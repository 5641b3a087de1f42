/**
 * A simulated Wistia account: a small HTTP server answering the Stats API routes (and the Data
 * API's project show) from seeded data that grows while it runs. Tests and the demo point
 * `WISTIA_API_BASE` at its `apiBase`, make it fail on purpose through `/__sim/fault`, add a
 * viewing session through `/__sim/view`, and read what the Worker sent it through `/__sim/requests`.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VISITOR_FILTERS, VISITOR_KEY, type VisitorFilter } from '../../src/wistia-api.ts';
import { KNOWN, SimulatedAccountData, type BumpMetric, type EventQuery, type VisitorQuery } from './data.ts';
import { heatmapErrorPage, heatmapPage } from './heatmap-page.ts';

/** The control routes that take a JSON body. */
const SIM_POSTS = ['/__sim/fault', '/__sim/tick', '/__sim/bump', '/__sim/view'];

export { KNOWN, MEDIA_IDS } from './data.ts';

export interface SimulatedAccountOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** The API token the account accepts as `Authorization: Bearer <token>`. */
  token?: string;
  /** The public token the heatmap iframe accepts. */
  publicToken?: string;
  seed?: number;
  /** Ticks of simulated traffic this often; 0 or undefined = no automatic growth. */
  growthIntervalMs?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** The raw search string, with its `?`, or ''. */
  query: string;
  /** The raw Authorization header, or null. */
  authorization: string | null;
  /** Epoch ms. */
  at: number;
}

/**
 * A failure to simulate on the `/v1/` routes; the request is recorded all the same.
 * One flat shape (rather than a union per kind) so a test can write `Omit<Fault, 'match'>`;
 * `setFault` and `POST /__sim/fault` check that each kind has what it needs.
 */
export interface Fault {
  /**
   * - `status`: answer `status` with `{"error": …}` or `body`, plus `Retry-After: retryAfter` when given;
   * - `slow`: answer correctly, after `delayMs`;
   * - `malformed`: 200, `Content-Type: application/json`, a truncated JSON body;
   * - `drop`: destroy the connection without answering.
   */
  kind: 'status' | 'slow' | 'malformed' | 'drop';
  status?: number;
  /** Seconds. */
  retryAfter?: number;
  body?: string;
  delayMs?: number;
  /** Only requests whose path contains this are affected. */
  match?: string;
  /** Only the next N matching requests; unlimited when absent. */
  times?: number;
}

export interface SimulatedAccount {
  /** e.g. `http://127.0.0.1:8788` */
  url: string;
  /** `url + '/v1'`: what `WISTIA_API_BASE` should be. */
  apiBase: string;
  /** The account's public token, for heatmap iframes: what `WISTIA_PUBLIC_TOKEN` should be. */
  publicToken: string;
  close(): Promise<void>;
  /** Advances growth by `n` ticks (default 1), synchronously. */
  tick(n?: number): void;
  /** Grows one media's counter now (as `POST /__sim/bump` does). */
  bump(mediaId: string, metric: BumpMetric, by?: number): void;
  /** A viewing session of a media by this visitor key, now (as `POST /__sim/view` does); how far it got, or a likely share. */
  view(mediaId: string, visitorKey: string, percentViewed?: number): void;
  /**
   * Fields added to every object Wistia answers (and to each item of a list), as when Wistia
   * ships a new field: what the Worker must not pass on until it is reviewed. `{}` stops it.
   */
  setExtraFields(fields: Record<string, unknown>): void;
  requests(): RecordedRequest[];
  resetRequests(): void;
  setFault(fault: Fault | null): void;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';
/** Wistia caps per_page at 100; larger values are treated as 100. */
const MAX_PER_PAGE = 100;
/** Only the most recent requests are kept, so a long demo run does not grow without bound. */
const MAX_RECORDED = 10_000;
const MAX_CONTROL_BODY_BYTES = 64 * 1024;
const CONTROL_CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type',
  'Access-Control-Max-Age': '600',
};

interface Reply {
  status: number;
  type: string;
  body: string;
  headers?: Record<string, string>;
}

const json = (status: number, value: unknown, headers?: Record<string, string>): Reply => ({
  status,
  type: JSON_TYPE,
  body: JSON.stringify(value),
  ...(headers && { headers }),
});
const error = (status: number, message: string): Reply => json(status, { error: message });
const found = (value: unknown, notFoundMessage: string): Reply => (value === undefined ? error(404, notFoundMessage) : json(200, value));

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return; // the client left (e.g. during a slow fault)
  const body = reply.status === 204 || reply.status === 304 ? '' : reply.body;
  res.writeHead(reply.status, { 'Content-Type': reply.type, 'Content-Length': Buffer.byteLength(body), ...reply.headers });
  res.end(body);
}

/**
 * A media's thumbnail (`/deliveries/{hash}.bin`, the path in its `thumbnail.url`): a 16:9
 * picture in a colour of its own with a play mark, so the demo's cards show a picture offline.
 */
function thumbnail(path: string): Reply {
  const hash = /^\/deliveries\/([0-9a-f]{40})\.bin$/.exec(path)?.[1];
  if (!hash) return error(404, 'Not found');
  const hue = Math.round((parseInt(hash.slice(0, 4), 16) / 0x10000) * 360);
  return {
    status: 200,
    type: 'image/svg+xml',
    headers: { 'Cache-Control': 'public, max-age=86400' },
    body: `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" viewBox="0 0 16 9"><rect width="16" height="9" fill="hsl(${hue} 40% 38%)"/><path d="M6.7 3v3l2.6-1.5z" fill="#fff"/></svg>`,
  };
}

/** An id that cannot be percent-decoded cannot exist: '' makes the lookup miss and answer 404. */
function decodeId(raw: string | undefined): string {
  try {
    return decodeURIComponent(raw ?? '');
  } catch {
    return '';
  }
}

function wholeNumber(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** Lenient like an API that ignores what it does not understand: a bad value means the default. */
function positiveInt(value: string | null, fallback: number): number {
  const n = value === null ? NaN : Number(value);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
}

/** `YYYY-MM-DD` → the epoch ms of that day's start (UTC), or undefined. */
function dayStartMs(value: string | null): number | undefined {
  if (value === null || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

const nonEmpty = (value: string | null): string | undefined => (value ? value : undefined);

/** A `YYYY-MM-DD` parameter; anything else is ignored, as if left out. */
const dateParam = (params: URLSearchParams, name: string): string | undefined =>
  dayStartMs(params.get(name)) === undefined ? undefined : params.get(name)!;

function pageParams(params: URLSearchParams): { page: number; perPage: number } {
  return {
    page: positiveInt(params.get('page'), 1),
    perPage: Math.min(positiveInt(params.get('per_page'), MAX_PER_PAGE), MAX_PER_PAGE),
  };
}

function visitorQuery(params: URLSearchParams): VisitorQuery {
  const filter = params.get('filter');
  return {
    ...pageParams(params),
    filter: (VISITOR_FILTERS as readonly (string | null)[]).includes(filter) ? (filter as VisitorFilter) : undefined,
    search: nonEmpty(params.get('search')),
  };
}

function eventQuery(params: URLSearchParams): EventQuery {
  const endDayMs = dayStartMs(params.get('end_date'));
  return {
    ...pageParams(params),
    mediaId: nonEmpty(params.get('media_id')),
    visitorKey: nonEmpty(params.get('visitor_key')),
    fromMs: dayStartMs(params.get('start_date')),
    // end_date's whole day is included.
    untilMs: endDayMs === undefined ? undefined : endDayMs + 86_400_000,
  };
}

/** The authenticated routes, matched on the path after `/v1` with any `.json` ending removed. */
function apiRoutes(data: SimulatedAccountData): [RegExp, (id: string, params: URLSearchParams) => Reply][] {
  return [
    [/^\/stats\/account$/, () => json(200, data.accountStats())],
    [/^\/stats\/projects\/([^/]+)$/, (id) => found(data.projectStats(id), 'Project not found')],
    [/^\/stats\/medias\/([^/]+)$/, (id) => found(data.mediaStats(id), 'Media not found')],
    [/^\/stats\/medias\/([^/]+)\/engagement$/, (id) => found(data.mediaEngagement(id), 'Media not found')],
    [
      /^\/stats\/account\/by_date$/,
      (_, params) => json(200, data.byDate(undefined, dateParam(params, 'start_date'), dateParam(params, 'end_date'))),
    ],
    [
      /^\/stats\/medias\/([^/]+)\/by_date$/,
      (id, params) => found(data.byDate(id, dateParam(params, 'start_date'), dateParam(params, 'end_date')), 'Media not found'),
    ],
    [/^\/stats\/visitors$/, (_, params) => json(200, data.listVisitors(visitorQuery(params)))],
    [/^\/stats\/visitors\/([^/]+)$/, (key) => found(data.visitor(key), 'Visitor not found')],
    [/^\/stats\/events$/, (_, params) => json(200, data.listEvents(eventQuery(params)))],
    [/^\/stats\/events\/([^/]+)$/, (key) => found(data.event(key), 'Event not found')],
    [/^\/projects\/([^/]+)$/, (id) => found(data.project(id), 'Project not found')],
  ];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks a fault (from a control request or `setFault`); a string is what is wrong with it. */
export function parseFault(input: unknown): Fault | string {
  if (!isRecord(input)) return 'a fault is a JSON object with a kind';
  const { kind, status, retryAfter, body, delayMs, match, times } = input;
  if (kind !== 'status' && kind !== 'slow' && kind !== 'malformed' && kind !== 'drop') {
    return "kind must be 'status', 'slow', 'malformed' or 'drop'";
  }
  if (match !== undefined && typeof match !== 'string') return 'match must be a string';
  if (times !== undefined && !wholeNumber(times, 1, 1e9)) return 'times must be a whole number of at least 1';
  const fault: Fault = { kind, ...(match !== undefined && { match }), ...(times !== undefined && { times }) };
  if (kind === 'status') {
    if (!wholeNumber(status, 200, 599)) return 'status must be a whole number from 200 to 599';
    if (retryAfter !== undefined && !wholeNumber(retryAfter, 0, 86_400)) return 'retryAfter must be whole seconds from 0 to 86400';
    if (body !== undefined && typeof body !== 'string') return 'body must be a string';
    return { ...fault, status, ...(retryAfter !== undefined && { retryAfter }), ...(body !== undefined && { body }) };
  }
  if (kind === 'slow') {
    if (!wholeNumber(delayMs, 0, 600_000)) return 'delayMs must be whole milliseconds from 0 to 600000';
    return { ...fault, delayMs };
  }
  return fault;
}

/** Reads a small JSON body; undefined when empty, a string when it cannot be used. */
function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Keep draining past the limit (so the answer can still be sent) but stop storing.
      if (size <= MAX_CONTROL_BODY_BYTES) chunks.push(chunk);
    });
    req.on('error', () => resolve(new BadInput('the request body could not be read')));
    req.on('end', () => {
      if (size > MAX_CONTROL_BODY_BYTES) return resolve(new BadInput('the body is too large'));
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (text === '') return resolve(undefined);
      try {
        resolve(JSON.parse(text));
      } catch {
        resolve(new BadInput('the body is not valid JSON'));
      }
    });
  });
}

class BadInput {
  constructor(readonly message: string) {}
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startSimulatedAccount(options: SimulatedAccountOptions = {}): Promise<SimulatedAccount> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? 'simulated-token';
  const publicToken = options.publicToken ?? 'simulatedpublic';
  const growthIntervalMs = options.growthIntervalMs ?? 0;

  const data = new SimulatedAccountData(options.seed ?? 1);
  data.publicToken = publicToken;
  const routes = apiRoutes(data);
  let recorded: RecordedRequest[] = [];
  let requestCount = 0;
  let fault: Fault | null = null;
  let extraFields: Record<string, unknown> = {};
  const slowTimers = new Set<NodeJS.Timeout>();

  const authorized = (header: string | undefined): boolean => /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1] === token;

  /** The fault for this request, if any; counts down `times` and clears itself once used up. */
  function takeFault(path: string): Fault | null {
    const current = fault;
    if (!current || (current.match !== undefined && !path.includes(current.match))) return null;
    if (current.times !== undefined && --current.times <= 0) fault = null;
    return current;
  }

  function apiReply(path: string, params: URLSearchParams, req: IncomingMessage): Reply {
    if (req.method !== 'GET' && req.method !== 'HEAD') return { ...error(405, 'Method not allowed'), headers: { Allow: 'GET, HEAD' } };
    const rest = path.slice('/v1'.length);

    // The heatmap iframe is public: it takes the account's public token, not the API token.
    const iframe = /^\/stats\/events\/([^/]+)\/iframe\.html$/.exec(rest);
    if (iframe) {
      if (params.get('public_token') !== publicToken)
        return { status: 401, type: HTML_TYPE, body: heatmapErrorPage('Invalid public token.') };
      const heatmap = data.heatmap(decodeId(iframe[1]));
      if (!heatmap) return { status: 404, type: HTML_TYPE, body: heatmapErrorPage('Event not found.') };
      return { status: 200, type: HTML_TYPE, body: heatmapPage(heatmap.event, heatmap.engagement) };
    }

    if (!authorized(req.headers.authorization)) return error(401, 'Unauthorized: send a valid API token as Authorization: Bearer <token>');
    const resource = rest.endsWith('.json') ? rest.slice(0, -'.json'.length) : rest;
    for (const [pattern, answer] of routes) {
      const match = pattern.exec(resource);
      if (match) return answer(decodeId(match[1]), params);
    }
    return error(404, 'Not found');
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, path: string, search: string): Promise<void> {
    requestCount++;
    recorded.push({ method: req.method ?? 'GET', path, query: search, authorization: req.headers.authorization ?? null, at: Date.now() });
    if (recorded.length > MAX_RECORDED) recorded.shift();

    const params = new URLSearchParams(search); // never throws, even on broken percent-encoding
    if (!path.startsWith('/v1/')) return send(res, error(404, 'Not found'));

    const active = takeFault(path);
    if (active?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (active?.kind === 'malformed') {
      return send(res, { status: 200, type: 'application/json', body: '{"load_count": 1024, "play_count": 51' });
    }
    if (active?.kind === 'status') {
      const status = active.status ?? 500;
      const headers = active.retryAfter === undefined ? undefined : { 'Retry-After': String(active.retryAfter) };
      const body = active.body ?? JSON.stringify({ error: STATUS_CODES[status] ?? 'Simulated failure' });
      return send(res, { status, type: JSON_TYPE, body, ...(headers && { headers }) });
    }
    if (active?.kind === 'slow') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          slowTimers.delete(timer);
          resolve();
        }, active.delayMs ?? 0);
        slowTimers.add(timer);
      });
    }
    send(res, withExtraFields(apiReply(path, params, req)));
  }

  function withExtraFields(reply: Reply): Reply {
    if (reply.status !== 200 || reply.type !== JSON_TYPE || Object.keys(extraFields).length === 0) return reply;
    const data = JSON.parse(reply.body) as unknown;
    const add = (item: unknown): unknown => (isRecord(item) ? { ...item, ...extraFields } : item);
    return { ...reply, body: JSON.stringify(Array.isArray(data) ? data.map(add) : add(data)) };
  }

  async function controlReply(req: IncomingMessage, path: string): Promise<Reply> {
    const route = `${req.method} ${path}`;
    switch (route) {
      case 'GET /__sim/requests':
        return json(200, { count: requestCount, requests: recorded });
      case 'DELETE /__sim/requests':
        resetRequests();
        return json(200, { count: 0, requests: [] });
      case 'GET /__sim/fault':
      case 'DELETE /__sim/fault':
        if (req.method === 'DELETE') fault = null;
        return json(200, { fault });
      case 'GET /__sim/state':
        // Deliberately token-free: this is readable from any origin.
        return json(200, { known: KNOWN, ...data.summary(), fault, requestCount, growthIntervalMs });
    }

    if (req.method === 'POST' && SIM_POSTS.includes(path)) {
      const body = await readJson(req);
      if (body instanceof BadInput) return error(400, body.message);
      if (path === '/__sim/fault') {
        const parsed = parseFault(body);
        if (typeof parsed === 'string') return error(400, parsed);
        fault = parsed;
        return json(200, { fault });
      }
      if (path === '/__sim/tick') {
        if (body !== undefined && !isRecord(body)) return error(400, 'the body must be a JSON object like {"n": 5}');
        const n = (isRecord(body) ? body.n : undefined) ?? 1;
        if (!wholeNumber(n, 1, 10_000)) return error(400, 'n must be a whole number from 1 to 10000');
        data.tick(n);
        return json(200, data.accountStats());
      }
      if (path === '/__sim/view') {
        if (
          !isRecord(body) ||
          typeof body.mediaId !== 'string' ||
          typeof body.visitorKey !== 'string' ||
          !VISITOR_KEY.pattern.test(body.visitorKey)
        ) {
          return error(400, 'the body must be a JSON object like {"mediaId": "…", "visitorKey": "…", "percentViewed": 1}');
        }
        const { percentViewed } = body;
        if (percentViewed !== undefined && !(typeof percentViewed === 'number' && percentViewed >= 0 && percentViewed <= 1)) {
          return error(400, 'percentViewed must be a number from 0 to 1');
        }
        return found(data.view(body.mediaId, body.visitorKey, Date.now(), percentViewed), 'Media not found');
      }
      if (!isRecord(body)) return error(400, 'the body must be a JSON object like {"mediaId": "…", "metric": "visitors"}');
      const { mediaId, metric, by = 1 } = body;
      if (typeof mediaId !== 'string') return error(400, 'mediaId must be a string');
      if (metric !== 'visitors' && metric !== 'load_count' && metric !== 'play_count')
        return error(400, "metric must be 'visitors', 'load_count' or 'play_count'");
      if (!wholeNumber(by, 1, 1_000_000)) return error(400, 'by must be a whole number from 1 to 1000000');
      return found(data.bump(mediaId, metric, by), 'Media not found');
    }

    const known = ['/__sim/requests', '/__sim/state', ...SIM_POSTS].includes(path);
    return known ? error(405, 'Method not allowed') : error(404, 'Not found');
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const path = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
    const search = queryAt === -1 ? '' : rawUrl.slice(queryAt);

    // The thumbnails, as Wistia's CDN serves them: not the API, so neither recorded nor faulted.
    if (path.startsWith('/deliveries/')) return send(res, thumbnail(path));
    if (path.startsWith('/__sim/')) {
      // Control routes: not recorded, no faults, callable from a demo page in a browser.
      const reply = req.method === 'OPTIONS' ? { status: 204, type: 'text/plain', body: '' } : await controlReply(req, path);
      return send(res, { ...reply, headers: { ...reply.headers, ...CONTROL_CORS } });
    }
    await handleApi(req, res, path, search);
  }

  function resetRequests(): void {
    recorded = [];
    requestCount = 0;
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('simulated account: unexpected error', err);
      if (res.headersSent) res.destroy();
      else send(res, error(500, 'Internal error in the simulated account'));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${urlHost(host)}:${port}`;
  const apiBase = `${url}/v1`;
  data.heatmapBase = apiBase;
  data.deliveriesBase = url;

  // unref: automatic growth alone must not keep a test process alive.
  const growthTimer = growthIntervalMs > 0 ? setInterval(() => data.tick(1), growthIntervalMs).unref() : undefined;

  let closing: Promise<void> | undefined;
  return {
    url,
    apiBase,
    publicToken,
    close() {
      closing ??= new Promise<void>((resolve) => {
        clearInterval(growthTimer);
        for (const timer of slowTimers) clearTimeout(timer);
        slowTimers.clear();
        server.close(() => resolve());
        server.closeAllConnections(); // keep-alive and slowed connections would hold close() open
      });
      return closing;
    },
    tick(n = 1) {
      data.tick(n);
    },
    bump(mediaId, metric, by = 1) {
      if (!data.bump(mediaId, metric, by)) throw new TypeError(`bump: no media ${mediaId}`);
    },
    view(mediaId, visitorKey, percentViewed) {
      if (!data.view(mediaId, visitorKey, Date.now(), percentViewed)) throw new TypeError(`view: no media ${mediaId}`);
    },
    setExtraFields(fields) {
      extraFields = { ...fields };
    },
    requests: () => [...recorded],
    resetRequests,
    setFault(next) {
      // parseFault also copies it: `times` counts down on the copy.
      const parsed = next === null ? null : parseFault(next);
      if (typeof parsed === 'string') throw new TypeError(`setFault: ${parsed}`);
      fault = parsed;
    },
  };
}
