/**
 * Runs `npm start` (scripts/start.ts) as a child process on free ports, for the tests and
 * scripts that need the whole thing a site owner sees: account, Worker and demo.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort, portTaken } from './worker-process.ts';

const ROOT = resolve(import.meta.dirname, '..');

export interface StartedDemo {
  workerUrl: string;
  demoUrl: string;
  giveawayUrl: string;
  playgroundUrl: string;
  watchNextUrl: string;
  /** The owner's token for the giveaway's winners list, made for this run (none on a real account). */
  adminToken: string | undefined;
  /** Every page of the demo, named: what the e2e tests and `npm run lighthouse` go through. */
  pages: ReadonlyArray<readonly [name: string, url: string]>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** Where `npm start` listens unless told otherwise: the URLs the README names. */
export const DEFAULT_PORTS = { PORT: 8787, SIMULATED_ACCOUNT_PORT: 8788, DEMO_PORT: 5173 } as const;

/**
 * `npm start` on free ports, or with `defaultPorts` on npm start's own where they are free (the
 * README's pictures then show the URLs it names).
 */
export async function startDemo({ defaultPorts = false } = {}): Promise<StartedDemo> {
  const port = async (name: keyof typeof DEFAULT_PORTS) =>
    defaultPorts && !(await portTaken(DEFAULT_PORTS[name])) ? DEFAULT_PORTS[name] : freePort();
  const ports = {
    PORT: await port('PORT'),
    SIMULATED_ACCOUNT_PORT: await port('SIMULATED_ACCOUNT_PORT'),
    DEMO_PORT: await port('DEMO_PORT'),
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)])) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((done) => child.once('exit', done));
  let output = '';
  const urls = await new Promise<string[]>((ready, fail) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      // Printed before the last of these: the winners list's token (on the simulated account only).
      const found = ['Worker on', 'Demo on', 'Giveaway on', 'Playground on', 'Watch next on'].map(
        (label) => new RegExp(`${label} (\\S+)`).exec(output)?.[1],
      );
      if (found.every(Boolean)) ready(found as string[]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => fail(new Error(`npm start exited (${code}):\n${output}`)));
  });
  const adminToken = /Authorization: Bearer (\w+)/.exec(output)?.[1];
  const [workerUrl, demoUrl, giveawayUrl, playgroundUrl, watchNextUrl] = urls as [string, string, string, string, string];
  return {
    adminToken,
    workerUrl,
    demoUrl,
    giveawayUrl,
    playgroundUrl,
    watchNextUrl,
    pages: [
      ['the elements', demoUrl],
      ['the giveaway', giveawayUrl],
      ['the playground', playgroundUrl],
      ['watch next', watchNextUrl],
    ],
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
