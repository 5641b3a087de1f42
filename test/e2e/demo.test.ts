/**
 * The demo pages as a visitor meets them, on a phone and on a desktop, in headless Chromium
 * under `npm start`: no sideways scrolling, no accessibility violation axe-core can find (code
 * blocks reachable by keyboard, headings in order, …), no failed request (the favicon
 * included), stat cards whose values stay on one line, and a playground that makes the
 * element and the snippet asked for, and copies it. And the giveaway, as a visitor plays it:
 * viewers brought in with the button, the milestone crossed, the prize claimed from the
 * Worker, and a rival told that the puppy is taken. (One `npm start` serves them all.)
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN } from '../../demo/simulated-account/catalogue.ts';
import { EVERY_ELEMENT_SHOWN, launchChromium } from '../../scripts/chromium.ts';
import { startDemo, type StartedDemo } from '../../scripts/start-process.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let demo: StartedDemo;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  demo = await startDemo();
  browser = await launchChromium();
  context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
});
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

/** Opens a page at a width and waits until every element on it has its data; what went wrong on the way. */
async function open(url: string, width: number): Promise<{ page: Page; failures: string[] }> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 800 });
  const failures: string[] = [];
  // Every console error, error status or failed request is a failure of the page, as it costs
  // Lighthouse's best-practices score (`npm run lighthouse`).
  page.on('console', (message) => {
    if (message.type() === 'error') failures.push(message.text());
  });
  page.on('response', (response) => response.status() >= 400 && failures.push(`${response.status()} ${response.url()}`));
  page.on('requestfailed', (request) => {
    // A fetch the page itself gave up on is no failure: the heatmap's redirect check (`redirect:
    // 'manual'` is not followed, by design), or a poll the store aborted or timed out.
    const abandoned = request.failure()?.errorText === 'net::ERR_ABORTED' && request.resourceType() === 'fetch';
    if (!abandoned) failures.push(`${request.failure()?.errorText} ${request.url()}`);
  });
  await page.goto(url);
  await page.waitForFunction(EVERY_ELEMENT_SHOWN, undefined, { timeout: 30_000 });
  return { page, failures };
}

/** Runs an expression in the page. A string: this file is typechecked for Node, without the DOM. */
const inPage = <T = unknown>(page: Page, expression: string): Promise<T> => page.evaluate(expression) as Promise<T>;

describe('every demo page', () => {
  for (const width of [360, 390, 1280]) {
    it(`at ${width} px: no sideways scroll, no axe violation, no failed request`, async () => {
      for (const [name, url] of demo.pages) {
        const { page, failures } = await open(url, width);
        const { scrollWidth, clientWidth } = await inPage<{ scrollWidth: number; clientWidth: number }>(
          page,
          '({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })',
        );
        expect(scrollWidth, `${name}: page width`).toBe(clientWidth);
        await page.addScriptTag({ content: AXE });
        const violations = await inPage<string[]>(
          page,
          `axe.run().then(({ violations }) => violations.map((violation) => violation.id + ': ' + violation.nodes.map((node) => node.target.join(' ')).join(', ')))`,
        );
        expect(violations, name).toEqual([]);
        // The favicon is asked for on load; a 404 would show here.
        expect(await inPage(page, `document.querySelector('link[rel="icon"]')?.href`)).toMatch(/purple-cat\.svg$/);
        expect(failures, name).toEqual([]);
        await page.close();
      }
    }, 120_000);
  }

  it('code blocks can be scrolled from the keyboard', async () => {
    for (const [name, url] of demo.pages) {
      const { page } = await open(url, 360);
      const tabIndexes = await inPage<number[]>(page, `[...document.querySelectorAll('pre')].map((pre) => pre.tabIndex)`);
      expect(
        tabIndexes.every((tabIndex) => tabIndex === 0),
        name,
      ).toBe(true);
      await page.close();
    }
  }, 60_000);
});

describe('the stat cards', () => {
  for (const width of [390, 768, 1280]) {
    it(`keep each value on one line, inside its card, at ${width} px`, async () => {
      const { page } = await open(demo.demoUrl, width);
      const cards = await inPage<Array<{ text: string; lines: number; inside: boolean }>>(
        page,
        `[...document.querySelectorAll('.card')].map((card) => {
          const value = [...card.children].find((child) => child.shadowRoot).shadowRoot.querySelector('[part="value"]');
          return { text: value.textContent, lines: value.getClientRects().length, inside: value.getBoundingClientRect().right <= card.getBoundingClientRect().right };
        })`,
      );
      expect(cards.some((card) => / hours$/.test(card.text))).toBe(true);
      expect(cards.filter((card) => card.lines !== 1 || !card.inside)).toEqual([]);
      await page.close();
    }, 60_000);
  }
});

