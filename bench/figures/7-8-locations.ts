/**
 * 7. Many locations, one shield: K edge Workers, each its own `wrangler dev` with its own cache
 * storage, whose Durable Object bindings point at one shared shield Worker (`script_name`,
 * through wrangler's local dev registry), driven at once with many concurrent requests for 10
 * resources over 4 TTL windows: upstream requests per resource per window. Baseline: the same
 * K edges each with its own shield (K).
 * 8. Under a flood: the same run again while one client floods one edge with distinct unknown
 * ids: the share of legitimate requests answered 200, and what the flood spent upstream,
 * against what it asked for and the per-client limit (`MISSES_PER_CLIENT`).
 */
import type { SimulatedAccount } from '../../demo/simulated-account/server.ts';
import { MEDIA_IDS } from '../../demo/simulated-account/data.ts';
import type { WorkerProcess } from '../../scripts/worker-process.ts';
import { requests, sleep, statusList, sumStatuses, type Figures } from '../lib/load.ts';
import { progress, type Figure } from '../lib/report.ts';
import { account, tempDir, worker, wranglerConfig, writeConfig } from '../lib/stack.ts';

const K = 3;
const RESOURCES = MEDIA_IDS.slice(0, 10);
const TTL_SECONDS = 2;
const WINDOWS = 4;
const CONCURRENCY_PER_EDGE = 10;
const FLOOD_CONCURRENCY = 10;
const FLOODER = '203.0.113.66';

interface Topology {
  edges: WorkerProcess[];
  stop(): Promise<void>;
}

const vars = { CACHE_TTL: String(TTL_SECONDS) };

/** K edges whose Durable Objects all live in one shield Worker, found through a registry of their own. */
async function sharedShield(sim: SimulatedAccount): Promise<Topology> {
  const env = { WRANGLER_REGISTRY_PATH: tempDir('registry') };
  const base = wranglerConfig();
  const shieldName = `wse-bench-shield-${process.pid}`;
  const shield = await worker(sim, { config: writeConfig({ ...base, name: shieldName }), vars, env });
  const { migrations: _migrations, ...edgeBase } = base;
  const bindings = (base.durable_objects as { bindings: Array<Record<string, string>> }).bindings.map((binding) => ({
    ...binding,
    script_name: shieldName,
  }));
  const edges = await Promise.all(
    Array.from({ length: K }, (_, i) =>
      worker(sim, {
        config: writeConfig({ ...edgeBase, name: `wse-bench-edge${i + 1}-${process.pid}`, durable_objects: { bindings } }),
        vars,
        env,
      }),
    ),
  );
  return { edges, stop: async () => void (await Promise.all([...edges, shield].map((w) => w.stop()))) };
}

/** K edges, each with its own shield: the same Worker started K times. */
async function ownShields(sim: SimulatedAccount): Promise<Topology> {
  const base = wranglerConfig();
  const env = { WRANGLER_REGISTRY_PATH: tempDir('registry') };
  const edges = await Promise.all(
    Array.from({ length: K }, (_, i) =>
      worker(sim, { config: writeConfig({ ...base, name: `wse-bench-solo${i + 1}-${process.pid}` }), vars, env }),
    ),
  );
  return { edges, stop: async () => void (await Promise.all(edges.map((w) => w.stop()))) };
}

/** Until every edge answers every resource (an edge connects to the shield a moment after it starts). */
async function ready(topology: Topology): Promise<void> {
  const until = Date.now() + 30_000;
  for (const edge of topology.edges) {
    while (
      (await fetch(`${edge.url}/healthz`)
        .then((r) => r.status)
        .catch(() => 0)) !== 200
    ) {
      if (Date.now() > until) throw new Error('figure 7: an edge did not come up');
      await sleep(200);
    }
  }
}

interface Phase {
  startedAt: number;
  endedAt: number;
  legit: Figures[];
  flood?: Figures;
}

