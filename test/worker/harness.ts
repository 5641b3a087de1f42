/**
 * Runs the real Worker under `wrangler dev` (workerd, local) against the simulated Wistia
 * account, over real HTTP, the way `npm start` does. Each Worker gets its own port and its
 * own persistence folder, so test files can run side by side.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSimulatedAccount, type SimulatedAccount } from '../../demo/simulated-account/server.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const WRANGLER = join(ROOT, 'node_modules/wrangler/bin/wrangler.js');

/** Every resource DESIGN.md lets `EXPOSE` name. */
export const EXPOSE_EVERYTHING = 'account,projects,medias,engagement,visitors,events,recommendations,heatmap,milestones';

/** The token the simulated account expects; tests look for it wherever it must not be. */
export const TEST_TOKEN = 'sim-secret-token-7f3a9c';

export interface WorkerOptions {
  vars?: Record<string, string>;
  /** Reuse a persistence folder (to restart a Worker with its Durable Object storage). */
  persistTo?: string;
  token?: string | null;
}

export interface RunningWorker {
  url: string;
  persistTo: string;
  /** Everything the Worker process printed so far. */
  logs(): string;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function startWorker(apiBase: string, options: WorkerOptions = {}): Promise<RunningWorker> {
  const port = await freePort();
  const persistTo = options.persistTo ?? mkdtempSync(join(tmpdir(), 'wse-worker-'));
  const secrets = join(mkdtempSync(join(tmpdir(), 'wse-secrets-')), '.env');
  // Secrets come from a file, as from .dev.vars: wrangler shows them as "(hidden)".
  writeFileSync(secrets, options.token === null ? '' : `WISTIA_API_TOKEN=${options.token ?? TEST_TOKEN}\n`);
  const vars = { WISTIA_API_BASE: apiBase, ...options.vars };
  const args = [
    WRANGLER, 'dev', '--local', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', '0',
    '--persist-to', persistTo, '--env-file', secrets, '--show-interactive-dev-session=false', '--log-level', 'info',
    ...Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
  ];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = `http://127.0.0.1:${port}`;
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`wrangler dev did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready on')) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`wrangler dev exited (${code}):\n${output}`));
    });
  });
  child.removeAllListeners('exit');
  return {
    url,
    persistTo,
    logs: () => output,
    fetch: (path, init) => fetch(`${url}${path}`, init),
    stop: () => stopProcess(child),
  };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
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
