/**
 * `npm run screenshot`: the README's picture of the demo, taken in headless Chromium
 * (Debian's /usr/bin/chromium, or CHROME_PATH) while `npm start` runs on free ports.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { freePort } from './worker-process.ts';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(ROOT, 'docs/demo.png');

const ports = { PORT: await freePort(), SIMULATED_ACCOUNT_PORT: await freePort(), DEMO_PORT: await freePort() };
console.log('screenshot: starting the demo (npm start)…');
const start = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
  cwd: ROOT,
  env: { ...process.env, ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)])) },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const demoUrl = await new Promise<string>((ready, fail) => {
  let output = '';
  start.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    const match = /Demo on (\S+)/.exec(output);
    if (match) ready(match[1]!);
  });
  start.once('exit', (code) => fail(new Error(`npm start exited (${code}):\n${output}`)));
});

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  console.log(`screenshot: opening ${demoUrl}`);
  await page.goto(demoUrl);
  console.log('screenshot: waiting for every element to show its data…');
  // A string, run in the page: this file is typechecked for Node, without the DOM.
  await page.waitForFunction(
    `[...document.querySelectorAll('wistia-stat, wistia-play-count, wistia-load-count, wistia-visitor-count, wistia-hours-watched, wistia-play-rate, wistia-engagement, wistia-heatmap')]
      .every((element) => element.shadowRoot?.querySelector('[part~="value"], [part~="graph"], [part~="frame"]'))`,
    undefined,
    { timeout: 30_000 },
  );
  await page.waitForTimeout(2_500); // the count-ups finish, the heatmaps load
  await page.screenshot({ path: OUT, fullPage: true });
  console.log(`screenshot: wrote ${OUT}`);
} finally {
  await browser.close();
  start.kill('SIGTERM');
}
