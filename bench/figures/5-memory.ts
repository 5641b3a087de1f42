/**
 * 5. Memory: the page's JS heap after forced garbage collection
 * - of a page of 20 counters, each polling every second, at 10 s and after 2,000 completed
 *   polls (the page's clock is Playwright's, run forward a second at a time, so 2,000 polls
 *   take seconds rather than minutes);
 * - before and after adding and removing 1,000 elements 20 times, over 30 shared resources and
 *   over 1,000 distinct ones; and what still reached the Worker after the elements had left.
 */
import type { Page } from 'playwright-core';
import { MEDIA_IDS } from '../../demo/simulated-account/data.ts';
import { allShown, countedWorker, dropInPage, heapAfterGc, launch, servePage, statsRequests } from '../lib/browser.ts';
import { sleep } from '../lib/load.ts';
import { progress, type Figure } from '../lib/report.ts';

const POLLING_ELEMENTS = 20;
const POLLS = 2000;
const ELEMENTS = 1000;
const ROUNDS = 20;
/** Flat: the heap grew by less than this share. */
const FLAT = 1.1;
/**
 * A request already sent when its elements left may still reach the door a moment later (the
 * door runs in this busy process). Before the store aborted, they came 1.5-4.5 s later.
 */
const IN_FLIGHT_MS = 250;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

async function polling(): Promise<{ at10s: number; after: number; polls: number }> {
  const door = await countedWorker();
  const ids = MEDIA_IDS.slice(0, POLLING_ELEMENTS);
  const url = await servePage(
    'memory-polls.html',
    dropInPage(door, ids.map((id) => `<wistia-play-count media-id="${id}" refresh="1"></wistia-play-count>`).join('\n')),
  );
  const context = await (await launch()).newContext();
  await context.clock.install();
  const page = await context.newPage();
  const since = Date.now();
  await page.goto(url);
  await page.waitForFunction(allShown('wistia-play-count', POLLING_ELEMENTS), undefined, { timeout: 30_000 });
  const paths = ids.map((id) => `/v1/stats/medias/${id}.json`);
  const answered = () => statsRequests(door.passed, { since, paths }).length;
  await page.clock.pauseAt(((await page.evaluate('Date.now()')) as number) + 10);

  /** One second of the page's time; then until its polls are answered (or a real second has passed). */
  const second = async () => {
    const before = answered();
    await page.clock.runFor(1000);
    const until = Date.now() + 1000;
    while (answered() < before + POLLING_ELEMENTS && Date.now() < until) await sleep(5);
    await sleep(5); // the page reads the answers and sets its next timers
  };
  for (let s = 0; s < 10; s++) await second();
  const at10s = await heapAfterGc(page);
  const start = answered();
  let seconds = 0;
  while (answered() - start < POLLS && seconds++ < 3 * (POLLS / POLLING_ELEMENTS)) {
    await second();
    if (seconds % 25 === 0) progress(`figure 5: ${answered() - start} polls answered…`);
  }
  const after = await heapAfterGc(page);
  const polls = answered() - start;
  await context.close();
  return { at10s, after, polls };
}

/**
 * Each request holds its timeout signal (src/core/client.ts, 10 s) until it runs out, aborted
 * or not: the heap is read once they have, after round 1 and after the last round.
 */
const SETTLE_MS = 11_000;

interface Churn {
  before: number;
  afterFirst: number;
  after: number;
  /** Requests that reached the Worker later than IN_FLIGHT_MS after their elements had left. */
  late: number;
  /** Requests that reached the Worker in all. */
  reached: number;
}

