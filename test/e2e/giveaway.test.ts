/**
 * The giveaway, end to end as a visitor sees it: `npm start`, the giveaway page in headless
 * Chromium, viewers brought in with the button, the milestone crossed, the prize claimed from
 * the Worker, and a rival told that the puppy is taken.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/chromium.ts';
import { startDemo, type StartedDemo } from '../../scripts/start-process.ts';

let demo: StartedDemo;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  demo = await startDemo();
  browser = await launchChromium();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

describe('the giveaway demo', () => {
  it('crosses the milestone, wins the claim, and turns the rival away', async () => {
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
  }, 60_000);
});
