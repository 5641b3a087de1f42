/**
 * 6. Edge throughput: cache-hit requests a second through the Worker, against a Worker that
 * answers a constant JSON (the same body), both under `wrangler dev` with the project's
 * wrangler config, both started for this figure, both driven by autocannon, in alternating
 * rounds so that the machine's other load falls on both alike: each round runs the targets in
 * the order the last one ran them backwards, so a machine slowing down (or speeding up) over
 * the figure favours none. CPU time per request (wrangler and its workerd processes) is
 * reported beside it: it is far steadier than throughput on a busy machine.
 *
 * Both are new, so they differ in their code alone. The Worker the other figures share is
 * measured in the same rounds and reported beside: after minutes of other traffic it has read
 * from ×0.86 to ×1.01 of a new one.
 */
import { MEDIA_IDS } from '../../demo/simulated-account/data.ts';
import { startWorkerProcess } from '../../scripts/worker-process.ts';
import { sharedStack } from '../lib/context.ts';
import { treeCpuSeconds } from '../lib/cpu.ts';
import { cannon, sleep } from '../lib/load.ts';
import { progress, type Figure } from '../lib/report.ts';
import { atEnd, tempDir, worker, wranglerConfig, writeConfig } from '../lib/stack.ts';

const ROUNDS = 6;
const SECONDS = 2;
const CONNECTIONS = 10;

interface Target {
  label: string;
  url: string;
  pid: number;
  perSecond: number[];
  p50: number[];
  cpuSeconds: number;
  requests: number;
  failed: number;
}

export async function edgeThroughput(): Promise<Figure> {
  const shared = await sharedStack();
  progress('figure 6: starting the Worker and the baseline Worker (wrangler dev, the project’s config, a constant JSON)…');
  const project = await worker(shared.account);
  const hitPath = `/v1/stats/medias/${MEDIA_IDS[2]}.json`;
  const body = await edgeHit(project.url + hitPath);
  if ((await edgeHit(shared.worker.url + hitPath)) !== body) throw new Error('figure 6: the two Workers answer differently');

  const { name: _name, main: _main, durable_objects: _objects, migrations: _migrations, ...config } = wranglerConfig();
  const baseline = await startWorkerProcess({
    config: writeConfig({ ...config, name: 'wse-bench-baseline', main: 'bench/baseline-worker.ts', vars: { BODY: body } }),
    persistTo: tempDir('baseline'),
    env: { CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  });
  atEnd(() => baseline.stop());

  const target = (label: string, url: string, pid: number): Target => ({
    label,
    url,
    pid,
    perSecond: [],
    p50: [],
    cpuSeconds: 0,
    requests: 0,
    failed: 0,
  });
  const constant = target('constant JSON', baseline.url + hitPath, baseline.pid);
  const hit = target('edge hit', project.url + hitPath, project.pid);
  const floor = target('cache lookup only', `${baseline.url}/v1/floor`, baseline.pid);
  const healthz = target('/healthz', `${project.url}/healthz`, project.pid);
  const aged = target('edge hit, aged', shared.worker.url + hitPath, shared.worker.pid);
  const targets = [constant, hit, floor, healthz, aged];

  progress('figure 6: warming up');
  for (const { url } of targets) await cannon(url, { seconds: 1, connections: CONNECTIONS });
  for (let round = 1; round <= ROUNDS; round++) {
    for (const t of round % 2 ? targets : [...targets].reverse()) {
      const cpuBefore = treeCpuSeconds(t.pid) ?? NaN;
      const run = await cannon(t.url, { seconds: SECONDS, connections: CONNECTIONS });
      t.cpuSeconds += (treeCpuSeconds(t.pid) ?? NaN) - cpuBefore;
      t.requests += run.total;
      t.failed += run.failed;
      t.perSecond.push(run.perSecond);
      t.p50.push(run.p50);
      progress(
        `figure 6: round ${round}/${ROUNDS}, ${t.label.padEnd(17)} ${run.perSecond.toFixed(0).padStart(5)} req/s, p50 ${run.p50} ms${run.failed ? `, ${run.failed} failed` : ''}`,
      );
    }
  }
  // Idle from here, but the figures after this one need the machine.
  await Promise.all([baseline.stop(), project.stop()]);
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const cpuMs = (t: Target) => (1000 * t.cpuSeconds) / t.requests;
  const describe = (t: Target) =>
    `${mean(t.perSecond).toFixed(0)} req/s, p50 ${mean(t.p50).toFixed(1)} ms, ${cpuMs(t).toFixed(2)} ms CPU/request`;
  const ratio = mean(hit.perSecond) / mean(constant.perSecond);
  const failed = targets.reduce((sum, t) => sum + t.failed, 0);
  return {
    number: 6,
    name: 'Edge throughput (cache hit)',
    measured: `${mean(hit.perSecond).toFixed(0)} req/s`,
    baseline: `constant JSON Worker: ${mean(constant.perSecond).toFixed(0)} req/s`,
    result: `×${ratio.toFixed(2)} (of the cache-lookup-only Worker: ×${(mean(hit.perSecond) / mean(floor.perSecond)).toFixed(2)})`,
    target: '≥ 0.9',
    met: ratio >= 0.9 && failed === 0,
    details: [
      `autocannon, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s per target (each round in the order the last ran backwards), the same ${body.length}-byte body; ${failed} failed answers. CPU: wrangler and its workerd processes, per answer. By CPU, the constant Worker's over the edge hit's: ×${(cpuMs(constant) / cpuMs(hit)).toFixed(2)}; the cache-lookup-only Worker's over the edge hit's: ×${(cpuMs(floor) / cpuMs(hit)).toFixed(2)}.`,
      ...targets.map((t) => `${t.label}: ${describe(t)}; per round ${t.perSecond.map((n) => n.toFixed(0)).join(', ')} req/s.`),
      `The Worker the figures share ("aged": in a full run it has served figures 2–5 first) against the new constant Worker: ×${(mean(aged.perSecond) / mean(constant.perSecond)).toFixed(2)}; against the new one, the same code: ×${(mean(aged.perSecond) / mean(hit.perSecond)).toFixed(2)}.`,
      `Both Workers run with the project's wrangler config (assets, \`run_worker_first\` for the API paths): \`wrangler dev\` routes each request through its asset router first, which costs the same for both and is not the Worker's code. "cache lookup only" is a Worker that only does \`caches.default.match\` and answers: what a hit costs that looks up the local Cache API. The edge hit measured here is a hot one, answered from the isolate's memory in front of the Cache API (docs/architecture.md, "Caching and the upstream").`,
    ],
  };
}

/**
 * Asks `url` until its Worker answers from its edge (a new one misses first; one whose copy
 * has gone stale refreshes it in the background); the body.
 */
async function edgeHit(url: string): Promise<string> {
  let cacheStatus: string | null = null;
  for (let attempt = 0; attempt < 10; attempt++) {
    const answer = await fetch(url);
    const body = await answer.text();
    cacheStatus = answer.headers.get('X-Cache');
    if (cacheStatus === 'HIT') return body;
    await sleep(200);
  }
  throw new Error(`figure 6: expected an edge HIT from ${url}, got ${cacheStatus}`);
}
