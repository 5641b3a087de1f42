/**
 * docs/architecture.md, "Wistia's official client": the proxy's answers satisfy the response
 * schemas of Wistia's official TypeScript client (`wistia/wistia-typescript-sdk`, the package
 * `@wistia/wistia-api-client`), on the paths it asks for, with PII redacted and not.
 *
 * The client is not on the npm registry, so its schemas are restated here with zod, field for
 * field as its generated source declares them (src/models/operations/getstats*.ts, release
 * 2026.3.1). Unknown fields pass, as they do in the client (zod drops them); a missing required
 * field, a null where it takes none, or a wrong type fails. With a checkout of the client
 * (`WISTIA_CLIENT_SRC=/path/to/wistia-typescript-sdk/src`, its dependencies installed), the
 * last suite also runs the client itself against the proxy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { KNOWN } from '../../demo/simulated-account/data.ts';
import type { SimulatedAccount } from '../../demo/simulated-account/server.ts';
import { EXPOSE_EVERYTHING, startAccount, startWorker, type RunningWorker } from './harness.ts';

// ---- the client's response schemas ------------------------------------------------------

const int = z.number().int();
const dateTime = z.iso.datetime({ offset: true });
const userAgentDetails = z
  .object({ browser: z.string(), browser_version: z.string(), platform: z.string(), mobile: z.boolean() })
  .partial();
const thumbnail = z
  .object({ url: z.string(), width: int, height: int, fileSize: int, contentType: z.string(), type: z.string() })
  .partial();

const account = z.object({ load_count: int, play_count: int, hours_watched: z.number() });
const project = z.object({ load_count: int, play_count: int, hours_watched: z.number(), number_of_videos: int }).partial();
const media = z
  .object({
    load_count: int,
    play_count: int,
    play_rate: z.number(),
    hours_watched: z.number(),
    engagement: z.number(),
    visitors: int,
    actions: z.array(z.object({ type: z.string(), action_count: int, impression_count: int, rate: z.number() }).partial()),
  })
  .partial();
const engagement = z.object({ engagement: z.number(), engagement_data: z.array(int), rewatch_data: z.array(int) }).partial();
const visitor = z
  .object({
    visitor_key: z.string(),
    created_at: dateTime,
    last_active_at: dateTime,
    last_event_key: z.string(),
    load_count: int,
    play_count: int,
    visitor_identity: z
      .object({
        // The one field here that takes no null.
        name: z.string(),
        email: z.string().nullable(),
        org: z.object({ name: z.string().nullable(), title: z.string().nullable() }).partial(),
      })
      .partial(),
    user_agent_details: userAgentDetails,
  })
  .partial();
const event = z
  .object({
    received_at: dateTime,
    event_key: z.string(),
    visitor_key: z.string(),
    embed_url: z.string(),
    percent_viewed: z.number(),
    ip: z.string(),
    org: z.string(),
    country: z.string(),
    region: z.string(),
    city: z.string(),
    lat: z.number(),
    lon: z.number(),
    email: z.string().nullable(),
    media_id: z.string(),
    media_name: z.string(),
    media_url: z.string(),
    iframe_heatmap_url: z.string(),
    thumbnail,
    conversion_type: z.union([int, z.string()]),
    conversion_data: z.object({ email: z.string(), first_name: z.string(), is_new_lead: z.boolean(), last_name: z.string() }).partial(),
    user_agent_details: userAgentDetails,
  })
  .partial();

/** A day of the by_date answers: the client requires the date and takes every count as optional. */
const day = z
  .object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) })
  .extend(z.object({ load_count: int, play_count: int, hours_watched: z.number() }).partial().shape);

/** Each stats call of the client: the path it asks for under its server URL, and what it accepts. */
const CALLS = [
  { call: 'statsAccount.get', path: '/stats/account', schema: account },
  { call: 'statsProjects.get', path: `/stats/projects/${KNOWN.projectId}`, schema: project },
  { call: 'statsMedia.get', path: `/stats/medias/${KNOWN.mediaId}`, schema: media },
  { call: 'statsMedia.getEngagement', path: `/stats/medias/${KNOWN.mediaId}/engagement`, schema: engagement },
  {
    call: 'statsAccount by_date',
    path: '/stats/account/by_date?start_date=2026-11-01&end_date=2026-11-07',
    schema: z.array(day).length(7),
  },
  { call: 'statsMedia by_date', path: `/stats/medias/${KNOWN.mediaId}/by_date`, schema: z.array(day).min(1) },
  { call: 'statsVisitors.list', path: '/stats/visitors?page=1&per_page=100', schema: z.array(visitor).min(1) },
  { call: 'statsVisitors.list (has_email)', path: '/stats/visitors?filter=has_email', schema: z.array(visitor).min(1) },
  { call: 'statsVisitors.get', path: `/stats/visitors/${KNOWN.visitorKey}`, schema: visitor },
  { call: 'statsEvents.list', path: `/stats/events?media_id=${KNOWN.mediaId}&per_page=100`, schema: z.array(event).min(1) },
  { call: 'statsEvents.get', path: `/stats/events/${KNOWN.eventKey}`, schema: event },
] as const;