/** Many visitors (each its own address) ask every edge for the resources, round and round, for WINDOWS TTLs. */
async function drive(topology: Topology, flood: boolean): Promise<Phase> {
  const startedAt = Date.now();
  // Stop just short of the last window's end: a refresh then would belong to the next window.
  const untilMs = startedAt + WINDOWS * TTL_SECONDS * 1000 - 100;
  let visitor = 0;
  const legitimate = topology.edges.map((edge) =>
    requests(
      (i) => ({
        url: `${edge.url}/v1/stats/medias/${RESOURCES[i % RESOURCES.length]}.json`,
        headers: { 'CF-Connecting-IP': `10.9.${(++visitor >> 8) & 255}.${visitor & 255}` },
      }),
      { concurrency: CONCURRENCY_PER_EDGE, untilMs },
    ),
  );
  const flooding = flood
    ? requests(
        (i) => ({
          url: `${topology.edges[0]!.url}/v1/stats/medias/flood${i}x${process.pid}.json`,
          headers: { 'CF-Connecting-IP': FLOODER },
        }),
        {
          concurrency: FLOOD_CONCURRENCY,
          untilMs,
        },
      )
    : undefined;
  const [legit, floodFigures] = await Promise.all([Promise.all(legitimate), flooding]);
  return { startedAt, endedAt: Date.now(), legit, ...(floodFigures && { flood: floodFigures }) };
}

/** Upstream requests per resource per TTL window, during the phase. */
function upstreamPerWindow(sim: SimulatedAccount, phase: Phase): { mean: number; max: number } {
  const during = sim.requests().filter((r) => r.at >= phase.startedAt && r.at <= phase.endedAt);
  const perResource = RESOURCES.map((id) => during.filter((r) => r.path === `/v1/stats/medias/${id}.json`).length / WINDOWS);
  return { mean: perResource.reduce((a, b) => a + b, 0) / perResource.length, max: Math.max(...perResource) };
}

/** Background refreshes each edge started, per resource, during the phase (from the edges' `edge_refresh` log lines). */
function refreshesPerEdge(topology: Topology, logOffsets: number[]): number[] {
  return topology.edges.flatMap((edge, i) => {
    const lines = edge
      .output()
      .slice(logOffsets[i])
      .split('\n')
      .filter((line) => line.includes('"event":"edge_refresh"'));
    return RESOURCES.map((id) => lines.filter((line) => line.includes(`/stats/medias/${id}.json`)).length);
  });
}

const total = (figures: Figures[], status?: number) =>
  figures.reduce((sum, f) => sum + (status === undefined ? f.count : (f.statuses[status] ?? 0)), 0);

