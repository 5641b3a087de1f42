/**
 * `npm run screenshot`: the README's pictures of the demo, the giveaway and watch next, taken in headless Chromium
 * (Debian's /usr/bin/chromium, or CHROME_PATH) while `npm start` runs, on its own ports where they are free.
 */
import { resolve } from 'node:path';
import { EVERY_ELEMENT_SHOWN, launchChromium } from './chromium.ts';
import { startDemo } from './start-process.ts';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(ROOT, 'docs/demo.png');
const GIVEAWAY = resolve(ROOT, 'docs/giveaway.png');
const WATCH_NEXT = resolve(ROOT, 'docs/watch-next.png');

console.log('screenshot: starting the demo (npm start)…');
const demo = await startDemo({ defaultPorts: true });
const demoUrl = demo.demoUrl;
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  console.log(`screenshot: opening ${demoUrl}`);
  await page.goto(demoUrl);
  console.log('screenshot: waiting for every element to show its data…');
  await page.waitForFunction(EVERY_ELEMENT_SHOWN, undefined, { timeout: 30_000 });
  // The heatmaps' frames load lazily, as they near the viewport: show the whole page at once.
  await page.setViewportSize({ width: 1280, height: await page.evaluate<number>('document.documentElement.scrollHeight') });
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

  console.log('screenshot: watch next — a known viewer, a video picked and finished…');
  await page.setViewportSize({ width: 1100, height: 800 });
  await page.goto(demo.watchNextUrl);
  await page.waitForFunction(EVERY_ELEMENT_SHOWN, undefined, { timeout: 30_000 });
  await page.locator('#unwatched').locator('[part~="card"]').first().click();
  await page.getByRole('button', { name: 'Watch it to the end' }).click();
  await page.locator('#log li', { hasText: 'to the end' }).waitFor();
  await page.waitForTimeout(1_000);
  await page.screenshot({ path: WATCH_NEXT, fullPage: true });
  console.log(`screenshot: wrote ${WATCH_NEXT}`);
} finally {
  await browser.close();
  await demo.stop();
}
