/**
 * Starts the Worker under `wrangler dev` (workerd, local) as its own process, the one way
 * `npm start`, the tests and the bench all run it. Secrets go through a file, as from
 * `.dev.vars`, so wrangler prints them as "(hidden)" and they never appear on a command line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { SimulatedAccount } from '../demo/simulated-account/server.ts';

const ROOT = resolve(import.meta.dirname, '..');
const WRANGLER = join(ROOT, 'node_modules/wrangler/bin/wrangler.js');

export interface WorkerProcessOptions {
  /** 0 or absent: a free port. */
  port?: number;
  vars?: Record<string, string>;
  secrets?: Record<string, string>;
  /** Durable Object and cache storage; absent: wrangler's own `.wrangler/state`. */
  persistTo?: string;
  /** Also print what the Worker prints (npm start). */
  echo?: boolean;
  /** Another wrangler config than `wrangler.jsonc` (the bench runs several Workers side by side). */
  config?: string;
  /** The DevTools inspector's port (to profile the Worker); absent: a free one. */
  inspectorPort?: number;
  /** More environment for wrangler (e.g. `WRANGLER_REGISTRY_PATH`, the local dev registry). */
  env?: Record<string, string>;
}

export interface WorkerProcess {
  url: string;
  /** wrangler's own process (workerd runs under it). */
  pid: number;
  /** Everything the process printed so far. */
  output(): string;
  stop(): Promise<void>;
  exited: Promise<number>;
}

/**
 * The vars of a Worker in front of the simulated account: it holds no real people, so every
 * resource is exposed, heatmaps included.
 */
export function simulatedAccountVars(account: SimulatedAccount): Record<string, string> {
  return {
    WISTIA_API_BASE: account.apiBase,
    EXPOSE: 'account,projects,medias,engagement,visitors,events,recommendations,heatmap,milestones',
    WISTIA_PUBLIC_TOKEN: account.publicToken,
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function startWorkerProcess(options: WorkerProcessOptions = {}): Promise<WorkerProcess> {
  const port = options.port || (await freePort());
  const args = [WRANGLER, 'dev', '--local', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(options.inspectorPort ?? 0),
    '--show-interactive-dev-session=false'];
  if (options.config) args.push('--config', options.config);
  if (options.persistTo) args.push('--persist-to', options.persistTo);
  if (options.secrets) {
    const file = join(mkdtempSync(join(tmpdir(), 'wistia-stats-secrets-')), '.env');
    writeFileSync(file, Object.entries(options.secrets).map(([name, value]) => `${name}=${value}\n`).join(''));
    args.push('--env-file', file);
  }
  for (const [name, value] of Object.entries(options.vars ?? {})) args.push('--var', `${name}:${value}`);

  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number>((done) => child.once('exit', (code) => done(code ?? 1)));
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`wrangler dev did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (options.echo) process.stdout.write(chunk);
      if (output.includes('Ready on')) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`wrangler dev exited (${code}):\n${output}`));
    });
  });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, output: () => output, stop: () => stop(child, exited), exited };
}

/** SIGTERM to wrangler itself lets it shut workerd down too. */
async function stop(child: ChildProcess, exited: Promise<number>): Promise<void> {
  if (child.exitCode !== null) return;
  const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
  child.kill('SIGTERM');
  await exited;
  clearTimeout(force);
}
