/**
 * `npm run screenshot`: the README's pictures of the demo and the giveaway, taken in headless Chromium
 * (Debian's /usr/bin/chromium, or CHROME_PATH) while `npm start` runs on free ports.
 */
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startDemo } from './start-process.ts';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(ROOT, 'docs/demo.png');
const GIVEAWAY = resolve(ROOT, 'docs/giveaway.png');

console.log('screenshot: starting the demo (npm start)…');
const demo = await startDemo();
const demoUrl = demo.demoUrl;
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
    `[...document.querySelectorAll('wistia-stat, wistia-play-count, wistia-load-count, wistia-visitor-count, wistia-hours-watched, wistia-play-rate, wistia-engagement, wistia-heatmap, wistia-milestone')]
      .every((element) => element.shadowRoot?.querySelector('[part~="value"], [part~="graph"], [part~="frame"]'))`,
    undefined,
    { timeout: 30_000 },
  );
  await page.waitForTimeout(2_500); // the count-ups finish, the heatmaps load
  await page.screenshot({ path: OUT, fullPage: true });
  console.log(`screenshot: wrote ${OUT}`);

  console.log('screenshot: the giveaway — bringing viewers until the milestone is won…');
  await page.setViewportSize({ width: 1000, height: 700 });
  await page.goto(demo.giveawayUrl);
  await page.locator('#log li', { hasText: 'New giveaway' }).waitFor();
  for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Bring 5 more viewers' }).click();
  await page.locator('p[slot="won"]').waitFor({ state: 'visible', timeout: 20_000 });
  await page.screenshot({ path: GIVEAWAY, fullPage: true });
  console.log(`screenshot: wrote ${GIVEAWAY}`);
} finally {
  await browser.close();
  await demo.stop();
}
