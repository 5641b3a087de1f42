/**
 * docs/architecture.md, "Recommendations": `GET /v1/recommendations.json` answers exactly the
 * project's medias a visitor never played (or, `mode=unfinished`, left before the end, most
 * recent first), read from the project's media list and every page of the visitor's history
 * up to a cap; only four fields leave the Worker; it exists only with `recommendations` in
 * EXPOSE; bad input is a 400 before any upstream call; one address cannot spend the budget
 * through it; and a visitor's history is kept a short time only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN } from '../../demo/simulated-account/data.ts';
import type { SimulatedAccount } from '../../demo/simulated-account/server.ts';
import type { Project, StatsEvent } from '../../src/wistia-api.ts';
import {
  direct,
  eventually,
  EXPOSE_EVERYTHING,
  freshLimitWindow,
  sleep,
  startAccount,
  startWorker,
  type RunningWorker,
} from './harness.ts';

let account: SimulatedAccount;
let worker: RunningWorker;
let hidden: RunningWorker;

beforeAll(async () => {
  account = await startAccount();
  [worker, hidden] = await Promise.all([
    startWorker(account.apiBase, { vars: { EXPOSE: EXPOSE_EVERYTHING } }),
    startWorker(account.apiBase, { vars: { EXPOSE: 'account,projects,medias,engagement,events,visitors' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([worker?.stop(), hidden?.stop()]);
  await account?.close();
});

const recommendations = (query: string) => `/v1/recommendations.json?${query}`;
const FOUR_FIELDS = ['duration', 'hashed_id', 'name', 'thumbnail_url'];
type Recommendation = { hashed_id: string; name: string; thumbnail_url: string | null; duration: number | null };

/** What Wistia itself says: the project's medias, and every session of the visitor, page by page. */
async function upstreamTruth(projectId: string, visitorKey: string) {
  const project = (await direct(account, `/v1/projects/${projectId}.json`)) as Project;
  const sessions: StatsEvent[] = [];
  let pages = 0;
  for (let page = 1; ; page++) {
    const rows = (await direct(account, `/v1/stats/events.json?visitor_key=${visitorKey}&page=${page}`)) as StatsEvent[];
    sessions.push(...rows);
    pages++;
    if (rows.length < 100) break;
  }
  const best = new Map<string, { viewed: number; last: number }>();
  for (const s of sessions) {
    const known = best.get(s.media_id);
    best.set(s.media_id, {
      viewed: Math.max(s.percent_viewed, known?.viewed ?? 0),
      last: Math.max(Date.parse(s.received_at), known?.last ?? 0),
    });
  }
  const ids = project.medias.map((m) => m.hashed_id);
  return {
    project,
    pages,
    unwatched: ids.filter((id) => !best.has(id)),
    unfinished: ids.filter((id) => best.has(id) && best.get(id)!.viewed < 0.9).sort((a, b) => best.get(b)!.last - best.get(a)!.last),
  };
}

async function ids(path: string): Promise<string[]> {
  const response = await worker.fetch(path);
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as Recommendation[]).map((r) => r.hashed_id);
}