// ---- the proxy, redacted and not --------------------------------------------------------

let simulated: SimulatedAccount;
let redacted: RunningWorker;
let withPii: RunningWorker;

beforeAll(async () => {
  simulated = await startAccount();
  [redacted, withPii] = await Promise.all([
    startWorker(simulated.apiBase, { vars: { EXPOSE: EXPOSE_EVERYTHING, WISTIA_PUBLIC_TOKEN: 'simulatedpublic' } }),
    startWorker(simulated.apiBase, { vars: { EXPOSE: EXPOSE_EVERYTHING, WISTIA_PUBLIC_TOKEN: 'simulatedpublic', EXPOSE_PII: 'true' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([redacted?.stop(), withPii?.stop()]);
  await simulated?.close();
});

/** What the client does with an answer: GET with its headers, then parse with its schema. */
async function asTheClient(worker: RunningWorker, base: '/v1' | '/modern', path: string): Promise<unknown> {
  const response = await worker.fetch(`${base}${path}`, {
    headers: { Accept: 'application/json', Authorization: 'Bearer not-needed', 'X-Wistia-API-Version': '2026-03' },
  });
  expect(response.status, path).toBe(200);
  return response.json();
}

for (const [label, worker] of [
  ['PII redacted (the default)', () => redacted],
  ['EXPOSE_PII=true', () => withPii],
] as const) {
  describe(`the official client's schemas, ${label}`, () => {
    for (const base of ['/v1', '/modern'] as const) {
      for (const { call, path, schema } of CALLS) {
        it(`${call}: ${base}${path}`, async () => {
          const parsed = schema.safeParse(await asTheClient(worker(), base, path));
          expect(parsed.success ? 'valid' : z.prettifyError(parsed.error)).toBe('valid');
        });
      }
    }
  });
}

describe("what the client's schemas catch (the test can fail)", () => {
  it('a visitor whose name is null fails, as the client threw before the proxy left it out', () => {
    expect(
      visitor.safeParse({ visitor_key: 'abc', visitor_identity: { name: null, email: null, org: { name: null, title: null } } }).success,
    ).toBe(false);
  });

  it('with EXPOSE_PII=true an identified visitor keeps its name, and an anonymous one has none rather than null', async () => {
    const list = (await asTheClient(withPii, '/v1', '/stats/visitors?per_page=100')) as Array<{
      visitor_identity: Record<string, unknown>;
    }>;
    const named = list.filter((item) => 'name' in item.visitor_identity);
    expect(named.length).toBeGreaterThan(0);
    expect(named.every((item) => typeof item.visitor_identity.name === 'string')).toBe(true);
    expect(list.length).toBeGreaterThan(named.length);
  });
});

// ---- the client itself, when a checkout of it is at hand ---------------------------------

const clientSource = process.env.WISTIA_CLIENT_SRC;

describe.skipIf(!clientSource)('the official client itself (WISTIA_CLIENT_SRC)', () => {
  interface Client {
    statsAccount: { get(): Promise<unknown> };
    statsProjects: { get(request: { projectId: string }): Promise<unknown> };
    statsMedia: { get(request: { mediaId: string }): Promise<unknown>; getEngagement(request: { mediaId: string }): Promise<unknown> };
    statsVisitors: { list(request?: { perPage?: number }): Promise<unknown[]>; get(request: { visitorKey: string }): Promise<unknown> };
    statsEvents: { list(request?: { mediaId?: string }): Promise<unknown[]>; get(request: { eventKey: string }): Promise<unknown> };
  }
  const calls: Array<[string, (client: Client) => Promise<unknown>]> = [
    ['statsAccount.get', (client) => client.statsAccount.get()],
    ['statsProjects.get', (client) => client.statsProjects.get({ projectId: KNOWN.projectId })],
    ['statsMedia.get', (client) => client.statsMedia.get({ mediaId: KNOWN.mediaId })],
    ['statsMedia.getEngagement', (client) => client.statsMedia.getEngagement({ mediaId: KNOWN.mediaId })],
    ['statsVisitors.list', (client) => client.statsVisitors.list({ perPage: 100 })],
    ['statsVisitors.get', (client) => client.statsVisitors.get({ visitorKey: KNOWN.visitorKey })],
    ['statsEvents.list', (client) => client.statsEvents.list({ mediaId: KNOWN.mediaId })],
    ['statsEvents.get', (client) => client.statsEvents.get({ eventKey: KNOWN.eventKey })],
  ];
  for (const base of ['/v1', '/modern']) {
    for (const pii of [false, true]) {
      for (const [name, call] of calls) {
        it(`${name} through ${base}${pii ? ', EXPOSE_PII=true' : ''}`, async () => {
          const { Wistia } = (await import(/* @vite-ignore */ `${clientSource}/index.ts`)) as { Wistia: new (options: object) => Client };
          const client = new Wistia({ bearerAuth: 'not-needed', serverURL: `${(pii ? withPii : redacted).url}${base}` });
          await expect(call(client)).resolves.toBeTypeOf('object');
        });
      }
    }
  }
});
