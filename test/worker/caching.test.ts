/**
 * docs/architecture.md, "Caching and the upstream": two layers (edge Cache API, StatsShield) so
 * that Wistia sees at most one request per resource per CACHE_TTL, coalesced, revalidated
 * with ETags, stale-while-revalidate, and a durable last good answer.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_PII_FIELDS } from '../../src/wistia-api.ts';
import { KNOWN, MEDIA_IDS } from '../../demo/simulated-account/data.ts';
import type { SimulatedAccount } from '../../demo/simulated-account/server.ts';
import { eventually, removeFolder, restartWorker, sleep, startAccount, startWorker, type RunningWorker } from './harness.ts';

const CACHE_TTL = 2;
let account: SimulatedAccount;
let worker: RunningWorker;

const upstreamCount = (fragment: string): number => account.requests().filter((r) => r.path.includes(fragment)).length;

beforeAll(async () => {
  account = await startAccount();
  worker = await startWorker(account.apiBase, { vars: { CACHE_TTL: String(CACHE_TTL), NEGATIVE_TTL: '60' } });
});
afterAll(async () => {
  await worker?.stop();
  await account?.close();
});

describe('coalescing: one upstream request however many ask at once', () => {
  it('50 concurrent cold requests make exactly 1 upstream request', async () => {
    const mediaId = MEDIA_IDS[3]!;
    account.resetRequests();
    const responses = await Promise.all(Array.from({ length: 50 }, () => worker.fetch(`/v1/stats/medias/${mediaId}.json`)));
    const bodies = await Promise.all(responses.map((response) => response.text()));
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(new Set(bodies).size).toBe(1);
    expect(upstreamCount(mediaId)).toBe(1);
  });

  it('a repeat within the TTL makes no upstream request and says HIT', async () => {
    const mediaId = MEDIA_IDS[4]!;
    account.resetRequests();
    const first = await worker.fetch(`/v1/stats/medias/${mediaId}.json`);
    expect(first.headers.get('x-cache')).toBe('MISS');
    const again = await worker.fetch(`/v1/stats/medias/${mediaId}.json`);
    expect(again.headers.get('x-cache')).toBe('HIT');
    expect(await again.text()).toBe(await first.text());
    expect(upstreamCount(mediaId)).toBe(1);
  });

  it('both spellings, and unknown parameters, are one resource', async () => {
    const mediaId = MEDIA_IDS[5]!;
    account.resetRequests();
    await worker.fetch(`/v1/stats/medias/${mediaId}/engagement`);
    await worker.fetch(`/v1/stats/medias/${mediaId}/engagement.json`);
    await worker.fetch(`/v1/stats/medias/${mediaId}/engagement.json?utm_source=x&callback=y`);
    expect(upstreamCount(mediaId)).toBe(1);
    expect(account.requests()[0]!.query).toBe('');
  });
});

describe('HTTP caching headers', () => {
  it('a 200 has Cache-Control for the TTL, an ETag, and an Age', async () => {
    const response = await worker.fetch('/v1/stats/account.json');
    expect(response.headers.get('cache-control')).toBe(`public, max-age=${CACHE_TTL}`);
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{40}"$/);
    expect(Number(response.headers.get('age'))).toBeGreaterThanOrEqual(0);
  });

  it('If-None-Match with the ETag answers 304 without a body; another ETag answers 200', async () => {
    const path = `/v1/stats/projects/${KNOWN.projectId}.json`;
    const first = await worker.fetch(path);
    const tag = first.headers.get('etag')!;
    const revalidated = await worker.fetch(path, { headers: { 'If-None-Match': tag, Origin: 'https://site.example' } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('etag')).toBe(tag);
    // A browser can only use a cross-origin 304 that keeps its CORS headers.
    expect(revalidated.headers.get('access-control-allow-origin')).toBe('*');
    expect(await revalidated.text()).toBe('');
    const changed = await worker.fetch(path, { headers: { 'If-None-Match': '"0000"' } });
    expect(changed.status).toBe(200);
  });
});

describe('stale while revalidate', () => {
  it('a stale copy is answered at once, then refreshed in the background', async () => {
    const path = `/v1/stats/medias/${MEDIA_IDS[6]}.json`;
    account.resetRequests();
    const first = await (await worker.fetch(path)).text();
    account.bump(MEDIA_IDS[6]!, 'play_count', 10);
    await sleep(CACHE_TTL * 1000 + 300);
    const stale = await worker.fetch(path);
    expect(stale.status).toBe(200);
    expect(stale.headers.get('x-cache')).toBe('STALE');
    // Routine revalidation is not news for a page: only a copy Wistia failed to refresh is marked.
    expect(stale.headers.get('x-stats-stale')).toBe(null);
    expect(await stale.text()).toBe(first);
    await eventually(async () => (await (await worker.fetch(path)).text()) !== first);
    expect(upstreamCount(MEDIA_IDS[6]!)).toBe(2);
  });

  it('many requests meeting one stale copy start one refresh between them (one shield call, one cache write)', async () => {
    // A Worker of its own, whose local Cache API (Miniflare's) has seen nothing but this media:
    // on the shared one, after the tests above rewrote their copies, some of a burst of reads
    // were now and then held for 30 s before this Worker's code ran (docs/architecture.md,
    // "Running it locally").
    const burst = await startWorker(account.apiBase, { vars: { CACHE_TTL: String(CACHE_TTL) } });
    const mediaId = MEDIA_IDS[7]!;
    const path = `/v1/stats/medias/${mediaId}.json`;
    // This Worker's background refreshes of the media: its log has a line for each.
    const refreshes = (): number =>
      burst
        .logs()
        .split('\n')
        .filter((line) => line.includes('"event":"edge_refresh"') && line.includes(mediaId)).length;
    try {
      const first = await (await burst.fetch(path)).text();
      account.bump(mediaId, 'play_count', 10);
      await sleep(CACHE_TTL * 1000 + 300);
      // Wistia answers the refresh slowly (4 s, time for all 30 to arrive on a loaded machine):
      // every request below meets the stale copy.
      account.setFault({ kind: 'slow', delayMs: 4_000, match: mediaId, times: 1 });
      const answers = await Promise.all(Array.from({ length: 30 }, () => burst.fetch(path)));
      expect(answers.map((answer) => `${answer.status} ${answer.headers.get('x-cache')}`)).toEqual(Array(30).fill('200 STALE'));
      await Promise.all(answers.map((answer) => answer.arrayBuffer()));
      await eventually(async () => (await (await burst.fetch(path)).text()) !== first);
      expect(refreshes()).toBe(1);
    } finally {
      await burst.stop();
    }
  });
});

describe('an upstream 404 is remembered for NEGATIVE_TTL', () => {
  it('guessing a missing id again does not reach upstream', async () => {
    account.resetRequests();
    for (let i = 0; i < 5; i++) {
      const response = await worker.fetch(`/v1/stats/medias/${KNOWN.missingMediaId}.json`);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
    }
    await sleep(CACHE_TTL * 1000 + 300);
    await worker.fetch(`/v1/stats/medias/${KNOWN.missingMediaId}.json`);
    expect(upstreamCount(KNOWN.missingMediaId)).toBe(1);
  });
});

describe('a resource Wistia stops having', () => {
  it('its stale edge copy gives way to the 404, even with a one-second NEGATIVE_TTL', async () => {
    const goneAccount = await startAccount();
    const gone = await startWorker(goneAccount.apiBase, { vars: { CACHE_TTL: '1', NEGATIVE_TTL: '1' } });
    const path = `/v1/stats/medias/${MEDIA_IDS[7]}.json`;
    try {
      expect((await gone.fetch(path)).status).toBe(200);
      // Asked again at once: a hot answer, held in the isolate's memory as well.
      expect((await gone.fetch(path)).headers.get('x-cache')).toBe('HIT');
      goneAccount.setFault({ kind: 'status', status: 404, match: MEDIA_IDS[7] });
      await sleep(1_100);
      expect((await gone.fetch(path)).headers.get('x-cache')).toBe('STALE'); // answered at once, revalidated behind
      await eventually(async () => (await gone.fetch(path)).status === 404);
      // And the 200 never comes back, from either layer.
      for (let i = 0; i < 5; i++) expect((await gone.fetch(path)).status).toBe(404);
    } finally {
      await gone.stop();
      await goneAccount.close();
    }
  });
});

/**
 * docs/architecture.md, "Caching and the upstream": each isolate holds its hot answers in memory,
 * in front of the Cache API. Nothing it answers may differ from what the Cache API would answer.
 * (How much it holds is not visible over HTTP: test/worker/edge-memory.test.ts.)
 */
