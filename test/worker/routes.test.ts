/**
 * docs/architecture.md, "Routes" (same paths and JSON shapes as Wistia), and the token rule:
 * every route answers what Wistia (here, the simulated account) answers, in both
 * spellings, and the token exists only in the upstream Authorization header.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN } from '../../demo/simulated-account/data.ts';
import type { SimulatedAccount } from '../../demo/simulated-account/server.ts';
import { DIST_DIR } from '../../scripts/size.ts';
import { direct, startAccount, startWorker, TEST_TOKEN, type RunningWorker, EXPOSE_EVERYTHING } from './harness.ts';

let account: SimulatedAccount;
let worker: RunningWorker;

beforeAll(async () => {
  account = await startAccount();
  worker = await startWorker(account.apiBase, {
    vars: { EXPOSE: EXPOSE_EVERYTHING, EXPOSE_PII: 'true', WISTIA_PUBLIC_TOKEN: 'simulatedpublic' },
  });
});
afterAll(async () => {
  await worker?.stop();
  await account?.close();
});

const ROUTES: Record<string, string> = {
  account: '/v1/stats/account.json',
  project: `/v1/stats/projects/${KNOWN.projectId}.json`,
  media: `/v1/stats/medias/${KNOWN.mediaId}.json`,
  engagement: `/v1/stats/medias/${KNOWN.mediaId}/engagement.json`,
  visitors: '/v1/stats/visitors.json?page=2&per_page=7',
  visitorSearch: `/v1/stats/visitors.json?search=${KNOWN.visitorEmail}`,
  visitor: `/v1/stats/visitors/${KNOWN.visitorKey}.json`,
  events: `/v1/stats/events.json?media_id=${KNOWN.mediaId}&per_page=5`,
  event: `/v1/stats/events/${KNOWN.eventKey}.json`,
};

/** The documented fields of each answer and their JSON types (as Wistia's Stats API documents them; docs/architecture.md, "Routes"). */
const FIELDS = {
  account: { load_count: 'number', play_count: 'number', hours_watched: 'number' },
  project: { load_count: 'number', play_count: 'number', hours_watched: 'number', number_of_videos: 'number' },
  media: {
    load_count: 'number',
    play_count: 'number',
    play_rate: 'number',
    hours_watched: 'number',
    engagement: 'number',
    visitors: 'number',
    actions: 'object',
  },
  engagement: { engagement: 'number', engagement_data: 'object', rewatch_data: 'object' },
  visitor: {
    visitor_key: 'string',
    created_at: 'string',
    last_active_at: 'string',
    last_event_key: 'string',
    load_count: 'number',
    play_count: 'number',
    visitor_identity: 'object',
    user_agent_details: 'object',
  },
  event: {
    received_at: 'string',
    event_key: 'string',
    visitor_key: 'string',
    embed_url: 'string',
    percent_viewed: 'number',
    ip: 'string',
    org: 'string',
    country: 'string',
    region: 'string',
    city: 'string',
    lat: 'number',
    lon: 'number',
    media_id: 'string',
    media_url: 'string',
    media_name: 'string',
    iframe_heatmap_url: 'string',
  },
} as const;

function expectFields(value: unknown, fields: Record<string, string>): void {
  expect(value).toBeTypeOf('object');
  for (const [name, type] of Object.entries(fields)) expect(typeof (value as Record<string, unknown>)[name], name).toBe(type);
}

/**
 * Wistia's answer as the proxy passes it on with EXPOSE_PII=true: a visitor's `name: null` left
 * out, its one change (docs/architecture.md, "Wistia's official client").
 */
async function proxied(path: string): Promise<unknown> {
  const answer = await direct(account, path);
  for (const item of Array.isArray(answer) ? answer : [answer]) {
    const identity = (item as { visitor_identity?: { name?: unknown } }).visitor_identity;
    if (identity?.name === null) delete identity.name;
  }
  return answer;
}

