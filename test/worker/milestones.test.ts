/**
 * docs/architecture.md, "Milestone claims": one Durable Object per milestone decides exactly one
 * winner, from the value a page reads; a claim needs its scope exposed, is JSON from an allowed
 * origin, reveals no live value, and the winner's receipt is listed for the owner alone.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN, MEDIA_IDS } from '../../demo/simulated-account/data.ts';
import type { SimulatedAccount } from '../../demo/simulated-account/server.ts';
import {
  direct,
  EXPOSE_EVERYTHING,
  freshLimitWindow,
  restartWorker,
  sleep,
  startAccount,
  startWorker,
  TEST_TOKEN,
  type RunningWorker,
} from './harness.ts';

const ADMIN_TOKEN = 'owner-admin-token-4b8e1d';
const SITE = 'https://site.example';

let account: SimulatedAccount;
let worker: RunningWorker;
let strict: RunningWorker;
let milestonesOnly: RunningWorker;
let viewer: RunningWorker;

beforeAll(async () => {
  account = await startAccount();
  [worker, strict, milestonesOnly, viewer] = await Promise.all([
    startWorker(account.apiBase, { vars: { EXPOSE: EXPOSE_EVERYTHING, CACHE_TTL: '2' }, secrets: { ADMIN_TOKEN } }),
    startWorker(account.apiBase, { vars: { EXPOSE: EXPOSE_EVERYTHING, ALLOWED_ORIGINS: SITE } }),
    startWorker(account.apiBase, { vars: { EXPOSE: 'milestones' } }),
    startWorker(account.apiBase, { vars: { EXPOSE: EXPOSE_EVERYTHING, CLAIM_VERIFY: 'viewer' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([worker?.stop(), strict?.stop(), milestonesOnly?.stop(), viewer?.stop()]);
  await account?.close();
});

let nextAddress = 1;
/** Each claim from its own address, unless told: the per-address limit is what one visitor needs. */
const claim = (target: RunningWorker, body: unknown, init: { raw?: string; headers?: Record<string, string> } = {}) =>
  target.fetch('/v1/milestones/claim', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'CF-Connecting-IP': `10.0.${(nextAddress >> 8) & 255}.${nextAddress++ & 255}`,
      ...init.headers,
    },
    body: init.raw ?? JSON.stringify(body),
  });

async function visitorsOf(mediaId: string): Promise<number> {
  return ((await direct(account, `/v1/stats/medias/${mediaId}.json`)) as { visitors: number }).visitors;
}

const winners = (target: RunningWorker, token?: string) =>
  target.fetch('/v1/milestones/winners.json', token === undefined ? {} : { headers: { Authorization: `Bearer ${token}` } });

describe('exactly one winner per milestone', () => {
  it('200 concurrent claims from distinct visitors: exactly one won, and only its answer has a receipt', async () => {
    const mediaId = MEDIA_IDS[20]!;
    const threshold = await visitorsOf(mediaId);
    account.resetRequests();
    const answers = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const response = await claim(worker, { scope: 'media', id: mediaId, metric: 'visitors', threshold, visitor_key: `visitor${i}` });
        expect(response.status).toBe(200);
        return (await response.json()) as { won: boolean; receipt?: string };
      }),
    );
    const won = answers.filter((answer) => answer.won);
    expect(won).toHaveLength(1);
    expect(won[0]!.receipt).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(answers.filter((answer) => 'receipt' in answer)).toHaveLength(1);
    expect(answers[0]).toMatchObject({ scope: 'media', id: mediaId, metric: 'visitors', threshold });
    // The value was read once, through the shield, not once per claim.
    expect(account.requests().filter((r) => r.path.includes(mediaId))).toHaveLength(1);
  });

  it('the winner’s repeat claim is still won, without the receipt again; anyone else’s is not', async () => {
    const mediaId = MEDIA_IDS[21]!;
    const milestone = { scope: 'media', id: mediaId, metric: 'visitors', threshold: await visitorsOf(mediaId) };
    const first = (await (await claim(worker, { ...milestone, visitor_key: 'first' })).json()) as Record<string, unknown>;
    expect(first).toMatchObject({ won: true, receipt: expect.any(String) });
    expect(await (await claim(worker, { ...milestone, visitor_key: 'second' })).json()).toEqual({ ...milestone, won: false });
    expect(await (await claim(worker, { ...milestone, visitor_key: 'first' })).json()).toEqual({ ...milestone, won: true });
  });

  it('account and project milestones read their own value', async () => {
    const { play_count: plays } = (await direct(account, '/v1/stats/account.json')) as { play_count: number };
    expect(
      await (await claim(worker, { scope: 'account', metric: 'play_count', threshold: plays, visitor_key: 'acct' })).json(),
    ).toMatchObject({ won: true });
    const project = (await direct(account, `/v1/stats/projects/${KNOWN.projectId}.json`)) as { number_of_videos: number };
    const tooMany = await claim(worker, {
      scope: 'project',
      id: KNOWN.projectId,
      metric: 'number_of_videos',
      threshold: project.number_of_videos + 1,
      visitor_key: 'proj',
    });
    expect(tooMany.status).toBe(409);
  });

  it('the winner survives a Worker restart (Durable Object storage)', async () => {
    const restartAccount = await startAccount();
    let first = await startWorker(restartAccount.apiBase, { vars: { EXPOSE: EXPOSE_EVERYTHING } });
    try {
      const milestone = { scope: 'media', id: KNOWN.mediaId, metric: 'load_count', threshold: 1 };
      expect(await (await claim(first, { ...milestone, visitor_key: 'winner' })).json()).toMatchObject({ won: true });
      first = await restartWorker(first, restartAccount.apiBase, { vars: { EXPOSE: EXPOSE_EVERYTHING } });
      expect(await (await claim(first, { ...milestone, visitor_key: 'latecomer' })).json()).toMatchObject({ won: false });
      expect(await (await claim(first, { ...milestone, visitor_key: 'winner' })).json()).toMatchObject({ won: true });
    } finally {
      await first.stop();
      await restartAccount.close();
    }
  });
});

