// Element tests in real headless Chromium (Debian's /usr/bin/chromium), against the real
// Worker in workerd and the simulated account, started by scripts/test-env.ts.
// LIT_DEV=1 runs them on Lit's development build, which warns about misuse; the tests fail on any warning.
import { spawn } from 'node:child_process';
import stream from 'node:stream';
import { build } from 'vite';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { readdirSync, readFileSync } from 'node:fs';

/** The same binary and flags as the e2e tests, the screenshots and the bench (scripts/chromium.ts). */
const chromium = JSON.parse(readFileSync(new URL('./scripts/chromium.json', import.meta.url), 'utf8'));

const env = spawn(process.execPath, ['--import', 'tsx', 'scripts/test-env.ts'], { stdio: ['pipe', 'pipe', 'inherit'] });
process.on('exit', () => env.kill('SIGTERM'));
const urls = await new Promise((resolve, reject) => {
  let output = '';
  env.stdout.on('data', (chunk) => {
    output += chunk;
    const line = output.split('\n').find((l) => l.startsWith('{'));
    if (line) resolve(JSON.parse(line));
  });
  env.once('exit', (code) => reject(new Error(`scripts/test-env.ts exited (${code}): ${output}`)));
});

/**
 * Answers a well-behaved Worker never gives, for the elements' handling of them:
 * `/__fake/<how>/<any Worker path>`.
 */
const litDev = process.env.LIT_DEV === '1';
const busyOnce = new Set();
const staleOnce = new Map();
const misbehaving = {
  // Headers, the start of a body, then nothing: only a timeout ends it.
  endless: (context) => {
    context.status = 200;
    context.type = 'json';
    context.body = new stream.PassThrough();
    context.body.write('{"play_count": 1');
  },
  // "Not modified" to a request that had nothing to revalidate.
  'not-modified': (context) => {
    context.status = 304;
  },
  // A million points, as a very long video could have.
  'engagement-huge': (context) => {
    const points = Array.from({ length: 1_000_000 }, (_, i) => 1000 - (i % 1000));
    context.type = 'json';
    context.body = JSON.stringify({ engagement: 0.5, engagement_data: points, rewatch_data: points });
  },
  // A claim the Worker is too busy for, the first time each path is asked.
  'busy-once': (context) => {
    const first = !busyOnce.has(context.path);
    busyOnce.add(context.path);
    context.type = 'json';
    if (first) {
      context.status = 503;
      context.set('Retry-After', '1');
      context.body = JSON.stringify({ error: { code: 'upstream_unavailable', message: 'Busy; try again in a second.' } });
    } else {
      context.body = JSON.stringify({ won: true, receipt: 'r-1' });
    }
  },
  // A media with 50 visitors, whose milestone claims win only for the visitor key viewer123.
  claims: async (context) => {
    context.type = 'json';
    if (context.method !== 'POST') {
      context.body = JSON.stringify({
        load_count: 60,
        play_count: 55,
        play_rate: 0.9,
        hours_watched: 1,
        engagement: 0.5,
        visitors: 50,
        actions: [],
      });
      return;
    }
    let body = '';
    for await (const chunk of context.req) body += chunk;
    const claim = JSON.parse(body);
    context.body = JSON.stringify({
      ...claim,
      visitor_key: undefined,
      won: claim.visitor_key === 'viewer123',
      ...(claim.visitor_key === 'viewer123' && { receipt: 'r-viewer' }),
    });
  },
  // The Worker's outdated copy (X-Stats-Stale: 1) the first time each path is asked, then a
  // fresh answer; the count of requests is in the answer, for the test to see which it shows.
  'stale-once': (context) => {
    const asked = (staleOnce.get(context.path) ?? 0) + 1;
    staleOnce.set(context.path, asked);
    context.type = 'json';
    if (asked === 1) context.set('X-Stats-Stale', '1');
    context.set('ETag', asked === 1 ? '"1-stale"' : `"${asked}"`);
    context.body = JSON.stringify({
      load_count: 100,
      play_count: asked === 1 ? 40 : 41,
      play_rate: 0.4,
      hours_watched: 1,
      engagement: 0.5,
      visitors: 30,
      actions: [],
    });
  },
  // Days from start_date to end_date: nothing in the first half, then 1, 2, 3 … (a trend rising from none).
  'by-date-from-nothing': (context) => {
    const [start, end] = ['start_date', 'end_date'].map((name) => Date.parse(`${context.query[name]}T00:00:00Z`));
    const count = Math.round((end - start) / 86_400_000) + 1;
    context.type = 'json';
    context.body = JSON.stringify(
      Array.from({ length: count }, (_, i) => {
        const value = i < count / 2 ? 0 : i + 1 - count / 2;
        return {
          date: new Date(start + i * 86_400_000).toISOString().slice(0, 10),
          load_count: value,
          play_count: value,
          hours_watched: value,
        };
      }),
    );
  },
  // More rewatch points than views: the extra ones belong to no moment of the graph.
  'engagement-long-rewatch': (context) => {
    context.type = 'json';
    context.body = JSON.stringify({ engagement: 0.5, engagement_data: [10, 9, 8, 7, 6, 5, 4, 3, 2, 1], rewatch_data: Array(20).fill(50) });
  },
};

