// Element tests in real headless Chromium (Debian's /usr/bin/chromium), against the real
// Worker in workerd and the simulated account, started by scripts/test-env.ts.
import { spawn } from 'node:child_process';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

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

/** Serves the test world's URLs, and Wistia's own answers (asked with the token, on the Node side). */
const testEnvPlugin = {
  name: 'wistia-test-env',
  async serve(context) {
    if (context.path === '/__test-env.json') return { body: JSON.stringify({ worker: urls.worker, account: urls.account }), type: 'json' };
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

export default {
  files: ['test/elements/**/*.test.ts'],
  nodeResolve: { exportConditions: ['production'] },
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: new URL('./tsconfig.json', import.meta.url).pathname, target: 'auto' }),
    testEnvPlugin,
  ],
  testFramework: { config: { timeout: 20_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-setuid-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
          '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      },
    }),
  ],
};
