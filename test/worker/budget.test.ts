/**
 * docs/architecture.md, "Caching and the upstream" (the budget): the UpstreamBudget Durable
 * Object caps the account's upstream requests a minute; past it a stale copy is served, or
 * 503 with Retry-After. (Its reserved share for refreshes is tested in hostile-clients.test.ts;
 * here it is 0, so the cap is plain.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEDIA_IDS } from '../../demo/simulated-account/data.ts';
import type { SimulatedAccount } from '../../demo/simulated-account/server.ts';
import { sleep, startAccount, startWorker, type RunningWorker } from './harness.ts';

let account: SimulatedAccount;
let worker: RunningWorker;

beforeAll(async () => {
  account = await startAccount();
  worker = await startWorker(account.apiBase, { vars: { UPSTREAM_BUDGET: '5', UPSTREAM_RESERVE: '0', CACHE_TTL: '1' } });
});
afterAll(async () => {
  await worker?.stop();
  await account?.close();
});

describe('UPSTREAM_BUDGET caps upstream requests a minute, for the whole account', () => {
  it('the sixth distinct resource in a minute gets 503 with Retry-After; upstream sees 5', async () => {
    account.resetRequests();
    for (const mediaId of MEDIA_IDS.slice(0, 5)) {
      expect((await worker.fetch(`/v1/stats/medias/${mediaId}.json`)).status).toBe(200);
    }
    const sixth = await worker.fetch(`/v1/stats/medias/${MEDIA_IDS[5]}.json`);
    expect(sixth.status).toBe(503);
    expect(await sixth.json()).toMatchObject({ error: { code: 'rate_limited' } });
    const retryAfter = Number(sixth.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(account.requests()).toHaveLength(5);
  });

  it('a resource with a stale copy is served stale instead, still without upstream requests', async () => {
    await sleep(1_200);
    const stale = await worker.fetch(`/v1/stats/medias/${MEDIA_IDS[0]}.json`);
    expect(stale.status).toBe(200);
    expect(stale.headers.get('x-cache')).toBe('STALE');
    await sleep(300);
    const again = await worker.fetch(`/v1/stats/medias/${MEDIA_IDS[0]}.json`);
    expect(again.status).toBe(200);
    expect(again.headers.get('x-stats-stale')).toBe('1');
    expect(account.requests()).toHaveLength(5);
  });
});
