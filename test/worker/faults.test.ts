/**
 * docs/architecture.md, "Caching and the upstream", the fault rules: every kind of upstream failure
 * answers the stale copy if there is one, else a JSON error with the fitting status;
 * failures are not retried within the TTL, and a later success recovers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEDIA_IDS } from '../../demo/simulated-account/data.ts';
import type { Fault, SimulatedAccount } from '../../demo/simulated-account/server.ts';
import { sleep, startAccount, startWorker, TEST_TOKEN, type RunningWorker } from './harness.ts';

let account: SimulatedAccount;
let worker: RunningWorker;
let warmCopies: string[];
const warmPath = (index: number): string => `/v1/stats/medias/${MEDIA_IDS[index * 2 + 1]}.json`;

beforeAll(async () => {
  account = await startAccount();
  worker = await startWorker(account.apiBase, { vars: { CACHE_TTL: '1' } });
  // Every "with a stale copy" case needs a good answer from before its fault.
  warmCopies = await Promise.all(CASES.map((_, index) => worker.fetch(warmPath(index)).then((r) => r.text())));
  await sleep(1_100); // and that answer must be past its TTL
});
afterAll(async () => {
  await worker?.stop();
  await account?.close();
});

interface FaultCase {
  name: string;
  fault: Omit<Fault, 'match'>;
  status: number;
  code: string;
  retryAfter?: string;
}

// 429 is last: Wistia's Retry-After pauses the whole account's budget, as it should, so
// its stale case is served without asking upstream at all.
const CASES: FaultCase[] = [
  { name: 'upstream 500', fault: { kind: 'status', status: 500 }, status: 502, code: 'upstream_error' },
  { name: 'upstream 502', fault: { kind: 'status', status: 502 }, status: 502, code: 'upstream_error' },
  { name: 'malformed JSON', fault: { kind: 'malformed' }, status: 502, code: 'upstream_error' },
  { name: 'a dropped connection', fault: { kind: 'drop' }, status: 502, code: 'upstream_unreachable' },
  { name: 'no answer within 5 s', fault: { kind: 'slow', delayMs: 6_500 }, status: 502, code: 'upstream_timeout' },
  { name: 'upstream 401', fault: { kind: 'status', status: 401 }, status: 502, code: 'upstream_auth' },
  { name: 'upstream 403', fault: { kind: 'status', status: 403 }, status: 502, code: 'upstream_auth' },
  {
    name: 'upstream 503',
    fault: { kind: 'status', status: 503, retryAfter: 7 },
    status: 503,
    code: 'upstream_unavailable',
    retryAfter: '7',
  },
  { name: 'upstream 429', fault: { kind: 'status', status: 429, retryAfter: 30 }, status: 503, code: 'rate_limited', retryAfter: '30' },
];

describe('upstream faults', () => {
  CASES.forEach((testCase, index) => {
    const coldId = MEDIA_IDS[index * 2]!;
    const warmId = MEDIA_IDS[index * 2 + 1]!;

    it(`${testCase.name}, with no copy: ${testCase.status} ${testCase.code}, not retried within the TTL`, async () => {
      const path = `/v1/stats/medias/${coldId}.json`;
      account.setFault({ ...testCase.fault, match: coldId });
      account.resetRequests();
      const response = await worker.fetch(path);
      expect(response.status).toBe(testCase.status);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe(testCase.code);
      expect(JSON.stringify(body)).not.toContain(TEST_TOKEN);
      if (testCase.retryAfter) expect(response.headers.get('retry-after')).toBe(testCase.retryAfter);
      const again = await worker.fetch(path);
      expect(again.status).toBe(testCase.status);
      expect(account.requests().filter((r) => r.path.includes(coldId))).toHaveLength(1);
      account.setFault(null);
    }, 20_000);

    it(`${testCase.name}, with a stale copy: the stale copy is served, marked X-Stats-Stale once the failure is known`, async () => {
      const path = warmPath(index);
      const good = warmCopies[index];
      account.setFault({ ...testCase.fault, match: warmId });
      const marks: Array<string | null> = [];
      while (marks.at(-1) !== '1' && marks.length < 40) {
        const stale = await worker.fetch(path);
        expect(stale.status).toBe(200);
        expect(await stale.text()).toBe(good);
        marks.push(stale.headers.get('x-stats-stale'));
        await sleep(200);
      }
      expect(marks.at(-1)).toBe('1');
      account.setFault(null);
    }, 20_000);
  });

  it('after 429 the whole account waits for Retry-After: other resources do not reach upstream', async () => {
    account.resetRequests();
    const response = await worker.fetch(`/v1/stats/medias/${MEDIA_IDS[25]}.json`);
    expect(response.status).toBe(503);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(20);
    expect(account.requests()).toHaveLength(0);
    // The pause is Wistia's, not a spent budget of the proxy's own: the message says which.
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('rate_limited');
    expect(error.message).toMatch(/Wistia is rate limiting/);
    expect(error.message).not.toMatch(/budget/);
  });
});

describe('recovery', () => {
  it('a failure is answered as an error, and the next attempt after the TTL succeeds', async () => {
    const recoverAccount = await startAccount();
    const recoverWorker = await startWorker(recoverAccount.apiBase, { vars: { CACHE_TTL: '1' } });
    try {
      const path = `/v1/stats/medias/${MEDIA_IDS[0]}.json`;
      recoverAccount.setFault({ kind: 'status', status: 500, times: 1 });
      expect((await recoverWorker.fetch(path)).status).toBe(502);
      await sleep(1_100);
      const recovered = await recoverWorker.fetch(path);
      expect(recovered.status).toBe(200);
      expect(recovered.headers.get('x-cache')).toBe('MISS');
    } finally {
      await recoverWorker.stop();
      await recoverAccount.close();
    }
  });

  it('a Worker with no token answers 502 upstream_auth and never calls upstream', async () => {
    const bareAccount = await startAccount();
    const bareWorker = await startWorker(bareAccount.apiBase, { token: null });
    try {
      const response = await bareWorker.fetch('/v1/stats/account.json');
      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({ error: { code: 'upstream_auth' } });
      expect(bareAccount.requests()).toHaveLength(0);
    } finally {
      await bareWorker.stop();
      await bareAccount.close();
    }
  });
});