describe('a visitor whose history spans several upstream pages', () => {
  it('unwatched (the default): exactly the project’s medias the visitor never played, in the project’s order', async () => {
    const truth = await upstreamTruth(KNOWN.projectId, KNOWN.bingeVisitorKey);
    expect(truth.pages, 'the history must span several pages').toBe(3);
    account.resetRequests();
    expect(await ids(recommendations(`project_id=${KNOWN.projectId}&visitor_key=${KNOWN.bingeVisitorKey}`))).toEqual(truth.unwatched);
    expect(truth.unwatched).toEqual(KNOWN.bingeUnwatched);
    // Every page was read (the last two hold sessions of medias a first page alone would recommend).
    const eventPages = account
      .requests()
      .filter((r) => r.path === '/v1/stats/events.json')
      .map((r) => new URLSearchParams(r.query).get('page'));
    expect(eventPages.sort()).toEqual(['2', '3', null].sort());
  });

  it('unfinished: exactly those whose best session stopped before 90 %, most recent first', async () => {
    const truth = await upstreamTruth(KNOWN.projectId, KNOWN.bingeVisitorKey);
    expect(await ids(recommendations(`project_id=${KNOWN.projectId}&visitor_key=${KNOWN.bingeVisitorKey}&mode=unfinished`))).toEqual(
      truth.unfinished,
    );
    expect(truth.unfinished).toEqual(KNOWN.bingeUnfinished);
  });

  it('mode=unwatched is the default spelled out; limit keeps the first ones', async () => {
    const base = `project_id=${KNOWN.projectId}&visitor_key=${KNOWN.bingeVisitorKey}`;
    expect(await ids(recommendations(`${base}&mode=unwatched`))).toEqual(KNOWN.bingeUnwatched);
    expect(await ids(recommendations(`${base}&limit=2`))).toEqual(KNOWN.bingeUnwatched.slice(0, 2));
    expect(await ids(recommendations(`${base}&mode=unfinished&limit=1`))).toEqual(KNOWN.bingeUnfinished.slice(0, 1));
  });

  it('a visitor who finished everything in a project gets nothing, in either mode', async () => {
    const base = `project_id=${KNOWN.completedProjectId}&visitor_key=${KNOWN.completistVisitorKey}`;
    expect(await ids(recommendations(base))).toEqual([]);
    expect(await ids(recommendations(`${base}&mode=unfinished`))).toEqual([]);
    const truth = await upstreamTruth(KNOWN.completedProjectId, KNOWN.completistVisitorKey);
    expect(truth.pages).toBe(2);
    expect(truth.unwatched).toEqual([]);
  });

  it('also without .json, the same answer', async () => {
    const query = `project_id=${KNOWN.projectId}&visitor_key=${KNOWN.bingeVisitorKey}`;
    expect(await ids(`/v1/recommendations?${query}`)).toEqual(KNOWN.bingeUnwatched);
  });
});

describe('an unknown visitor, or none', () => {
  it('gets every media of the project, in its order, as Wistia describes them', async () => {
    const { project } = await upstreamTruth(KNOWN.projectId, KNOWN.missingVisitorKey);
    const every = project.medias.map((m) => ({
      hashed_id: m.hashed_id,
      name: m.name,
      thumbnail_url: m.thumbnail.url,
      duration: m.duration,
    }));
    for (const query of [`project_id=${KNOWN.projectId}&visitor_key=${KNOWN.missingVisitorKey}`, `project_id=${KNOWN.projectId}`]) {
      const response = await worker.fetch(recommendations(query));
      expect(await response.json()).toEqual(every);
    }
    expect(await ids(recommendations(`project_id=${KNOWN.projectId}&mode=unfinished`))).toEqual([]);
  });
});