/**
 * React (CommonJS only) and Vue with its template compiler, bundled once into one ES module for
 * the framework tests, when they first ask (the LIT_DEV run has none).
 */
let frameworksBuilt;
const frameworksBuild = () =>
  (frameworksBuilt ??= build({
    configFile: false,
    logLevel: 'warn',
    define: {
      'process.env.NODE_ENV': '"production"',
      __VUE_OPTIONS_API__: 'true',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    resolve: { alias: { vue: 'vue/dist/vue.esm-bundler.js' } },
    build: {
      write: false,
      lib: { entry: new URL('./test/elements/frameworks.ts', import.meta.url).pathname, formats: ['es'], fileName: () => 'frameworks.js' },
    },
  }).then(([output]) => output.output[0].code));

/** Serves the test world's URLs, and Wistia's own answers (asked with the token, on the Node side). */
const testEnvPlugin = {
  name: 'wistia-test-env',
  async serve(context) {
    if (context.path === '/__test-env.json') {
      return {
        body: JSON.stringify({
          worker: urls.worker,
          misconfigured: urls.misconfigured,
          account: urls.account,
          litDev,
          // The pinned drop-in as `npm test` built it just before (vite.config.ts).
          pinned: readdirSync('dist').find((name) => /^wistia-stats-.+\.js$/.test(name)) ?? null,
        }),
        type: 'json',
      };
    }
    if (context.path === '/__frameworks.js') return { body: await frameworksBuild(), type: 'js' };
    // A stats service that never answers, for the store's request timeout.
    if (context.path.startsWith('/__silent/')) return new Promise(() => {});

    if (context.path.startsWith('/__wistia/')) {
      const response = await fetch(`${urls.account}${context.url.slice('/__wistia'.length)}`, {
        headers: { Authorization: `Bearer ${urls.token}` },
      });
      return { body: await response.text(), type: 'json' };
    }
  },
};

/**
 * `executeServerCommand('embedded-frame', {url})`: what the frame showing `url` shows, read
 * through the browser's own tools, since a page of another origin may not read it (embed.test.ts).
 */
const embeddedFramePlugin = {
  name: 'embedded-frame',
  async executeCommand({ command, payload, session }) {
    if (command !== 'embedded-frame') return undefined;
    const frame = session.browser
      .getPage(session.id)
      .frames()
      .find((candidate) => candidate.url() === payload.url);
    // `false`, not null: a command answered with null counts as not handled.
    if (!frame) return false;
    return frame.evaluate(() => {
      const element = document.body.firstElementChild;
      const box = document.body.getBoundingClientRect();
      return {
        defined: Boolean(element && customElements.get(element.localName)),
        value: element?.shadowRoot?.querySelector('[part~="value"]')?.textContent ?? null,
        label: element?.textContent ?? '',
        backgrounds: [document.documentElement, document.body].map((node) => getComputedStyle(node).backgroundColor),
        size: { width: box.width, height: box.height },
      };
    });
  },
};

/** Koa middleware: `/__fake/<how>/…` answers as `misbehaving[how]` says. */
async function misbehavingWorker(context, next) {
  const how = /^\/__fake\/([a-z-]+)\//.exec(context.path)?.[1];
  if (!how || !misbehaving[how]) return next();
  context.set('Cache-Control', 'no-store');
  await misbehaving[how](context);
}

export default {
  // The dev-mode run is of the source-level suites; the built bundle is production by nature.
  files: litDev
    ? 'test/elements/{stat,engagement,heatmap,milestone,lifecycle,readable-errors,trend,recommendations,actions}.test.ts'
    : 'test/elements/**/*.test.ts',
  // One page at a time: the suites share the simulated account, and some grow its counts.
  concurrency: 1,
  nodeResolve: { exportConditions: [litDev ? 'development' : 'production'] },
  middleware: [misbehavingWorker],
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: new URL('./tsconfig.json', import.meta.url).pathname, target: 'auto' }),
    testEnvPlugin,
    embeddedFramePlugin,
  ],
  testFramework: { config: { timeout: 20_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? chromium.path,
        headless: true,
        args: chromium.args,
      },
    }),
  ],
};