describe('the playground', () => {
  it('offers every element of the manifest but the provider', async () => {
    const { page } = await open(demo.playgroundUrl, 1280);
    const offered = await page.locator('#element option').allTextContents();
    expect(offered).toContain('<wistia-engagement>');
    expect(offered).toContain('<wistia-milestone>');
    expect(offered).not.toContain('<wistia-stats>');
    await page.close();
  }, 60_000);

  it('shows the element, id and theme chosen, live, and copies the snippet that makes it', async () => {
    const { page } = await open(demo.playgroundUrl, 390);
    await page.getByLabel('Element').selectOption('wistia-engagement');
    await page.getByLabel('Theme').selectOption({ label: 'Playful' });
    await page.getByLabel('media-id').fill(KNOWN.otherMediaId);
    await page.getByLabel('bars').fill('24');

    const live = page.locator(`#preview wistia-engagement[media-id="${KNOWN.otherMediaId}"][bars="24"]`);
    await live.locator('[part~="graph"]').waitFor();
    expect(await live.locator('rect[part~="bar"]').count()).toBe(24);
    expect(await page.locator('#preview').getAttribute('class')).toContain('theme-playful');

    const snippet = await page.locator('#code').textContent();
    expect(snippet).toContain('/wistia-stats.js"></script>');
    expect(snippet).toContain(`<wistia-engagement media-id="${KNOWN.otherMediaId}" bars="24"></wistia-engagement>`);
    expect(snippet).toContain('--wistia-engagement-rewatch-color: #ff5fa2;');
    // Only what the element reads: the theme's number colour is not the graph's.
    expect(snippet).toContain('--wistia-font-family:');
    expect(snippet).not.toContain('--wistia-value-color');
    // The theme's colours come with the background they were chosen for.
    expect(snippet).toMatch(/background: linear-gradient\(135deg, (#2d0b4e|rgb\(45, 11, 78\))/);

    await page.getByRole('button', { name: 'Copy the snippet' }).click();
    await page.getByRole('status').filter({ hasText: 'Copied.' }).waitFor();
    expect(await inPage(page, 'navigator.clipboard.readText()')).toBe(snippet);
    await page.close();
  }, 60_000);

  it('opens every element on something to see, never on an error', async () => {
    const { page } = await open(demo.playgroundUrl, 1280);
    const tags = await page
      .locator('#element option')
      .evaluateAll((options) => options.map((option) => option.getAttribute('value') ?? ''));
    const settled = ['value', 'graph', 'frame', 'progress', 'list', 'chart', 'empty', 'error']
      .map((name) => `[part~="${name}"]`)
      .join(', ');
    for (const tag of tags) {
      await page.getByLabel('Element').selectOption(tag);
      const live = page.locator(`#preview ${tag}`);
      await live.locator(settled).first().waitFor();
      expect(await live.locator('[part~="error"]').allTextContents(), tag).toEqual([]);
    }
    await page.close();
  }, 60_000);

  it('starts each element afresh: an id typed for one never clashes with another’s', async () => {
    const { page } = await open(demo.playgroundUrl, 1280);
    await page.getByLabel('Element').selectOption('wistia-recommendations');
    await page.getByLabel('project-id').fill(KNOWN.projectId);
    await page.getByLabel('Element').selectOption('wistia-play-count');
    await page.locator('#preview wistia-play-count [part~="value"]').waitFor();
    expect(await page.locator('#code').textContent()).not.toContain('project-id');
    await page.close();
  }, 60_000);

  it('quotes what is typed into the snippet, never into the page', async () => {
    const { page } = await open(demo.playgroundUrl, 1280);
    await page.getByLabel('Content').fill('<img src=x onerror=alert(1)> "plays"');
    expect(await page.locator('#code').textContent()).toContain('>&lt;img src=x onerror=alert(1)> "plays"</wistia-play-count>');
    expect(await page.locator('#preview img').count()).toBe(0);
    await page.close();
  }, 60_000);
});

// Last: the giveaway grows the simulated account's counts (each load sets a fresh threshold).
describe('the giveaway demo', () => {
  it('crosses the milestone, wins the claim, and turns the rival away', async () => {
    const page = await context.newPage();
    await page.goto(demo.giveawayUrl);
    await page.locator('#log li', { hasText: 'New giveaway' }).waitFor();
    await page.locator('wistia-milestone [role="progressbar"]').waitFor();
    const bump = page.getByRole('button', { name: 'Bring 5 more viewers' });
    for (let i = 0; i < 6; i++) await bump.click();
    await page.locator('p[slot="won"]').waitFor({ state: 'visible', timeout: 20_000 });
    const log = () => page.locator('#log').innerText();
    expect(await log()).toContain('wistia-milestone:');
    expect(await log()).toContain('wistia-milestone-claim: won = true');
    expect(await page.locator('p[slot="missed"]').isVisible()).toBe(false);

    await page.getByRole('button', { name: /A rival claims first/ }).click();
    await page.locator('#log li', { hasText: 'The rival claimed: won = false' }).waitFor();

    // The owner's list, with the token npm start printed for this run: the page's win, with its receipt.
    expect(demo.adminToken, 'npm start printed no ADMIN_TOKEN').toMatch(/^[0-9a-f]{24}$/);
    const asOwner = { headers: { Authorization: `Bearer ${demo.adminToken}` } };
    const winners = (await (await fetch(`${demo.workerUrl}/v1/milestones/winners.json`, asOwner)).json()) as Array<{ receipt?: string }>;
    expect(winners.length).toBeGreaterThanOrEqual(1);
    for (const winner of winners) expect(winner.receipt).toMatch(/\S{16,}/);
    expect((await fetch(`${demo.workerUrl}/v1/milestones/winners.json`)).status, 'without the token').toBe(401);
    await page.close();
  }, 60_000);
});