export async function locations(): Promise<Figure[]> {
  const [limit, period] = (() => {
    const rule = (wranglerConfig().ratelimits as Array<{ name: string; simple: { limit: number; period: number } }>).find(
      (r) => r.name === 'MISSES_PER_CLIENT',
    )!;
    return [rule.simple.limit, rule.simple.period];
  })();

  progress(`figure 7: starting a shield Worker and ${K} edges pointing at it (wrangler dev, local dev registry)…`);
  const sim = await account();
  const shared = await sharedShield(sim);
  await ready(shared);
  progress(
    `figure 7: ${K} edges × ${CONCURRENCY_PER_EDGE} concurrent requests for ${RESOURCES.length} resources, ${WINDOWS} windows of ${TTL_SECONDS} s…`,
  );
  let offsets = shared.edges.map((edge) => edge.output().length);
  const one = await drive(shared, false);
  const oneUpstream = upstreamPerWindow(sim, one);
  const oneRefreshes = refreshesPerEdge(shared, offsets);
  progress(`figure 7: shared shield: ${oneUpstream.mean.toFixed(2)} upstream requests per resource per window`);

  progress(`figure 8: the same again while one client floods edge 1 with distinct unknown ids…`);
  await sleep(TTL_SECONDS * 1000); // the copies go stale: this phase refreshes as the first did
  offsets = shared.edges.map((edge) => edge.output().length);
  const flooded = await drive(shared, true);
  const floodedUpstream = upstreamPerWindow(sim, flooded);
  const floodSpent = sim.requests().filter((r) => r.at >= flooded.startedAt && r.path.includes('/flood')).length;
  // The local rate limiter counts in fixed windows of `period` seconds: the phase may touch two.
  const limitWindows = Math.floor(flooded.endedAt / (period * 1000)) - Math.floor(flooded.startedAt / (period * 1000)) + 1;
  const cap = limit * limitWindows;
  await shared.stop();

  progress(`figure 7: baseline — ${K} edges, each with its own shield…`);
  const simAlone = await account();
  const alone = await ownShields(simAlone);
  await ready(alone);
  const baseline = await drive(alone, false);
  const baselineUpstream = upstreamPerWindow(simAlone, baseline);
  await alone.stop();

  const refreshMax = Math.max(...oneRefreshes);
  const refreshMean = oneRefreshes.reduce((a, b) => a + b, 0) / oneRefreshes.length;
  const legitTotal = total(flooded.legit);
  const legitOk = total(flooded.legit, 200);
  const flood = flooded.flood!;
  return [
    {
      number: 7,
      name: `Many locations, one shield (K = ${K})`,
      measured: `${oneUpstream.mean.toFixed(2)} upstream requests per resource per TTL (max ${oneUpstream.max.toFixed(2)}); each edge ${(refreshMean / (WINDOWS - 1)).toFixed(2)} background refreshes per resource per TTL (max ${refreshMax} in ${WINDOWS - 1})`,
      baseline: `${K} edges, own shields: ${baselineUpstream.mean.toFixed(2)}`,
      result: `${oneUpstream.mean.toFixed(2)} against ${baselineUpstream.mean.toFixed(2)}`,
      target: `exactly 1, against K = ${K}`,
      met: oneUpstream.max === 1 && oneUpstream.mean === 1,
      details: [
        `${K} edges under \`wrangler dev\`, each with its own cache storage, Durable Object bindings \`script_name\` → one shield Worker; CACHE_TTL ${TTL_SECONDS} s, ${WINDOWS} windows, ${RESOURCES.length} resources, ${CONCURRENCY_PER_EDGE} concurrent requests per edge from distinct addresses: ${total(one.legit)} requests (${statusList(sumStatuses(one.legit))}).`,
        `Background refreshes each edge started per resource over the run (one per stale copy, not one per STALE answer): mean ${refreshMean.toFixed(2)}, max ${refreshMax} for ${WINDOWS - 1} times the copy went stale (${oneRefreshes.reduce((a, b) => a + b, 0)} in all, from the edges' \`edge_refresh\` log lines).`,
        `Baseline: the same ${K} edges, each with its own shield Worker: ${baselineUpstream.mean.toFixed(2)} (max ${baselineUpstream.max.toFixed(2)}) upstream requests per resource per window.`,
      ],
    },
    {
      number: 8,
      name: 'Under a flood',
      measured: `legitimate: ${legitOk} of ${legitTotal} answered 200; flood spent ${floodSpent} upstream`,
      baseline: `flood asked ${flood.count} unknown ids`,
      result: `${((100 * legitOk) / legitTotal).toFixed(1)}% answered; flood spent ${floodSpent} (cap ${cap})`,
      target: `100%; ≤ ${limit}/${period} s per client`,
      met: legitOk === legitTotal && floodSpent <= cap,
      details: [
        `The run of figure 7 again, while one address (${FLOODER}) sent ${flood.count} requests for distinct unknown media ids to edge 1, ${FLOOD_CONCURRENCY} at a time: ${statusList(flood.statuses)}.`,
        `The flood's upstream requests are capped by MISSES_PER_CLIENT (${limit} per ${period} s, counted in fixed windows locally: this phase touched ${limitWindows}, so the cap is ${cap}); it spent ${floodSpent}.`,
        `Legitimate traffic during the flood: ${legitOk} of ${legitTotal} answered 200, ${floodedUpstream.mean.toFixed(2)} (max ${floodedUpstream.max.toFixed(2)}) upstream requests per resource per window.`,
      ],
    },
  ];
}