describe('nothing but the four fields leaves the Worker', () => {
  it('each item is {hashed_id, name, thumbnail_url, duration}, even when Wistia adds fields', async () => {
    account.setExtraFields({ secret_field: 'leak', ip: '10.0.0.1' });
    try {
      const response = await worker.fetch(recommendations(`project_id=${KNOWN.projectId}&visitor_key=${KNOWN.missingVisitorKey}&limit=3`));
      const text = await response.text();
      const list = JSON.parse(text) as Recommendation[];
      expect(list).toHaveLength(3);
      for (const item of list) expect(Object.keys(item).sort()).toEqual(FOUR_FIELDS);
      expect(text).not.toContain('leak');
      expect(text).not.toContain('10.0.0.1');
    } finally {
      account.setExtraFields({});
    }
  });

  it('no event, visitor or other person’s data: not the visitor key, dates, pages or percentages', async () => {
    const text = await (
      await worker.fetch(recommendations(`project_id=${KNOWN.projectId}&visitor_key=${KNOWN.bingeVisitorKey}&mode=unfinished`))
    ).text();
    for (const leak of [KNOWN.bingeVisitorKey, 'received_at', 'percent_viewed', 'event_key', 'embed_url', 'visitor', 'country']) {
      expect(text).not.toContain(leak);
    }
  });

  it('a thumbnail that is not a web address is left out', async () => {
    const webinars = 'ufvi0rfhiq'; // a project nobody has asked about yet: nothing cached
    const project = (await direct(account, `/v1/projects/${webinars}.json`)) as Project;
    const body = JSON.stringify({
      ...project,
      medias: project.medias.map((m, i) => ({ ...m, thumbnail: { url: i === 0 ? 'javascript:alert(1)' : m.thumbnail.url } })),
    });
    account.setFault({ kind: 'status', status: 200, body, match: `/projects/${webinars}` });
    try {
      const list = (await (await worker.fetch(recommendations(`project_id=${webinars}&limit=2`))).json()) as Recommendation[];
      expect(list[0]!.thumbnail_url).toBeNull();
      expect(list[1]!.thumbnail_url).toMatch(/^https?:\/\//);
    } finally {
      account.setFault(null);
    }
  });
});

describe('cached per project and per visitor, through the shield', () => {
  it('asked again: no upstream request, a HIT with an ETag, and a 304 to If-None-Match', async () => {
    const path = recommendations(`project_id=${KNOWN.projectId}&visitor_key=${KNOWN.visitorKey}`);
    await (await worker.fetch(path)).arrayBuffer();
    account.resetRequests();
    const again = await worker.fetch(path);
    expect(again.status).toBe(200);
    expect(again.headers.get('x-cache')).toBe('HIT');
    const etag = again.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    expect(again.headers.get('access-control-allow-origin')).toBe('*');
    const revalidated = await worker.fetch(path, { headers: { 'If-None-Match': etag } });
    expect(revalidated.status).toBe(304);
    expect(account.requests()).toEqual([]);
  });

  it('another visitor of the same project reads the media list from the cache: one upstream request, for its history', async () => {
    await (await worker.fetch(recommendations(`project_id=${KNOWN.projectId}`))).arrayBuffer();
    account.resetRequests();
    await (await worker.fetch(recommendations(`project_id=${KNOWN.projectId}&visitor_key=ABCDEF0123456789`))).arrayBuffer();
    expect(account.requests().map((r) => `${r.path}${r.query}`)).toEqual(['/v1/stats/events.json?visitor_key=ABCDEF0123456789']);
  });

  it(`an endless history is read to the cap: 5 pages, never more`, async () => {
    const row = (await direct(account, `/v1/stats/events.json?visitor_key=${KNOWN.bingeVisitorKey}&per_page=1`)) as StatsEvent[];
    const fullPage = JSON.stringify(Array(100).fill(row[0]));
    account.setFault({ kind: 'status', status: 200, body: fullPage, match: '/stats/events' });
    account.resetRequests();
    try {
      const response = await worker.fetch(recommendations(`project_id=${KNOWN.projectId}&visitor_key=E11D1E55000000000000000000000000`));
      expect(response.status).toBe(200);
      expect(account.requests().filter((r) => r.path === '/v1/stats/events.json')).toHaveLength(5);
    } finally {
      account.setFault(null);
    }
  });
});

describe('upstream trouble is an error, not a wrong list', () => {
  it('a project Wistia does not have is a 404', async () => {
    const response = await worker.fetch(recommendations(`project_id=${KNOWN.missingProjectId}`));
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('a project answer without a media list is a 502', async () => {
    account.setFault({ kind: 'status', status: 200, body: '{"medias": 5}', match: '/projects/' });
    try {
      const response = await worker.fetch(recommendations('project_id=brokenlist1'));
      expect(response.status).toBe(502);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('upstream_error');
    } finally {
      account.setFault(null);
    }
  });

  it('a history Wistia fails to give is a 502, never "everything is unwatched"', async () => {
    account.setFault({ kind: 'status', status: 500, match: '/stats/events' });
    try {
      const response = await worker.fetch(recommendations(`project_id=${KNOWN.projectId}&visitor_key=FA11ED0000000001`));
      expect(response.status).toBe(502);
    } finally {
      account.setFault(null);
    }
  });
});

describe('exposed only with recommendations in EXPOSE', () => {
  it('otherwise a 404 like a route that does not exist, with no upstream request', async () => {
    account.resetRequests();
    for (const path of [
      recommendations(`project_id=${KNOWN.projectId}&visitor_key=${KNOWN.bingeVisitorKey}`),
      '/v1/recommendations',
      recommendations('project_id=!!'),
    ]) {
      const response = await hidden.fetch(path);
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
    expect(account.requests()).toEqual([]);
  });
});

describe('bad input: a 400 before any upstream call', () => {
  const BAD: Array<[string, string]> = [
    ['no project_id', recommendations(`visitor_key=${KNOWN.visitorKey}`)],
    ['empty project_id', recommendations('project_id=')],
    ['upper-case project id', recommendations('project_id=ABC')],
    ['project id with a slash', recommendations('project_id=abc%2F..')],
    ['project id over 32 characters', recommendations(`project_id=${'a'.repeat(33)}`)],
    ['project_id twice', recommendations(`project_id=${KNOWN.projectId}&project_id=abc`)],
    ['bad visitor key', recommendations(`project_id=${KNOWN.projectId}&visitor_key=not-a-key!`)],
    ['visitor key over 64 characters', recommendations(`project_id=${KNOWN.projectId}&visitor_key=${'A'.repeat(65)}`)],
    ['unknown mode', recommendations(`project_id=${KNOWN.projectId}&mode=everything`)],
    ['limit 0', recommendations(`project_id=${KNOWN.projectId}&limit=0`)],
    ['limit 101', recommendations(`project_id=${KNOWN.projectId}&limit=101`)],
    ['limit not a number', recommendations(`project_id=${KNOWN.projectId}&limit=ten`)],
    ['limit fractional', recommendations(`project_id=${KNOWN.projectId}&limit=1.5`)],
  ];
  for (const [what, path] of BAD) {
    it(what, async () => {
      account.resetRequests();
      const response = await worker.fetch(path);
      expect(response.status).toBe(400);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('bad_request');
      expect(account.requests()).toEqual([]);
    });
  }

  it('POST is a 405', async () => {
    const response = await worker.fetch(recommendations(`project_id=${KNOWN.projectId}`), { method: 'POST' });
    expect(response.status).toBe(405);
  });
});

describe('hostile clients: invented visitor keys from one address', () => {
  it('cost at most its limit of upstream requests a minute, then 429', async () => {
    const flood = await startWorker(account.apiBase, { vars: { EXPOSE: 'recommendations' } });
    try {
      await freshLimitWindow(20);
      account.resetRequests();
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) {
        const response = await flood.fetch(recommendations(`project_id=${KNOWN.projectId}&visitor_key=F100D${i}`), {
          headers: { 'CF-Connecting-IP': '203.0.113.9' },
        });
        statuses.push(response.status);
        await response.arrayBuffer();
      }
      // One miss for the media list, then one per new visitor, until the address's 30 are spent.
      expect(statuses.slice(0, 29).every((status) => status === 200)).toBe(true);
      expect(statuses.slice(30)).toEqual(Array(10).fill(429));
      expect(account.requests().length).toBeLessThanOrEqual(30);
    } finally {
      await flood.stop();
    }
    // Time to start a Worker, and to wait for a minute of the limiter's with room for the 40.
  }, 60_000);
});

describe('a visitor’s history is kept a short time only', () => {
  it('with CACHE_TTL=1 it is served stale for 5 s at most; the project’s media list far longer', async () => {
    const brief = await startWorker(account.apiBase, { vars: { EXPOSE: 'recommendations,events', CACHE_TTL: '1' } });
    try {
      const path = recommendations(`project_id=${KNOWN.projectId}&visitor_key=${KNOWN.visitorKey}`);
      const mediaEvents = `/v1/stats/events.json?media_id=${KNOWN.mediaId}&per_page=3`;
      expect((await brief.fetch(path)).status).toBe(200);
      expect((await brief.fetch(mediaEvents)).status).toBe(200);
      account.setFault({ kind: 'status', status: 500, match: '/stats/events' });
      await sleep(1_500);
      expect((await brief.fetch(path)).status, 'stale, within 5 × CACHE_TTL').toBe(200);
      await sleep(5_000);
      const late = await brief.fetch(path);
      expect(late.status, 'the history is gone: Wistia must be asked, and fails').toBe(502);
      const other = await brief.fetch(mediaEvents);
      expect(other.status, 'a list that is nobody’s history is still kept').toBe(200);
      // Marked once the refresh that answer started has failed.
      await eventually(async () => (await brief.fetch(mediaEvents)).headers.get('x-stats-stale') === '1');
    } finally {
      account.setFault(null);
      await brief.stop();
    }
  });
});