async function churn(name: string, ids: string[]): Promise<Churn> {
  const door = await countedWorker();
  const url = await servePage(
    `memory-${name}.html`,
    dropInPage(
      door,
      `<wistia-play-count media-id="${MEDIA_IDS[0]}"></wistia-play-count><div id="box"></div>
<script>
  window.add = (ids) => {
    const all = document.createDocumentFragment();
    for (let i = 0; i < ${ELEMENTS}; i++) {
      const element = document.createElement('wistia-play-count');
      element.setAttribute('media-id', ids[i % ids.length]);
      all.append(element);
    }
    document.getElementById('box').append(all);
  };
  window.removeAll = () => document.getElementById('box').replaceChildren();
  window.frames2 = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
</script>`,
    ),
  );
  const context = await (await launch()).newContext();
  const page: Page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(allShown('wistia-play-count', 1), undefined, { timeout: 30_000 });
  const paths = ids.map((id) => `/v1/stats/medias/${id}.json`);
  const since = Date.now();
  const before = await heapAfterGc(page);
  let afterFirst = 0;
  let late = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    await page.evaluate(`add(${JSON.stringify(ids)})`);
    await page.evaluate('frames2()'); // the elements upgrade, subscribe and ask
    await sleep(50);
    await page.evaluate('removeAll()');
    const removedAt = Date.now();
    await sleep(round === 1 || round === ROUNDS ? SETTLE_MS : 300);
    late += statsRequests(door.passed, { since: removedAt + IN_FLIGHT_MS, paths }).length;
    if (round === 1) afterFirst = await heapAfterGc(page);
  }
  const after = await heapAfterGc(page);
  const reached = statsRequests(door.passed, { since, paths }).length;
  await context.close();
  return { before, afterFirst, after, late, reached };
}

export async function memory(): Promise<Figure> {
  progress(`figure 5: ${POLLING_ELEMENTS} polling counters, ${POLLS} polls on the page's clock…`);
  const polls = await polling();
  progress(
    `figure 5: adding and removing ${ELEMENTS} elements ${ROUNDS} times, over ${MEDIA_IDS.length} shared resources and over ${ELEMENTS} distinct ones (two pages at once)…`,
  );
  const [shared, distinct] = await Promise.all([
    churn('shared', [...MEDIA_IDS]),
    churn(
      'distinct',
      Array.from({ length: ELEMENTS }, (_, i) => `gone${i}x${process.pid}`),
    ),
  ]);

  const pollRatio = polls.after / polls.at10s;
  const sharedRatio = shared.after / shared.afterFirst;
  const distinctRatio = distinct.after / distinct.afterFirst;
  const late = shared.late + distinct.late;
  return {
    number: 5,
    name: 'Memory (browser heap after GC)',
    measured: `polls ${kb(polls.at10s)} → ${kb(polls.after)}; churn shared ${kb(shared.afterFirst)} → ${kb(shared.after)}, distinct ${kb(distinct.afterFirst)} → ${kb(distinct.after)}; ${late} late requests`,
    baseline: `the same page at 10 s / after round 1`,
    result: `×${pollRatio.toFixed(2)}, ×${sharedRatio.toFixed(2)}, ×${distinctRatio.toFixed(2)}; ${late} late requests`,
    target: `flat (each ≤ ×${FLAT}); 0 requests after removal`,
    met: pollRatio <= FLAT && sharedRatio <= FLAT && distinctRatio <= FLAT && late === 0 && polls.polls >= POLLS,
    details: [
      `${POLLING_ELEMENTS} <wistia-play-count refresh="1"> of ${POLLING_ELEMENTS} medias: heap ${kb(polls.at10s)} at 10 s, ${kb(polls.after)} after ${polls.polls} more completed polls (×${pollRatio.toFixed(2)}).`,
      `${ELEMENTS} elements added, shown for two frames and 50 ms, and removed, ${ROUNDS} times, over ${MEDIA_IDS.length} shared medias: heap ${kb(shared.before)} before, ${kb(shared.afterFirst)} after round 1, ${kb(shared.after)} after round ${ROUNDS} (×${sharedRatio.toFixed(2)}; each read ${SETTLE_MS / 1000} s after the round, when the requests' timeout signals have run out); ${shared.reached} requests reached the Worker, ${shared.late} more than ${IN_FLIGHT_MS} ms after their elements left.`,
      `The same over ${ELEMENTS} distinct (unknown) media ids: heap ${kb(distinct.before)} before, ${kb(distinct.afterFirst)} after round 1, ${kb(distinct.after)} after round ${ROUNDS} (×${distinctRatio.toFixed(2)}); ${distinct.reached} requests reached the Worker, ${distinct.late} more than ${IN_FLIGHT_MS} ms after their elements left (the store aborts a resource's request when its last element leaves; Chromium then never sends the ones still queued).`,
    ],
  };
}