describe('a claim reveals no live value and gives no head start', () => {
  it('a milestone not reached: 409 whose body holds no number', async () => {
    const visitors = await visitorsOf(MEDIA_IDS[22]!);
    const response = await claim(worker, { scope: 'media', id: MEDIA_IDS[22], metric: 'visitors', threshold: 1e12, visitor_key: 'prober' });
    expect(response.status).toBe(409);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'not_reached', message: expect.any(String) } });
    expect(text).not.toMatch(/\d/);
    expect(text).not.toContain(String(visitors));
  });

  it('a claimant polling the route sees the crossing no earlier than the public answer does', async () => {
    const mediaId = MEDIA_IDS[25]!;
    const path = `/v1/stats/medias/${mediaId}.json`;
    const read = async () => ((await (await worker.fetch(path)).json()) as { visitors: number }).visitors;
    const before = await read(); // the caches now hold the value before the crossing
    const threshold = before + 5;
    account.bump(mediaId, 'visitors', 5);
    const seen: Array<{ claim: number; page: number }> = [];
    for (let i = 0; i < 40; i++) {
      const response = await claim(worker, { scope: 'media', id: mediaId, metric: 'visitors', threshold, visitor_key: `poller${i}` });
      seen.push({ claim: response.status, page: await read() });
      if (response.status === 200) break;
      await sleep(100);
    }
    const crossing = seen.findIndex((poll) => poll.claim === 200);
    expect(crossing).toBeGreaterThan(0); // not at once: the caches had not refreshed yet
    expect(seen.slice(0, crossing).every((poll) => poll.claim === 409)).toBe(true);
    expect(seen[crossing]!.page).toBeGreaterThanOrEqual(threshold);
  });
});

describe('a claim needs its scope exposed as well as milestones', () => {
  it('EXPOSE=milestones only: a media, project or account claim is a 404, with no upstream request', async () => {
    account.resetRequests();
    for (const body of [
      { scope: 'media', id: KNOWN.mediaId, metric: 'visitors', threshold: 1e12, visitor_key: 'snoop' },
      { scope: 'project', id: KNOWN.projectId, metric: 'play_count', threshold: 1, visitor_key: 'snoop' },
      { scope: 'account', metric: 'play_count', threshold: 1, visitor_key: 'snoop' },
    ]) {
      const response = await claim(milestonesOnly, body);
      expect(response.status, body.scope).toBe(404);
      expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'No such resource.' } });
    }
    expect(account.requests()).toHaveLength(0);
  });

  it('a media that does not exist: 404', async () => {
    const response = await claim(worker, {
      scope: 'media',
      id: KNOWN.missingMediaId,
      metric: 'visitors',
      threshold: 1,
      visitor_key: 'someone',
    });
    expect(response.status).toBe(404);
  });
});

