/**
 * Runs the real Worker under `wrangler dev` (workerd, local) against the simulated Wistia
 * account, over real HTTP, the way `npm start` does. Each Worker gets its own port and its
 * own persistence folder, so test files can run side by side.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulatedAccount, type SimulatedAccount } from '../../demo/simulated-account/server.ts';
import { startWorkerProcess } from '../../scripts/worker-process.ts';

/** Every resource `EXPOSE` may name (docs/architecture.md, "Configuration"). */
export const EXPOSE_EVERYTHING = 'account,projects,medias,engagement,trends,visitors,events,recommendations,heatmap,milestones,badges';

/** The token the simulated account expects; tests look for it wherever it must not be. */
export const TEST_TOKEN = 'sim-secret-token-7f3a9c';

export interface WorkerOptions {
  vars?: Record<string, string>;
  /** Reuse a persistence folder (to restart a Worker with its Durable Object storage). */
  persistTo?: string;
  /** Reuse a port: the edge cache is keyed by the request's own origin, as in production. */
  port?: number;
  token?: string | null;
  /** More secrets (e.g. ADMIN_TOKEN), passed as wrangler passes `.dev.vars`: never on a command line. */
  secrets?: Record<string, string>;
}

export interface RunningWorker {
  url: string;
  port: number;
  persistTo: string;
  /** Everything the Worker process printed so far. */
  logs(): string;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

/** Persistence folders this process made; a restarted Worker reuses one, so they go at exit. */
const madeFolders: string[] = [];
process.once('exit', () => madeFolders.forEach(removeFolder));

export async function startWorker(apiBase: string, options: WorkerOptions = {}): Promise<RunningWorker> {
  let persistTo = options.persistTo;
  if (!persistTo) madeFolders.push((persistTo = mkdtempSync(join(tmpdir(), 'wse-worker-'))));
  const worker = await startWorkerProcess({
    persistTo,
    port: options.port,
    vars: { WISTIA_API_BASE: apiBase, ...options.vars },
    secrets: { ...(options.token === null ? {} : { WISTIA_API_TOKEN: options.token ?? TEST_TOKEN }), ...options.secrets },
  });
  return {
    url: worker.url,
    port: Number(new URL(worker.url).port),
    persistTo,
    logs: worker.output,
    fetch: (path, init) => fetch(`${worker.url}${path}`, init),
    stop: worker.stop,
  };
}

/**
 * Stops `worker` and starts it again on its own storage and port (the edge cache is keyed by the
 * request's origin), with `options`; `whileStopped` runs in between (to wipe a layer, say).
 */
export async function restartWorker(
  worker: RunningWorker,
  apiBase: string,
  options: WorkerOptions = {},
  whileStopped?: () => void,
): Promise<RunningWorker> {
  await worker.stop();
  whileStopped?.();
  return startWorker(apiBase, { ...options, persistTo: worker.persistTo, port: worker.port });
}

/** A simulated account with growth frozen, so answers can be compared value for value. */
export function startAccount(): Promise<SimulatedAccount> {
  return startSimulatedAccount({ token: TEST_TOKEN, growthIntervalMs: 0 });
}

/** What the simulated account answers itself, asked directly with the token. */
export async function direct(account: SimulatedAccount, path: string): Promise<unknown> {
  const response = await fetch(`${account.url}${path}`, { headers: { Authorization: `Bearer ${TEST_TOKEN}` } });
  if (!response.ok) throw new Error(`direct ${path}: ${response.status}`);
  return response.json();
}

export function removeFolder(path: string): void {
  rmSync(path, { recursive: true, force: true });
}

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Polls until `check` passes: background work (waitUntil) finishes on its own time. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await sleep(100);
  }
}

/**
 * The Worker's rate limits count in fixed minutes of the clock (workerd's limiter: windows of
 * `Date.now() / 60 s`). A run of requests that straddles two windows gets a second allowance
 * half-way, so a test of a limit starts with at least `spareSeconds` left in the window.
 */
export async function freshLimitWindow(spareSeconds: number): Promise<void> {
  const leftMs = 60_000 - (Date.now() % 60_000);
  if (leftMs < spareSeconds * 1000) await sleep(leftMs + 100);
}
