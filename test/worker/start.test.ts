/**
 * The README's quick start: `npm start` runs the simulated account and the Worker, and
 * serves every route it exposes, with no token anywhere on the machine.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN } from '../../demo/simulated-account/data.ts';
import { DIST_DIR } from '../../scripts/size.ts';
import { startDemo, type StartedDemo } from '../../scripts/start-process.ts';
import { ELEMENT_TAGS } from '../element-tags.ts';

let demo: StartedDemo;
let url: string;
let distBefore: string[];

beforeAll(async () => {
  distBefore = listing(DIST_DIR);
  demo = await startDemo();
  url = demo.workerUrl;
});
afterAll(async () => {
  await demo?.stop();
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

  it('serves the demo page with every element, and the Worker serves the drop-in it loads', async () => {
    const page = await (await fetch(demo.demoUrl)).text();
    // The recommendations have a page of their own, watch next.
    for (const tag of ELEMENT_TAGS.filter((each) => each !== 'wistia-recommendations')) expect(page, tag).toContain(`<${tag}`);
    // A module script from any origin: CORS, JavaScript, cached briefly (its name stays the same across releases).
    const dropIn = await fetch(`${url}/wistia-stats.js`, { headers: { Origin: 'https://blog.example' } });
    expect(dropIn.status).toBe(200);
    expect(dropIn.headers.get('content-type')).toMatch(/javascript/);
    expect(dropIn.headers.get('access-control-allow-origin')).toBe('*');
    expect(dropIn.headers.get('cache-control')).toBe('public, max-age=300');
    // Every chunk it loads, named by its content, is cached for good.
    const chunks = [...(await dropIn.text()).matchAll(/(\.\/chunks\/[\w-]+\.js)/g)].map((match) => match[1]!);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      const response = await fetch(new URL(chunk, `${url}/`), { headers: { Origin: 'https://blog.example' } });
      expect(response.status, chunk).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    expect((await fetch(`${url}/_headers`)).status).toBe(404);
  });

  it('builds what it serves in a folder of its own, leaving dist/ as it was', () => {
    // wrangler dev restarts a Worker whose files change: a build of dist/ would otherwise wipe
    // what this one keeps in memory (its rate limits, say), and its own build would restart the
    // Workers other tests run on dist/.
    expect(listing(DIST_DIR)).toEqual(distBefore);
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(await demo.stop()).toBe(0);
  });
});

/** Each file under `folder`, with its size and when it was written. */
function listing(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((file) => {
      const stat = statSync(join(folder, file));
      return `${file} ${stat.size} ${stat.mtimeMs}`;
    });
}