describe('a claim is JSON, from an allowed origin', () => {
  const body = { scope: 'media', id: MEDIA_IDS[26], metric: 'load_count', threshold: 1, visitor_key: 'page' };

  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
    it(`Content-Type ${JSON.stringify(type)}: 415, with no upstream request`, async () => {
      account.resetRequests();
      const response = await claim(worker, body, { headers: { 'Content-Type': type, Origin: 'https://evil.example' } });
      expect(response.status).toBe(415);
      expect(await response.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
      expect(account.requests()).toHaveLength(0);
    });
  }

  it('with ALLOWED_ORIGINS set, a claim from another origin (or none) is a 403', async () => {
    account.resetRequests();
    for (const headers of [{ Origin: 'https://evil.example' }, {}, { Origin: 'null' }] as Array<Record<string, string>>) {
      const response = await claim(strict, body, { headers });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: 'forbidden' } });
    }
    expect(account.requests()).toHaveLength(0);
  });

  it('from an allowed origin it is decided, and the page may read the answer', async () => {
    const response = await claim(strict, body, { headers: { Origin: SITE } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(SITE);
  });
});

describe('the owner’s list of winners', () => {
  it('lists each winner with the receipt its answer carried; the receipt is not made from the visitor key', async () => {
    const threshold = 2;
    const a = (await (
      await claim(worker, { scope: 'media', id: MEDIA_IDS[27], metric: 'load_count', threshold, visitor_key: 'samekey' })
    ).json()) as { receipt: string };
    const b = (await (
      await claim(worker, { scope: 'media', id: MEDIA_IDS[28], metric: 'load_count', threshold, visitor_key: 'samekey' })
    ).json()) as { receipt: string };
    expect(a.receipt).toBeTypeOf('string');
    expect(a.receipt).not.toBe(b.receipt); // same visitor key, different receipts
    for (const hash of ['md5', 'sha1', 'sha256', 'sha512']) {
      for (const encoding of ['hex', 'base64', 'base64url'] as const) {
        expect(a.receipt).not.toBe(createHash(hash).update('samekey').digest(encoding));
      }
    }
    const response = await winners(worker, ADMIN_TOKEN);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const list = (await response.json()) as Array<Record<string, unknown>>;
    const entry = list.find((winner) => winner.receipt === a.receipt);
    expect(entry).toEqual({
      scope: 'media',
      id: MEDIA_IDS[27],
      metric: 'load_count',
      threshold,
      visitor_key: 'samekey',
      value: expect.any(Number),
      won_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      receipt: a.receipt,
    });
    expect(entry!.value as number).toBeGreaterThanOrEqual(threshold);
    expect(list.some((winner) => winner.receipt === b.receipt)).toBe(true);
  });

  it('401 without the token or with a wrong one; the token appears nowhere', async () => {
    for (const token of [undefined, 'wrong', `${ADMIN_TOKEN}x`, '']) {
      const response = await winners(worker, token);
      expect(response.status, String(token)).toBe(401);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'unauthorized' } });
      expect(text).not.toContain(ADMIN_TOKEN);
    }
    const basic = await worker.fetch('/v1/milestones/winners.json', { headers: { Authorization: `Basic ${ADMIN_TOKEN}` } });
    expect(basic.status).toBe(401);
    expect(worker.logs()).not.toContain(ADMIN_TOKEN);
    expect(worker.logs()).not.toContain(TEST_TOKEN);
  });

  it('404 when ADMIN_TOKEN is not set, whatever is sent', async () => {
    expect((await winners(strict)).status).toBe(404);
    expect((await winners(strict, 'anything')).status).toBe(404);
  });
});

describe('CLAIM_VERIFY=viewer: only a visitor key with a viewing session in scope can win', () => {
  const randomKey = () => `r${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`.slice(0, 24);
  const otherProjectMedia = MEDIA_IDS[MEDIA_IDS.length - 1]!;

  it('random visitor keys never win a reached milestone: 403 not_eligible, checked once per key', async () => {
    const milestone = { scope: 'media', id: KNOWN.mediaId, metric: 'load_count', threshold: 1 };
    account.resetRequests();
    for (let i = 0; i < 15; i++) {
      const response = await claim(viewer, { ...milestone, visitor_key: randomKey() });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: 'not_eligible' } });
    }
    const key = randomKey();
    for (let i = 0; i < 3; i++) expect((await claim(viewer, { ...milestone, visitor_key: key })).status).toBe(403);
    expect(account.requests().filter((r) => r.query.includes(key))).toHaveLength(1);
    for (const scope of [{ scope: 'project', id: KNOWN.projectId }, { scope: 'account' }]) {
      expect((await claim(viewer, { ...scope, metric: 'load_count', threshold: 1, visitor_key: randomKey() })).status).toBe(403);
    }
  });

  it('a key with a viewing session of the media wins, with a receipt', async () => {
    const answer = await claim(viewer, {
      scope: 'media',
      id: KNOWN.mediaId,
      metric: 'load_count',
      threshold: 1,
      visitor_key: KNOWN.visitorKey,
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ won: true, receipt: expect.any(String) });
  });

  it('a new viewer becomes eligible once Wistia records the session; a project counts sessions of its medias only', async () => {
    const key = randomKey();
    account.view(otherProjectMedia, key);
    const inProject = await claim(viewer, { scope: 'project', id: KNOWN.projectId, metric: 'load_count', threshold: 1, visitor_key: key });
    expect(inProject.status).toBe(403);
    const anywhere = await claim(viewer, { scope: 'account', metric: 'load_count', threshold: 1, visitor_key: key });
    expect(await anywhere.json()).toMatchObject({ won: true });

    const projectViewer = randomKey();
    account.view(KNOWN.otherMediaId, projectViewer);
    const won = await claim(viewer, {
      scope: 'project',
      id: KNOWN.projectId,
      metric: 'play_count',
      threshold: 1,
      visitor_key: projectViewer,
    });
    expect(await won.json()).toMatchObject({ won: true });
  });
});