describe('the isolate’s memory answers only what the edge cache would', () => {
  /** Asks for `path` five times more: each a 200 HIT, the first answer's body and tag in full. */
  async function expectHits(running: RunningWorker, path: string, first: Response, body: string): Promise<void> {
    for (let i = 0; i < 5; i++) {
      const hit = await running.fetch(path);
      expect(hit.status).toBe(200);
      expect(hit.headers.get('x-cache')).toBe('HIT');
      expect(hit.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(await hit.text()).toBe(body);
    }
  }

  it('a hot answer goes stale at CACHE_TTL like the cached copy, and is refreshed once', async () => {
    const mediaId = MEDIA_IDS[8]!;
    const path = `/v1/stats/medias/${mediaId}.json`;
    account.resetRequests();
    const first = await worker.fetch(path);
    const body = await first.text();
    await expectHits(worker, path, first, body);
    account.bump(mediaId, 'play_count', 10);
    await sleep(CACHE_TTL * 1000 + 300);
    const stale = await worker.fetch(path);
    expect(stale.headers.get('x-cache')).toBe('STALE');
    expect(stale.headers.get('x-stats-stale')).toBe(null);
    expect(await stale.text()).toBe(body);
    await eventually(async () => (await (await worker.fetch(path)).text()) !== body);
    expect(upstreamCount(mediaId)).toBe(2);
  });

  it('a copy another isolate left in the edge cache is answered in full, again and again', async () => {
    const restartAccount = await startAccount();
    const before = await startWorker(restartAccount.apiBase);
    let after: RunningWorker | undefined;
    const path = `/v1/stats/medias/${KNOWN.mediaId}/engagement.json`;
    try {
      const first = await before.fetch(path);
      const body = await first.text();
      await sleep(300); // the edge copy is written in the background
      after = await restartWorker(before, restartAccount.apiBase);
      restartAccount.resetRequests();
      await expectHits(after, path, first, body);
      expect(restartAccount.requests()).toHaveLength(0);
    } finally {
      await (after ?? before).stop();
      await restartAccount.close();
    }
  });

  it('a view never shares a copy: restarted with EXPOSE_PII=true on the same storage, events are asked for anew', async () => {
    const restartAccount = await startAccount();
    const vars = { EXPOSE: 'events' };
    const publicView = await startWorker(restartAccount.apiBase, { vars });
    let piiView: RunningWorker | undefined;
    const path = `/v1/stats/events.json?media_id=${KNOWN.mediaId}&per_page=20`;
    const hasPii = (events: Array<Record<string, unknown>>): boolean =>
      events.some((event) => EVENT_PII_FIELDS.some((field) => field in event));
    try {
      const stripped = await publicView.fetch(path);
      expect(hasPii((await stripped.json()) as Array<Record<string, unknown>>)).toBe(false);
      expect((await publicView.fetch(path)).headers.get('x-cache')).toBe('HIT');
      await sleep(300); // the edge copy is written in the background
      piiView = await restartWorker(publicView, restartAccount.apiBase, { vars: { ...vars, EXPOSE_PII: 'true' } });
      const full = await piiView.fetch(path);
      expect(full.headers.get('x-cache')).toBe('MISS');
      expect(hasPii((await full.json()) as Array<Record<string, unknown>>)).toBe(true);
    } finally {
      await (piiView ?? publicView).stop();
      await restartAccount.close();
    }
  });
});

/**
 * Stops a Worker while Wistia is down, wipes one layer's storage, restarts it on the same
 * persistence folder, and reads a resource whose copy is past its TTL.
 */
async function staleAfterRestart(wipe: 'edge cache' | 'shield storage'): Promise<void> {
  const restartAccount = await startAccount();
  let worker = await startWorker(restartAccount.apiBase, { vars: { CACHE_TTL: '1' } });
  const path = `/v1/stats/medias/${KNOWN.mediaId}.json`;
  try {
    const good = await worker.fetch(path);
    expect(good.headers.get('x-cache')).toBe('MISS');
    const body = await good.text();
    await sleep(300); // the edge copy is written in the background
    restartAccount.setFault({ kind: 'status', status: 500 });
    worker = await restartWithout(worker, wipe, restartAccount);
    await sleep(1_200);
    restartAccount.resetRequests();
    const marks: Array<string | null> = [];
    for (let i = 0; i < 3; i++) {
      const stale = await worker.fetch(path);
      expect(stale.status).toBe(200);
      expect(stale.headers.get('x-cache')).toBe('STALE');
      expect(await stale.text()).toBe(body);
      marks.push(stale.headers.get('x-stats-stale'));
      await sleep(300);
    }
    // Once the Worker has found Wistia down, it says the copy is stale.
    expect(marks.at(-1)).toBe('1');
    // It did try upstream (and found it down), at most once within the TTL.
    await eventually(async () => restartAccount.requests().length >= 1);
    expect(restartAccount.requests().length).toBeLessThanOrEqual(1);
  } finally {
    await worker.stop();
    await restartAccount.close();
  }
}

/** Stops a Worker (CACHE_TTL 1 s), wipes one layer's storage, and starts it again on the same folder and port. */
async function restartWithout(worker: RunningWorker, wipe: 'edge cache' | 'shield storage', on: SimulatedAccount): Promise<RunningWorker> {
  return restartWorker(worker, on.apiBase, { vars: { CACHE_TTL: '1' } }, () => {
    const folder = findFolder(worker.persistTo, wipe === 'edge cache' ? 'cache' : 'wistia-stats-elements-StatsShield');
    expect(folder).toBeDefined();
    removeFolder(folder!);
  });
}

describe('a copy nobody asked for in a while, Wistia healthy', () => {
  it('is answered at once and not marked stale, by the edge or by the shield: a routine refresh is under way', async () => {
    const quietAccount = await startAccount();
    let worker = await startWorker(quietAccount.apiBase, { vars: { CACHE_TTL: '1' } });
    const path = `/v1/stats/medias/${KNOWN.mediaId}.json`;
    try {
      const body = await (await worker.fetch(path)).text();
      await sleep(2_500); // more than twice the TTL
      const atTheEdge = await worker.fetch(path);
      expect(atTheEdge.headers.get('x-cache')).toBe('STALE');
      expect(await atTheEdge.text()).toBe(body);
      expect(atTheEdge.headers.get('x-stats-stale')).toBe(null);
      // A new location (an empty edge cache) asks the shield. The edge's answer above started a
      // refresh, which renewed the shield's copy; a restart can take less than a TTL, so that copy
      // is left to go stale again first.
      worker = await restartWithout(worker, 'edge cache', quietAccount);
      await sleep(1_200);
      const fromTheShield = await worker.fetch(path);
      expect(fromTheShield.headers.get('x-cache')).toBe('STALE');
      expect(fromTheShield.headers.get('x-stats-stale')).toBe(null);
      await eventually(async () => (await worker.fetch(path)).headers.get('x-cache') === 'HIT');
    } finally {
      await worker.stop();
      await quietAccount.close();
    }
  });
});

describe('the shield keeps its last good answer durably', () => {
  it('serves it while upstream is down, after a restart in a new location (an empty edge cache)', () => staleAfterRestart('edge cache'));
});

describe('the edge serves its stale copy at once, without waiting for the shield', () => {
  it('serves it while upstream is down, after a restart that lost the shield’s storage', () => staleAfterRestart('shield storage'));
});

/** Miniflare keeps each kind of storage in a folder of its own under the persistence root. */
function findFolder(root: string, name: string): string | undefined {
  const stack = [root];
  while (stack.length) {
    const folder = stack.pop()!;
    if (!existsSync(folder)) continue;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const path = join(folder, entry.name);
      if (entry.name === name) return path;
      stack.push(path);
    }
  }
  return undefined;
}
