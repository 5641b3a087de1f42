/**
 * Load from this process: `requests` (node's fetch, each request its own URL, headers and
 * body, so many visitors or one flooding client can be played) and `cannon` (autocannon, for
 * plain throughput of one URL).
 */
import autocannon from 'autocannon';

export interface Figures {
  count: number;
  perSecond: number;
  p50: number;
  /** How many answers had each status. */
  statuses: Record<number, number>;
}

export interface Request {
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * Sends the requests `concurrency` at a time, or (with `untilMs`) keeps sending them, round
 * and round, until then. Answers are read in full; failures are counted, not thrown.
 */
export async function requests(
  list: (index: number) => Request,
  {
    count = Infinity,
    concurrency,
    untilMs = Infinity,
    onAnswer,
  }: { count?: number; concurrency: number; untilMs?: number; onAnswer?: (status: number, body: string) => void },
): Promise<Figures> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count && Date.now() < untilMs) {
        const request = list(next++);
        const t0 = performance.now();
        let status = 0;
        let body = '';
        try {
          const response = await fetch(
            request.url,
            request.body === undefined ? { headers: request.headers } : { method: 'POST', headers: request.headers, body: request.body },
          );
          body = await response.text();
          status = response.status;
        } catch {
          status = 0;
        }
        latencies.push(performance.now() - t0);
        statuses[status] = (statuses[status] ?? 0) + 1;
        onAnswer?.(status, body);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number): number => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { count: latencies.length, perSecond: latencies.length / seconds, p50: at(0.5), statuses };
}

/** How many answers had each status, over several runs. */
export function sumStatuses(runs: Figures[]): Record<number, number> {
  const all: Record<number, number> = {};
  for (const run of runs)
    for (const [status, count] of Object.entries(run.statuses)) all[Number(status)] = (all[Number(status)] ?? 0) + count;
  return all;
}

/** `3501 × 200, 2 × 503`, as the figures print it. */
export const statusList = (statuses: Record<number, number>): string =>
  Object.entries(statuses)
    .map(([status, count]) => `${count} × ${status}`)
    .join(', ');

export interface Cannon {
  /** Answers in all. */
  total: number;
  perSecond: number;
  p50: number;
  /** Answers other than 2xx, and errors and timeouts. */
  failed: number;
}

/** autocannon against one URL for `seconds`, `connections` at once. */
export async function cannon(url: string, { seconds, connections }: { seconds: number; connections: number }): Promise<Cannon> {
  const result = await autocannon({ url, duration: seconds, connections });
  return {
    total: result.requests.total,
    perSecond: result.requests.average,
    p50: result.latency.p50,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));
