/**
 * docs/architecture.md, "Hostile clients": no single client can spend the account's budget.
 * Each address may cause a limited number of upstream requests for resources with no good
 * stored answer (429 past it); refreshing a good answer draws on a reserved share new ids
 * cannot spend; a remembered 404 leaves nothing stored once it has run out.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN, MEDIA_IDS } from '../../demo/simulated-account/data.ts';
import type { SimulatedAccount } from '../../demo/simulated-account/server.ts';
import { freshLimitWindow, sleep, startAccount, startWorker, type RunningWorker } from './harness.ts';

let account: SimulatedAccount;
let worker: RunningWorker;
let forgetful: RunningWorker;
let heatmaps: RunningWorker;

beforeAll(async () => {
  account = await startAccount();
  [worker, forgetful, heatmaps] = await Promise.all([
    startWorker(account.apiBase, { vars: { UPSTREAM_BUDGET: '20', CACHE_TTL: '1' } }),
    startWorker(account.apiBase, { vars: { NEGATIVE_TTL: '1' } }),
    startWorker(account.apiBase, { vars: { EXPOSE: 'heatmap', WISTIA_PUBLIC_TOKEN: account.publicToken } }),
  ]);
});
afterAll(async () => {
  await Promise.all([worker?.stop(), forgetful?.stop(), heatmaps?.stop()]);
  await account?.close();
});

const from = (address: string) => ({ headers: { 'CF-Connecting-IP': address } });
const mediaPath = (id: string) => `/v1/stats/medias/${id}.json`;
/**
 * Asks for each path, ten at a time, each ten after the last: the order of the counting holds,
 * and a flood ends well inside a limit window on a busy machine (one at a time it once took
 * over 40 s). The statuses, in order.
 */
async function inTens(target: RunningWorker, paths: string[], init: RequestInit): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < paths.length; i += 10) {
    const batch = paths.slice(i, i + 10).map(async (path) => {
      const response = await target.fetch(path, init);
      await response.arrayBuffer();
      return response.status;
    });
    statuses.push(...(await Promise.all(batch)));
  }
  return statuses;
}

/** Well-formed media ids Wistia does not have: each one a new resource. */
const unknownIds = Array.from({ length: 200 }, (_, i) => `zz${i.toString(36).padStart(6, '0')}`);

describe('with UPSTREAM_BUDGET=20, a flood of 200 distinct unknown ids from one client', () => {
  const warm = [KNOWN.mediaId, MEDIA_IDS[1]!];
  const statuses: number[] = [];

  beforeAll(async () => {
    for (const id of warm) expect((await worker.fetch(mediaPath(id), from('198.51.100.1'))).status).toBe(200);
    account.resetRequests();
    await freshLimitWindow(40);
    statuses.push(...(await inTens(worker, unknownIds.map(mediaPath), from('203.0.113.66'))));
    await sleep(1_100); // the warmed resources are past CACHE_TTL now
  });

  it('gets 429 with Retry-After past its miss limit (30 a minute), and spends at most the unreserved share', async () => {
    expect(statuses.slice(0, 30).every((status) => status === 404 || status === 503)).toBe(true);
    expect(statuses.slice(30)).toEqual(Array(170).fill(429));
    const limited = await worker.fetch(mediaPath('zzzzzzzz'), from('203.0.113.66'));
    // Refused either way: by the miss limit, or (if its fixed window has just rolled over) by the spent unreserved share.
    expect([429, 503]).toContain(limited.status);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // 20 a minute, a quarter of it kept for refreshes, two spent warming: 13 unknown ids reached Wistia.
    expect(account.requests().length).toBe(13);
    expect(statuses.filter((status) => status === 404)).toHaveLength(13);
  });

  it('a resource warmed before the flood and expired during it still refreshes from upstream', async () => {
    const first = await worker.fetch(mediaPath(KNOWN.mediaId), from('203.0.113.66')); // even for the flooder
    expect(first.status).toBe(200);
    let fresh = first.headers.get('x-cache') !== 'STALE';
    for (let i = 0; i < 20 && !fresh; i++) {
      await sleep(50);
      const again = await worker.fetch(mediaPath(KNOWN.mediaId));
      expect(again.status).toBe(200);
      fresh = again.headers.get('x-cache') !== 'STALE';
    }
    expect(fresh).toBe(true);
    expect(account.requests().filter((r) => r.path.includes(KNOWN.mediaId))).toHaveLength(1);
  });

  it('a second client’s first request for a known media answers 200, refreshed from upstream', async () => {
    const path = mediaPath(MEDIA_IDS[1]!);
    const response = await worker.fetch(path, from('192.0.2.44'));
    expect(response.status).toBe(200);
    await sleep(200); // the background refresh
    const again = await worker.fetch(path, from('192.0.2.44'));
    expect(again.status).toBe(200);
    expect(again.headers.get('x-cache')).not.toBe('STALE');
    expect(account.requests().filter((r) => r.path.includes(MEDIA_IDS[1]!))).toHaveLength(1);
  });

  it('a new id past the unreserved share: 503 saying the proxy’s budget is spent', async () => {
    const response = await worker.fetch(mediaPath(MEDIA_IDS[2]!), from('192.0.2.45'));
    expect(response.status).toBe(503);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('rate_limited');
    expect(error.message).toMatch(/budget/);
  });
});

describe('the heatmap route, which reads the event before it redirects', () => {
  it('a flood of distinct unknown event keys from one client: 30 reach Wistia, then 429', async () => {
    await freshLimitWindow(20);
    account.resetRequests();
    const keys = Array.from({ length: 40 }, (_, i) => `/v1/stats/events/${1000 + i}e0.5/iframe.html`);
    const statuses = await inTens(heatmaps, keys, { ...from('203.0.113.77'), redirect: 'manual' });
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(404));
    expect(statuses.slice(30)).toEqual(Array(10).fill(429));
    expect(account.requests()).toHaveLength(30);
  });
});

describe('stored 404s expire', () => {
  /**
   * Bytes the StatsShield objects keep on disk (workerd's SQLite files, WAL included). An empty
   * object's file is one page of schema; a stored answer takes more.
   */
  const shieldBytes = (): number => {
    const root = join(forgetful.persistTo, 'v3', 'do');
    const folder = readdirSync(root).find((name) => name.endsWith('StatsShield'));
    if (!folder) return 0;
    return readdirSync(join(root, folder))
      .filter((name) => !name.startsWith('metadata.'))
      .reduce((sum, name) => sum + statSync(join(root, folder, name)).size, 0);
  };
  const EMPTY_OBJECT_BYTES = 4096;

  it('an unknown id leaves nothing stored once NEGATIVE_TTL has passed', async () => {
    const response = await forgetful.fetch(mediaPath(KNOWN.missingMediaId));
    expect(response.status).toBe(404);
    expect(shieldBytes()).toBeGreaterThan(EMPTY_OBJECT_BYTES);
    let bytes = shieldBytes();
    for (let i = 0; i < 30 && bytes > EMPTY_OBJECT_BYTES; i++) {
      await sleep(100);
      bytes = shieldBytes();
    }
    expect(bytes).toBeLessThanOrEqual(EMPTY_OBJECT_BYTES);
    // And it is asked again, as a new resource, only when someone asks.
    account.resetRequests();
    expect((await forgetful.fetch(mediaPath(KNOWN.missingMediaId))).status).toBe(404);
    expect(account.requests()).toHaveLength(1);
  });
});
