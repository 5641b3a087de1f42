/**
 * The README's quick start: `npm start` runs the simulated account and the Worker, and
 * serves every route it exposes, with no token anywhere on the machine.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN } from '../../demo/simulated-account/data.ts';
import { freePort } from '../../scripts/worker-process.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let url: string;
let demoUrl: string;
let stop: () => Promise<number | null>;

beforeAll(async () => {
  const [workerPort, accountPort] = [await freePort(), await freePort()];
  demoUrl = `http://127.0.0.1:${await freePort()}/demo/`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(workerPort), SIMULATED_ACCOUNT_PORT: String(accountPort), DEMO_PORT: new URL(demoUrl).port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((done) => child.once('exit', done));
  stop = () => {
    child.kill('SIGTERM');
    return exited;
  };
  let output = '';
  await new Promise<void>((ready, fail) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Demo on')) ready();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => fail(new Error(output)));
  });
  url = `http://127.0.0.1:${workerPort}`;
});
afterAll(async () => {
  await stop?.();
});

describe('npm start', () => {
  const routes = [
    '/v1/stats/account.json',
    `/v1/stats/projects/${KNOWN.projectId}.json`,
    `/v1/stats/medias/${KNOWN.mediaId}.json`,
    `/v1/stats/medias/${KNOWN.mediaId}/engagement`,
    '/v1/stats/visitors.json?per_page=3',
    `/v1/stats/visitors/${KNOWN.visitorKey}.json`,
    '/v1/stats/events.json?per_page=3',
    `/v1/stats/events/${KNOWN.eventKey}.json`,
  ];
  for (const path of routes) {
    it(`serves ${path} from the simulated account`, async () => {
      const response = await fetch(`${url}${path}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toBeTypeOf('object');
    });
  }

  it('serves the heatmap iframe', async () => {
    const response = await fetch(`${url}/v1/stats/events/${KNOWN.eventKey}/iframe.html`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<svg');
  });

  it('serves the demo page with every element, and the elements’ source', async () => {
    const page = await (await fetch(demoUrl)).text();
    for (const tag of ['wistia-stats', 'wistia-stat', 'wistia-play-count', 'wistia-load-count', 'wistia-visitor-count', 'wistia-hours-watched', 'wistia-play-rate', 'wistia-engagement', 'wistia-heatmap']) {
      expect(page, tag).toContain(`<${tag}`);
    }
    const elements = await fetch(new URL('/src/index.ts', demoUrl));
    expect(elements.status).toBe(200);
    expect(await elements.text()).toContain('wistia-engagement');
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(await stop()).toBe(0);
  });
});
