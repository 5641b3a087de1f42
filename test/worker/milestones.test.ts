/**
 * DESIGN.md, `POST /v1/milestones/claim`: one Durable Object per milestone decides, from
 * Wistia's live value, exactly one winner, remembered durably; malformed claims are 4xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN, MEDIA_IDS } from '../../demo/simulated-account/data.ts';
import type { SimulatedAccount } from '../../demo/simulated-account/server.ts';
import { direct, EXPOSE_EVERYTHING, startAccount, startWorker, type RunningWorker } from './harness.ts';

let account: SimulatedAccount;
let worker: RunningWorker;

beforeAll(async () => {
  account = await startAccount();
  worker = await startWorker(account.apiBase, { vars: { EXPOSE: EXPOSE_EVERYTHING } });
});
afterAll(async () => {
  await worker?.stop();
  await account?.close();
});

const claim = (target: RunningWorker, body: unknown, raw?: string) =>
  target.fetch('/v1/milestones/claim', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: raw ?? JSON.stringify(body) });

async function visitorsOf(mediaId: string): Promise<number> {
  return ((await direct(account, `/v1/stats/medias/${mediaId}.json`)) as { visitors: number }).visitors;
}

describe('exactly one winner per milestone', () => {
  it('200 concurrent claims from distinct visitors: exactly one won', async () => {
    const mediaId = MEDIA_IDS[20]!;
    const threshold = await visitorsOf(mediaId);
    account.resetRequests();
    const answers = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const response = await claim(worker, { scope: 'media', id: mediaId, metric: 'visitors', threshold, visitor_key: `visitor${i}` });
        expect(response.status).toBe(200);
        return (await response.json()) as { won: boolean };
      }),
    );
    expect(answers.filter((answer) => answer.won)).toHaveLength(1);
    expect(answers[0]).toMatchObject({ scope: 'media', id: mediaId, metric: 'visitors', threshold });
    // The live value was read from Wistia once, not from a cache and not once per claim.
    expect(account.requests().filter((r) => r.path.includes(mediaId))).toHaveLength(1);
  });

  it('the winner’s repeat claim is still won; anyone else’s is not', async () => {
    const mediaId = MEDIA_IDS[21]!;
    const milestone = { scope: 'media', id: mediaId, metric: 'visitors', threshold: await visitorsOf(mediaId) };
    expect(await (await claim(worker, { ...milestone, visitor_key: 'first' })).json()).toMatchObject({ won: true });
    expect(await (await claim(worker, { ...milestone, visitor_key: 'second' })).json()).toMatchObject({ won: false });
    expect(await (await claim(worker, { ...milestone, visitor_key: 'first' })).json()).toMatchObject({ won: true });
  });

  it('a claim before the live value reaches the threshold is refused, and nobody has won', async () => {
    const mediaId = MEDIA_IDS[22]!;
    const threshold = (await visitorsOf(mediaId)) + 5;
    const early = await claim(worker, { scope: 'media', id: mediaId, metric: 'visitors', threshold, visitor_key: 'early' });
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ error: { code: 'not_reached' } });
    account.bump(mediaId, 'visitors', 5);
    await new Promise((done) => setTimeout(done, 1_100)); // past the object's one-second reuse of a refused read
    const onTime = await claim(worker, { scope: 'media', id: mediaId, metric: 'visitors', threshold, visitor_key: 'ontime' });
    expect(await onTime.json()).toMatchObject({ won: true });
  });

  it('account and project milestones read their own live value', async () => {
    const { play_count: plays } = (await direct(account, '/v1/stats/account.json')) as { play_count: number };
    expect(await (await claim(worker, { scope: 'account', metric: 'play_count', threshold: plays, visitor_key: 'acct' })).json()).toMatchObject({ won: true });
    const project = (await direct(account, `/v1/stats/projects/${KNOWN.projectId}.json`)) as { number_of_videos: number };
    const tooMany = await claim(worker, { scope: 'project', id: KNOWN.projectId, metric: 'number_of_videos', threshold: project.number_of_videos + 1, visitor_key: 'proj' });
    expect(tooMany.status).toBe(409);
  });

  it('the winner survives a Worker restart (Durable Object storage)', async () => {
    const restartAccount = await startAccount();
    let first = await startWorker(restartAccount.apiBase, { vars: { EXPOSE: EXPOSE_EVERYTHING } });
    try {
      const milestone = { scope: 'media', id: KNOWN.mediaId, metric: 'load_count', threshold: 1 };
      expect(await (await claim(first, { ...milestone, visitor_key: 'winner' })).json()).toMatchObject({ won: true });
      await first.stop();
      first = await startWorker(restartAccount.apiBase, { vars: { EXPOSE: EXPOSE_EVERYTHING }, persistTo: first.persistTo });
      expect(await (await claim(first, { ...milestone, visitor_key: 'latecomer' })).json()).toMatchObject({ won: false });
      expect(await (await claim(first, { ...milestone, visitor_key: 'winner' })).json()).toMatchObject({ won: true });
    } finally {
      await first.stop();
      await restartAccount.close();
    }
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
      const response = await claim(worker, body, raw);
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

describe('claims are rate limited, generously', () => {
  it('a visitor may repeat a claim; past 20 a minute it gets 429 with Retry-After', async () => {
    const mediaId = MEDIA_IDS[24]!;
    const milestone = { scope: 'media', id: mediaId, metric: 'visitors', threshold: 1, visitor_key: 'eager' };
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await claim(worker, milestone)).status);
    expect(statuses.slice(0, 20).every((status) => status === 200)).toBe(true);
    const limited = await claim(worker, milestone);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
  });
});
