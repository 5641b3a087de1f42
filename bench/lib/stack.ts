/**
 * The processes a figure runs against: the simulated Wistia account (in this process) and
 * Workers under `wrangler dev`, each with its own storage, started the one way the tests and
 * `npm start` start them (scripts/worker-process.ts). Everything started is stopped at the end.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { startSimulatedAccount, type SimulatedAccount } from '../../demo/simulated-account/server.ts';
import { simulatedAccountVars, startWorkerProcess, type WorkerProcess, type WorkerProcessOptions } from '../../scripts/worker-process.ts';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const TOKEN = 'bench-token';

const cleanups: Array<() => Promise<void> | void> = [];

/** Runs `cleanup` when the bench ends (last registered, first run). */
export function atEnd(cleanup: () => Promise<void> | void): void {
  cleanups.unshift(cleanup);
}

export async function stopEverything(): Promise<void> {
  for (const cleanup of cleanups.splice(0)) {
    try {
      await cleanup();
    } catch (error) {
      console.error('bench: cleanup failed', error);
    }
  }
}

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `wse-bench-${prefix}-`));
  atEnd(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function account(): Promise<SimulatedAccount> {
  const started = await startSimulatedAccount({ token: TOKEN, growthIntervalMs: 0 });
  atEnd(() => started.close());
  return started;
}

/**
 * A Worker in front of `sim`, every resource exposed, with its own storage. The budget is
 * raised so that no figure's own traffic is refused by it (figure 8 measures the per-client limit).
 */
export async function worker(sim: SimulatedAccount, options: Partial<WorkerProcessOptions> = {}): Promise<WorkerProcess> {
  const started = await startWorkerProcess({
    persistTo: tempDir('worker'),
    secrets: { WISTIA_API_TOKEN: TOKEN },
    ...options,
    vars: { ...simulatedAccountVars(sim), UPSTREAM_BUDGET: '100000', ...options.vars },
    env: { CLOUDFLARE_CF_FETCH_ENABLED: 'false', ...options.env },
  });
  atEnd(() => started.stop());
  return started;
}

/** The project's wrangler.jsonc as an object (JSON with comments, read by TypeScript's parser). */
export function wranglerConfig(): Record<string, unknown> {
  const path = join(ROOT, 'wrangler.jsonc');
  const { config, error } = ts.parseConfigFileTextToJson(path, readFileSync(path, 'utf8'));
  if (error) throw new Error(`wrangler.jsonc: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}`);
  return config as Record<string, unknown>;
}

/** Writes a wrangler config into a folder of its own, paths made absolute; returns its path. */
export function writeConfig(config: Record<string, unknown>): string {
  const dir = tempDir('config');
  const absolute: Record<string, unknown> = { ...config, main: resolve(ROOT, String(config.main)) };
  delete absolute.$schema;
  const assets = config.assets as { directory?: string } | undefined;
  if (assets?.directory) absolute.assets = { ...assets, directory: resolve(ROOT, assets.directory) };
  const path = join(dir, 'wrangler.json');
  writeFileSync(path, JSON.stringify(absolute, null, 2));
  return path;
}
