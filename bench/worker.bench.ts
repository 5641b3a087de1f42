/**
 * `npm run bench`: what the Worker costs and what it saves, measured in one run against a
 * baseline — the simulated Wistia account asked directly. Loopback only, bounded counts.
 *
 * Prints, for the same load: requests a second and latency (p50/p95) direct vs through the
 * Worker's edge cache, with the Worker's own floor under `wrangler dev` (`/healthz`), and how
 * many upstream requests a burst of page views costs. The simulated account answers from
 * memory, so "direct" is a floor for Wistia, not its real latency.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MEDIA_IDS } from '../demo/simulated-account/data.ts';
import { startSimulatedAccount } from '../demo/simulated-account/server.ts';
import { startWorkerProcess } from '../scripts/worker-process.ts';

const TOKEN = 'bench-token';
const REQUESTS = 2000;
const CONCURRENCY = 20;

interface Figures {
  perSecond: number;
  p50: number;
  p95: number;
}

async function load(
  urls: string[],
  headersOf: (index: number) => Record<string, string> = () => ({}),
  bodies?: string[],
): Promise<Figures> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < urls.length) {
        const index = next++;
        const url = urls[index]!;
        const t0 = performance.now();
        const body = bodies?.[index];
        const headers = headersOf(index);
        const response = await fetch(url, body === undefined ? { headers } : { method: 'POST', headers, body });
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${url}: ${response.status}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number): number => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { perSecond: urls.length / seconds, p50: at(0.5), p95: at(0.95) };
}

const show = (name: string, f: Figures): void =>
  console.log(`  ${name.padEnd(42)} ${f.perSecond.toFixed(0).padStart(6)} req/s   p50 ${f.p50.toFixed(2)} ms   p95 ${f.p95.toFixed(2)} ms`);

console.log('bench: starting the simulated account and the Worker (wrangler dev)…');
const account = await startSimulatedAccount({ token: TOKEN, growthIntervalMs: 0 });
const worker = await startWorkerProcess({
  persistTo: mkdtempSync(join(tmpdir(), 'wse-bench-')),
  secrets: { WISTIA_API_TOKEN: TOKEN },
  vars: { WISTIA_API_BASE: account.apiBase, CACHE_TTL: '300', EXPOSE: 'account,projects,medias,engagement,milestones' },
});
try {
  const path = `/v1/stats/medias/${MEDIA_IDS[0]}.json`;
  console.log(`bench: ${REQUESTS} requests for one media, ${CONCURRENCY} at a time`);
  const direct = await load(Array(REQUESTS).fill(`${account.url}${path}`), () => ({ Authorization: `Bearer ${TOKEN}` }));
  show('baseline: Wistia (simulated) direct', direct);
  show('floor: Worker /healthz (no cache work)', await load(Array(REQUESTS).fill(`${worker.url}/healthz`)));
  await fetch(`${worker.url}${path}`); // warm the edge
  const hit = await load(Array(REQUESTS).fill(`${worker.url}${path}`));
  show('Worker, edge HIT', hit);
  console.log(`  ratio Worker/direct: throughput ×${(hit.perSecond / direct.perSecond).toFixed(2)}, p50 ×${(hit.p50 / direct.p50).toFixed(2)}`);

  console.log(`bench: a burst of ${REQUESTS} cold page views over ${MEDIA_IDS.length} medias`);
  account.resetRequests();
  const burst = Array.from({ length: REQUESTS }, (_, i) => `${worker.url}/v1/stats/medias/${MEDIA_IDS[i % MEDIA_IDS.length]}/engagement.json`);
  // Page views come from many visitors: each from its own address, as the per-address limit expects.
  const cold = await load(burst, (i) => ({ 'CF-Connecting-IP': `10.7.${(i >> 8) & 255}.${i & 255}` }));
  show('Worker, cold burst', cold);
  const upstream = account.requests().length;
  console.log(`  upstream requests: ${upstream} for ${REQUESTS} page views (${((upstream / REQUESTS) * 1000).toFixed(1)} per 1000; without the Worker: 1000)`);

  const CLAIMS = 500; // each from its own address: one address may claim 10 times a minute
  console.log(`bench: ${CLAIMS} milestone claims from distinct visitors, ${CONCURRENCY} at a time`);
  account.resetRequests();
  const claims = Array.from({ length: CLAIMS }, (_, i) =>
    JSON.stringify({ scope: 'media', id: MEDIA_IDS[1], metric: 'load_count', threshold: 1, visitor_key: `bench${i}` }),
  );
  const claimed = await load(
    Array(CLAIMS).fill(`${worker.url}/v1/milestones/claim`),
    (i) => ({ 'Content-Type': 'application/json', 'CF-Connecting-IP': `10.8.${(i >> 8) & 255}.${i & 255}` }),
    claims,
  );
  show('Worker, claims (one Durable Object)', claimed);
  console.log(`  ratio claims/edge HIT: throughput ×${(claimed.perSecond / hit.perSecond).toFixed(2)}, p50 ×${(claimed.p50 / hit.p50).toFixed(2)}; upstream reads: ${account.requests().length}`);
} finally {
  await worker.stop();
  await account.close();
}
