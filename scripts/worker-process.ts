/**
 * Starts the Worker under `wrangler dev` (workerd, local) as its own process, the one way
 * `npm start`, the tests and the bench all run it. Secrets go through a file, as from
 * `.dev.vars`, so wrangler prints them as "(hidden)" and they never appear on a command line.
 * The file is removed when wrangler exits, however it ends (stopped, crashed, killed), and when
 * this process exits first (docs/architecture.md, "Running it locally").
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { constants, tmpdir } from 'node:os';
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
  /**
   * The folder of the drop-in to serve, instead of `wrangler.jsonc`'s `dist/` (its other asset
   * settings kept). wrangler dev restarts the Worker whenever this folder changes, which wipes
   * its memory (rate limits, hot answers): `npm start` serves a build of its own, so that another
   * build of `dist/` (`npm run build`, a second `npm start`) leaves a running Worker alone.
   */
  assets?: string;
  /** More environment for wrangler (e.g. `WRANGLER_REGISTRY_PATH`, the local dev registry). */
  env?: Record<string, string>;
}

export interface WorkerProcess {
  url: string;
  /** The temporary file holding the secrets while wrangler runs; absent without secrets. */
  secretsFile?: string;
  /** wrangler's process id. */
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
    EXPOSE: 'account,projects,medias,engagement,trends,visitors,events,recommendations,heatmap,milestones,badges',
    WISTIA_PUBLIC_TOKEN: account.publicToken,
  };
}

/** Whether something already listens on 127.0.0.1:`port` (where every local server here listens). */
export async function portTaken(port: number): Promise<boolean> {
  return new Promise((answer) => {
    const server = createServer();
    server.once('error', () => answer(true));
    server.listen(port, '127.0.0.1', () => server.close(() => answer(false)));
  });
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
  if (options.port) return startOnce(options, options.port);
  // A free port can be taken by another process between freePort() and wrangler binding it
  // (test files start Workers side by side): then wrangler exits at once, and another port is tried.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options, await freePort());
    } catch (error) {
      if (attempt === 3 || !String(error).includes('Address already in use')) throw error;
    }
  }
}

async function startOnce(options: WorkerProcessOptions, port: number): Promise<WorkerProcess> {
  const args = [
    WRANGLER,
    'dev',
    '--local',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--inspector-port',
    '0',
    '--show-interactive-dev-session=false',
  ];
  if (options.config) args.push('--config', options.config);
  if (options.assets) args.push('--assets', options.assets);
  if (options.persistTo) args.push('--persist-to', options.persistTo);
  let secretsFile: string | undefined;
  let secretsFolder: string | undefined;
  if (options.secrets) {
    secretsFolder = mkdtempSync(join(tmpdir(), 'wistia-stats-secrets-'));
    secretsFile = join(secretsFolder, '.env');
    writeFileSync(
      secretsFile,
      Object.entries(options.secrets)
        .map(([name, value]) => `${name}=${value}\n`)
        .join(''),
      { mode: 0o600 },
    );
    args.push('--env-file', secretsFile);
  }
  for (const [name, value] of Object.entries(options.vars ?? {})) args.push('--var', `${name}:${value}`);

  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Whichever ends first, wrangler or this process, the other does not outlive it with the secrets on disk.
  const end = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    if (secretsFolder) rmSync(secretsFolder, { recursive: true, force: true });
  };
  endWithThisProcess(end);
  let output = '';
  const exited = new Promise<number>((done) =>
    child.once('exit', (code) => {
      running.delete(end);
      end();
      done(code ?? 1);
    }),
  );
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => {
      // A wrangler that never got ready is not left running (nor its secrets file on disk).
      child.kill('SIGTERM');
      fail(new Error(`wrangler dev did not start within 60 s:\n${output}`));
    }, 60_000);
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
  return { url: `http://127.0.0.1:${port}`, secretsFile, pid: child.pid!, output: () => output, stop: () => stop(child, exited), exited };
}

/** What to do with each running wrangler when this process ends. */
const running = new Set<() => void>();
let endingInstalled = false;

/**
 * Also on a crash (`exit` runs after an uncaught exception) and on a signal this process does
 * not otherwise handle (which would end it without `exit`): then it ends as the signal would have.
 */
function endWithThisProcess(end: () => void): void {
  running.add(end);
  if (endingInstalled) return;
  endingInstalled = true;
  const endAll = (): void => running.forEach((each) => each());
  process.on('exit', endAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      endAll();
      if (process.listenerCount(signal) === 1) process.exit(128 + constants.signals[signal]);
    });
  }
}

/** SIGTERM to wrangler itself lets it shut workerd down too. */
async function stop(child: ChildProcess, exited: Promise<number>): Promise<void> {
  if (child.exitCode !== null) return;
  const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
  child.kill('SIGTERM');
  await exited;
  clearTimeout(force);
}