describe('malformed claims: a 4xx JSON error, and no upstream request', () => {
  const good = { scope: 'media', id: MEDIA_IDS[23], metric: 'visitors', threshold: 10, visitor_key: 'someone' };
  const MALFORMED: Array<[string, unknown, string?]> = [
    ['not JSON', null, '{"scope": "media",'],
    ['an array', null, '[]'],
    ['a string', null, '"claim"'],
    ['empty', null, ''],
    ['no scope', { ...good, scope: undefined }],
    ['an unknown scope', { ...good, scope: 'galaxy' }],
    ['a media without id', { ...good, id: undefined }],
    ['a malformed id', { ...good, id: '../../account' }],
    ['an upper-case id', { ...good, id: 'ABC' }],
    ['an id for the account', { ...good, scope: 'account', metric: 'play_count', id: 'abc' }],
    ['an unknown metric', { ...good, metric: 'likes' }],
    ['a metric the scope lacks', { ...good, scope: 'account', id: null, metric: 'visitors' }],
    ['a share, which never counts up (play_rate)', { ...good, metric: 'play_rate' }],
    ['a share, which never counts up (engagement)', { ...good, metric: 'engagement' }],
    ['a threshold as a string', { ...good, threshold: '10' }],
    ['a fractional threshold', { ...good, threshold: 10.5 }],
    ['a zero threshold', { ...good, threshold: 0 }],
    ['a negative threshold', { ...good, threshold: -3 }],
    ['a huge threshold', { ...good, threshold: 1e15 }],
    ['no visitor_key', { ...good, visitor_key: undefined }],
    ['a visitor_key with symbols', { ...good, visitor_key: 'a-b!' }],
    ['a visitor_key over 64 characters', { ...good, visitor_key: 'a'.repeat(65) }],
  ];
  for (const [what, body, raw] of MALFORMED) {
    it(`${what}: 400`, async () => {
      account.resetRequests();
      const response = await claim(worker, body, raw === undefined ? {} : { raw });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'bad_request' } });
      expect(account.requests()).toHaveLength(0);
    });
  }

  it('a body over 2 KB: 413 before it is read', async () => {
    account.resetRequests();
    const response = await claim(worker, { ...good, padding: 'x'.repeat(3000) });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    expect(account.requests()).toHaveLength(0);
  });

  it('GET on the claim route: 405, Allow POST', async () => {
    const response = await worker.fetch('/v1/milestones/claim');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toContain('POST');
  });

  it('not in EXPOSE: 404, as if it did not exist', async () => {
    const hidden = await startWorker(account.apiBase);
    try {
      const response = await claim(hidden, good);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
    } finally {
      await hidden.stop();
    }
  });
});

describe('claims are limited to what one visitor needs', () => {
  const milestone = { scope: 'media', id: MEDIA_IDS[24], metric: 'visitors', threshold: 1 };

  it('one address: 10 claims a minute, then 429 with Retry-After', async () => {
    const from = { 'CF-Connecting-IP': '192.0.2.77' };
    await freshLimitWindow(20);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await claim(worker, { ...milestone, visitor_key: `nat${i}` }, { headers: from })).status);
    expect(statuses).toEqual(Array(10).fill(200));
    const limited = await claim(worker, { ...milestone, visitor_key: 'nat10' }, { headers: from });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
  });

  it('one visitor key: 10 claims a minute from any addresses, then 429', async () => {
    await freshLimitWindow(20);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await claim(worker, { ...milestone, visitor_key: 'eager' })).status);
    expect(statuses).toEqual([...Array(10).fill(200), 429]);
  });
});
