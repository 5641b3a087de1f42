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
import { median, sleep } from '../lib/load.ts';
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
  const url = await servePage('memory-polls.html', dropInPage(door, ids.map((id) => `<wistia-play-count media-id="${id}" refresh="1"></wistia-play-count>`).join('\n')));
  const context = await (await launch()).newContext();
  await context.clock.install();
  const page = await context.newPage();
  const since = Date.now();
  await page.goto(url);
  await page.waitForFunction(allShown('wistia-play-count', POLLING_ELEMENTS), undefined, { timeout: 30_000 });
  const paths = ids.map((id) => `/v1/stats/medias/${id}.json`);
  const answered = () => statsRequests(door.passed, { since, paths }).length;
  await page.clock.pauseAt((await page.evaluate('Date.now()')) as number + 10);

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

interface Churn {
  before: number;
  /** Median heap after rounds 2-6, and after the last five rounds: each after its own GC. */
  early: number;
  lateHeap: number;
  /** Requests that reached the Worker later than IN_FLIGHT_MS after their elements had left. */
  late: number;
  /** Requests that reached the Worker in all. */
  reached: number;
}

async function churn(name: string, ids: string[]): Promise<Churn> {
  const door = await countedWorker();
  const url = await servePage(
    `memory-${name}.html`,
    dropInPage(door, `<wistia-play-count media-id="${MEDIA_IDS[0]}"></wistia-play-count><div id="box"></div>
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
</script>`),
  );
  const context = await (await launch()).newContext();
  const page: Page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(allShown('wistia-play-count', 1), undefined, { timeout: 30_000 });
  const paths = ids.map((id) => `/v1/stats/medias/${id}.json`);
  const since = Date.now();
  const before = await heapAfterGc(page);
  const heaps: number[] = [];
  let late = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    await page.evaluate(`add(${JSON.stringify(ids)})`);
    await page.evaluate('frames2()'); // the elements upgrade, subscribe and ask
    await sleep(50);
    await page.evaluate('removeAll()');
    const removedAt = Date.now();
    await sleep(round === ROUNDS ? 2000 : 300);
    late += statsRequests(door.passed, { since: removedAt + IN_FLIGHT_MS, paths }).length;
    heaps.push(await heapAfterGc(page));
  }
  const reached = statsRequests(door.passed, { since, paths }).length;
  await context.close();
  // One sample moves by ±5% from GC to GC (requests' timeout signals live 10 s): medians of five.
  return { before, early: median(heaps.slice(1, 6)), lateHeap: median(heaps.slice(-5)), late, reached };
}

export async function memory(): Promise<Figure> {
  progress(`figure 5: ${POLLING_ELEMENTS} polling counters, ${POLLS} polls on the page's clock…`);
  const polls = await polling();
  progress(`figure 5: adding and removing ${ELEMENTS} elements ${ROUNDS} times over ${MEDIA_IDS.length} shared resources…`);
  const shared = await churn('shared', [...MEDIA_IDS]);
  progress(`figure 5: … and over ${ELEMENTS} distinct resources…`);
  const distinct = await churn('distinct', Array.from({ length: ELEMENTS }, (_, i) => `gone${i}x${process.pid}`));

  const pollRatio = polls.after / polls.at10s;
  const sharedRatio = shared.lateHeap / shared.early;
  const distinctRatio = distinct.lateHeap / distinct.early;
  const late = shared.late + distinct.late;
  return {
    number: 5,
    name: 'Memory (browser heap after GC)',
    measured: `polls ${kb(polls.at10s)} → ${kb(polls.after)}; churn shared ${kb(shared.early)} → ${kb(shared.lateHeap)}, distinct ${kb(distinct.early)} → ${kb(distinct.lateHeap)}; ${late} late requests`,
    baseline: `the same page at 10 s / after rounds 2-6`,
    result: `×${pollRatio.toFixed(2)}, ×${sharedRatio.toFixed(2)}, ×${distinctRatio.toFixed(2)}; ${late} late requests`,
    target: `flat (each ≤ ×${FLAT}); 0 requests after removal`,
    met: pollRatio <= FLAT && sharedRatio <= FLAT && distinctRatio <= FLAT && late === 0 && polls.polls >= POLLS,
    details: [
      `${POLLING_ELEMENTS} <wistia-play-count refresh="1"> of ${POLLING_ELEMENTS} medias: heap ${kb(polls.at10s)} at 10 s, ${kb(polls.after)} after ${polls.polls} more completed polls (×${pollRatio.toFixed(2)}).`,
      `${ELEMENTS} elements added, shown for two frames and 50 ms, and removed, ${ROUNDS} times, over ${MEDIA_IDS.length} shared medias: heap ${kb(shared.before)} before, ${kb(shared.early)} after rounds 2-6, ${kb(shared.lateHeap)} after rounds ${ROUNDS - 4}-${ROUNDS} (medians, ×${sharedRatio.toFixed(2)}); ${shared.reached} requests reached the Worker, ${shared.late} more than ${IN_FLIGHT_MS} ms after their elements left.`,
      `The same over ${ELEMENTS} distinct (unknown) media ids: heap ${kb(distinct.before)} before, ${kb(distinct.early)} after rounds 2-6, ${kb(distinct.lateHeap)} after rounds ${ROUNDS - 4}-${ROUNDS} (medians, ×${distinctRatio.toFixed(2)}); ${distinct.reached} requests reached the Worker, ${distinct.late} more than ${IN_FLIGHT_MS} ms after their elements left (the store aborts a resource's request when its last element leaves; Chromium then never sends the ones still queued).`,
    ],
  };
}
