/**
 * Running it locally: `npm start` says which variable to change when a port is taken, and the
 * temporary file that hands wrangler its secrets is gone once the Worker stops, however it
 * stops (docs/architecture.md, "Running it locally").
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, startWorkerProcess } from '../../scripts/worker-process.ts';

const ROOT = resolve(import.meta.dirname, '../..');

interface Ended {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a TypeScript file under tsx; `onLine` sees each line it prints and may signal it. */
function run(
  file: string,
  args: string[],
  env: Record<string, string>,
  onLine?: (line: string, send: (signal: NodeJS.Signals) => void) => void,
): Promise<Ended> {
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = chunk.toString();
    stdout += lines;
    for (const line of lines.split('\n')) if (line) onLine?.(line, (signal) => child.kill(signal));
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.once('exit', (code) => done({ code, stdout, stderr })));
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((wait) => setTimeout(wait, 100));
  return !alive(pid);
}

describe('npm start on a busy port', () => {
  let holders: Server[] = [];
  afterEach(async () => {
    await Promise.all(holders.map((holder) => new Promise<void>((closed) => holder.close(() => closed()))));
    holders = [];
  });

  /** Free ports for npm start, with `busy` of them taken by this process. */
  async function portsWithBusy(...busy: string[]): Promise<Record<string, string>> {
    const ports: Record<string, string> = {
      PORT: String(await freePort()),
      SIMULATED_ACCOUNT_PORT: String(await freePort()),
      DEMO_PORT: String(await freePort()),
    };
    for (const name of busy) {
      const holder = createServer();
      holders.push(holder);
      await new Promise<void>((listening) => holder.listen(Number(ports[name]), '127.0.0.1', listening));
    }
    return ports;
  }

  for (const name of ['PORT', 'SIMULATED_ACCOUNT_PORT', 'DEMO_PORT']) {
    it(`names ${name} in one line, with no stack trace`, async () => {
      const ports = await portsWithBusy(name);
      const ended = await run('scripts/start.ts', [], ports);
      expect(ended.code).toBe(1);
      expect(ended.stderr.trim().split('\n')).toEqual([
        `npm start: port ${ports[name]} (${name}) is in use; free it, or choose another: ${name}=${Number(ports[name]) + 10} npm start`,
      ]);
      expect(ended.stdout).not.toContain('Starting the Worker');
    });
  }

  it('names every busy port at once (another npm start still running), in one line', async () => {
    const ports = await portsWithBusy('PORT', 'SIMULATED_ACCOUNT_PORT', 'DEMO_PORT');
    const { PORT, SIMULATED_ACCOUNT_PORT, DEMO_PORT } = ports;
    const next = (port: string | undefined) => Number(port) + 10;
    const ended = await run('scripts/start.ts', [], ports);
    expect(ended.code).toBe(1);
    expect(ended.stderr.trim().split('\n')).toEqual([
      `npm start: ports ${PORT} (PORT), ${SIMULATED_ACCOUNT_PORT} (SIMULATED_ACCOUNT_PORT), ${DEMO_PORT} (DEMO_PORT) are in use; free them, or choose others: ` +
        `PORT=${next(PORT)} SIMULATED_ACCOUNT_PORT=${next(SIMULATED_ACCOUNT_PORT)} DEMO_PORT=${next(DEMO_PORT)} npm start`,
    ]);
  });

  it('names a port variable that is not a port', async () => {
    const ended = await run('scripts/start.ts', [], { DEMO_PORT: 'http' });
    expect(ended.code).toBe(1);
    expect(ended.stderr.trim()).toBe('npm start: DEMO_PORT must be a port number from 1 to 65535, not "http"');
  });
});

describe('the temporary secrets file', () => {
  it('exists while the Worker runs, and is gone once it is stopped', async () => {
    const worker = await startWorkerProcess({ secrets: { WISTIA_API_TOKEN: 'a-token' } });
    expect(existsSync(worker.secretsFile!)).toBe(true);
    await worker.stop();
    expect(existsSync(worker.secretsFile!)).toBe(false);
  });

  it('is gone when wrangler exits by itself', async () => {
    const worker = await startWorkerProcess({ secrets: { WISTIA_API_TOKEN: 'a-token' } });
    process.kill(worker.pid, 'SIGINT');
    await worker.exited;
    expect(existsSync(worker.secretsFile!)).toBe(false);
  });

  it('is gone, and wrangler with it, when the process that started it crashes', async () => {
    let started: { secretsFile: string; pid: number } | undefined;
    const ended = await run('test/worker/fixtures/worker-parent.ts', ['crash'], {}, (line) => (started ??= JSON.parse(line)));
    expect(ended.stderr).toContain('the parent crashed');
    expect(ended.code).not.toBe(0);
    expect(started?.secretsFile).toMatch(/wistia-stats-secrets-/);
    expect(existsSync(started!.secretsFile)).toBe(false);
    expect(await gone(started!.pid)).toBe(true);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`is gone, and wrangler with it, when that process gets ${signal}`, async () => {
      let started: { secretsFile: string; pid: number } | undefined;
      let presentWhileRunning = false;
      const ended = await run('test/worker/fixtures/worker-parent.ts', ['wait'], {}, (line, send) => {
        started = JSON.parse(line);
        presentWhileRunning = existsSync(started!.secretsFile);
        send(signal);
      });
      expect(presentWhileRunning).toBe(true);
      expect(ended.code).toBe(128 + (signal === 'SIGTERM' ? 15 : 2));
      expect(existsSync(started!.secretsFile)).toBe(false);
      expect(await gone(started!.pid)).toBe(true);
    });
  }
});