describe('every stats route answers what Wistia answers', () => {
  for (const [name, path] of Object.entries(ROUTES)) {
    it(`${name}: ${path}`, async () => {
      const response = await worker.fetch(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toEqual(await proxied(path));
    });
    it(`${name}: also without .json`, async () => {
      const response = await worker.fetch(path.replace('.json', ''));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(await proxied(path));
    });
  }

  it('answers have the documented fields and types', async () => {
    for (const name of ['account', 'project', 'media', 'engagement', 'visitor', 'event'] as const) {
      expectFields(await (await worker.fetch(ROUTES[name]!)).json(), FIELDS[name]);
    }
    const engagement = (await (await worker.fetch(ROUTES.engagement!)).json()) as { engagement_data: unknown[] };
    expect(engagement.engagement_data.length).toBeGreaterThan(10);
    expect(engagement.engagement_data.every((n) => typeof n === 'number')).toBe(true);
  });

  it('lists are bare arrays paged like Wistia', async () => {
    const page = (await (await worker.fetch(ROUTES.visitors!)).json()) as unknown[];
    expect(Array.isArray(page)).toBe(true);
    expect(page).toHaveLength(7);
    const events = (await (await worker.fetch(ROUTES.events!)).json()) as Array<{ media_id: string }>;
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((event) => event.media_id === KNOWN.mediaId)).toBe(true);
  });

  it('HEAD answers the headers of GET without a body', async () => {
    const response = await worker.fetch(ROUTES.account!, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{40}"$/);
    expect(await response.text()).toBe('');
  });

  it('the heatmap route redirects to Wistia’s iframe with the public token', async () => {
    const response = await worker.fetch(`/v1/stats/events/${KNOWN.eventKey}/iframe.html`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const location = response.headers.get('location')!;
    expect(location).toBe(`${account.apiBase}/stats/events/${KNOWN.eventKey}/iframe.html?public_token=simulatedpublic`);
    const iframe = await fetch(location);
    expect(iframe.status).toBe(200);
    expect(await iframe.text()).toMatch(/<svg/);
  });

  it('the heatmap route answers 404 for a session Wistia does not know, and asks Wistia once for it', async () => {
    account.resetRequests();
    for (let i = 0; i < 2; i++) {
      const response = await worker.fetch(`/v1/stats/events/${KNOWN.missingEventKey}/iframe.html`, { redirect: 'manual' });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'No viewing session has this event key.' } });
    }
    expect(account.requests().map((request) => request.path)).toEqual([`/v1/stats/events/${KNOWN.missingEventKey}.json`]);
  });

  it('/healthz answers without touching upstream', async () => {
    account.resetRequests();
    const response = await worker.fetch('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(account.requests()).toHaveLength(0);
  });
});

describe('the static files are the drop-in, as `npm run build` leaves dist/ for wrangler deploy', () => {
  it('serves the drop-in, and not the npm build or the headers file beside it', async () => {
    // The premise: npm test builds everything first, so dist/ holds the npm build too.
    for (const file of ['esm/index.js', 'types/index.d.ts', '_headers']) expect(existsSync(join(DIST_DIR, file)), file).toBe(true);
    expect((await worker.fetch('/wistia-stats.js')).status).toBe(200);
    for (const path of ['/esm/index.js', '/types/index.d.ts', '/_headers']) expect((await worker.fetch(path)).status, path).toBe(404);
  });
});

describe('the token lives only in the upstream Authorization header', () => {
  it('is sent upstream as Bearer and never in the URL', async () => {
    account.resetRequests();
    await worker.fetch(`/v1/stats/medias/${KNOWN.otherMediaId}.json`);
    const seen = account.requests();
    expect(seen.length).toBeGreaterThan(0);
    for (const request of seen) {
      expect(request.authorization).toBe(`Bearer ${TEST_TOKEN}`);
      expect(request.path + request.query).not.toContain(TEST_TOKEN);
    }
  });

  it('is absent from every answer, its headers, and the Worker’s logs', async () => {
    const paths = [
      ...Object.values(ROUTES),
      `/v1/stats/events/${KNOWN.eventKey}/iframe.html`,
      `/v1/stats/medias/${KNOWN.missingMediaId}.json`,
      '/v1/stats/medias/BAD!.json',
    ];
    for (const path of paths) {
      const response = await worker.fetch(path, { redirect: 'manual' });
      const headers = JSON.stringify([...response.headers]);
      expect(headers + (await response.text())).not.toContain(TEST_TOKEN);
    }
    expect(worker.logs().length).toBeGreaterThan(0);
    expect(worker.logs()).not.toContain(TEST_TOKEN);
  });
});
