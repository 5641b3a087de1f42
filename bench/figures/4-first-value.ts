/**
 * 4. First value: from navigation until every element on the page shows its value (the
 * moment of the frame, `performance.now()`), against a page that does one `fetch` and sets
 * `textContent` for the same numbers. The same warm Worker (its edge holds the answer),
 * alternating runs, each in a new browser context (a first visit: nothing cached), then a
 * second visit in the same context (the drop-in's files cached).
 */
import { MEDIA_IDS } from '../../demo/simulated-account/data.ts';
import { allShown, countedWorker, dropInPage, launch, servePage } from '../lib/browser.ts';
import { median } from '../lib/load.ts';
import { progress, type Figure } from '../lib/report.ts';

const RUNS = 7;
const METRICS = ['play-count', 'load-count', 'visitor-count', 'hours-watched', 'play-rate'];
const TARGET = 1.3;
const TAGS = METRICS.map((metric) => `wistia-${metric}`).join(', ');

/** The same five numbers from one fetch, formatted as the elements format them. */
const handWritten = (door: string, id: string) => `<!doctype html><meta charset="utf-8"><body>
${METRICS.map((metric) => `<p><span class="n" id="${metric}"></span></p>`).join('\n')}
<script type="module">
const stats = await (await fetch('${door}/v1/stats/medias/${id}.json', { cache: 'no-cache' })).json();
const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
document.getElementById('play-count').textContent = number.format(stats.play_count);
document.getElementById('load-count').textContent = number.format(stats.load_count);
document.getElementById('visitor-count').textContent = number.format(stats.visitors);
document.getElementById('hours-watched').textContent = new Intl.NumberFormat(undefined, { style: 'unit', unit: 'hour', unitDisplay: 'long', maximumFractionDigits: 0 }).format(stats.hours_watched);
document.getElementById('play-rate').textContent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(stats.play_rate);
</script>`;

export async function firstValue(): Promise<Figure> {
  const door = await countedWorker();
  const id = MEDIA_IDS[22]!;
  await fetch(`${door.url}/v1/stats/medias/${id}.json`).then((response) => response.arrayBuffer()); // warm the edge
  const ours = await servePage(
    'first-value.html',
    dropInPage(door, METRICS.map((metric) => `<p><wistia-${metric} media-id="${id}"></wistia-${metric}></p>`).join('\n')),
  );
  const plain = await servePage('first-value-baseline.html', handWritten(door.url, id));
  const browser = await launch();

  /**
   * Milliseconds from navigation to the frame where every value shows: a first visit, then a
   * second. The page notes the moment itself (a check each frame, from an init script) and says
   * it on the console: playwright's own polling would compile its injected script on the page's
   * main thread during the wait, which delays a page still working but not one waiting on the network.
   */
  const visit = async (url: string, selector: string): Promise<[number, number]> => {
    const context = await browser.newContext();
    await context.addInitScript(
      `requestAnimationFrame(function check() { if (${allShown(selector, METRICS.length)}) console.log('shown at ' + performance.now()); else requestAnimationFrame(check); });`,
    );
    const page = await context.newPage();
    const times: number[] = [];
    for (let i = 0; i < 2; i++) {
      const shown = page.waitForEvent('console', { predicate: (message) => message.text().startsWith('shown at '), timeout: 30_000 });
      await page.goto(url, { waitUntil: 'commit' });
      times.push(Number((await shown).text().slice('shown at '.length)));
    }
    await context.close();
    return times as [number, number];
  };

  progress(`figure 4: ${RUNS} alternating runs of each page…`);
  await visit(ours, TAGS); // warm up the browser and the Worker's files
  await visit(plain, '.n');
  const first = { ours: [] as number[], plain: [] as number[] };
  const second = { ours: [] as number[], plain: [] as number[] };
  for (let run = 0; run < RUNS; run++) {
    const [oursFirst, oursSecond] = await visit(ours, TAGS);
    const [plainFirst, plainSecond] = await visit(plain, '.n');
    first.ours.push(oursFirst);
    first.plain.push(plainFirst);
    second.ours.push(oursSecond);
    second.plain.push(plainSecond);
  }
  const ratio = median(first.ours) / median(first.plain);
  const ratioSecond = median(second.ours) / median(second.plain);
  const ms = (values: number[]) => `${median(values).toFixed(0)} ms`;
  const list = (values: number[]) => values.map((v) => v.toFixed(0)).join(', ');
  return {
    number: 4,
    name: 'First value (browser)',
    measured: `first visit ${ms(first.ours)}, second ${ms(second.ours)} (median)`,
    baseline: `one fetch + textContent: ${ms(first.plain)}, ${ms(second.plain)}`,
    result: `×${ratio.toFixed(2)} first visit (×${ratioSecond.toFixed(2)} second)`,
    target: `≤ ${TARGET}`,
    met: ratio <= TARGET,
    details: [
      `${METRICS.length} counters (<wistia-${METRICS.join('>, <wistia-')}>) of one media on a page of another origin, the drop-in from the Worker; navigation to the frame where all show a value; ${RUNS} alternating runs, each a new browser context (first visit), then the same page again in it (second visit: the drop-in's files from the browser's cache, the stats revalidated).`,
      `This project, first visits: ${list(first.ours)} ms; second visits: ${list(second.ours)} ms.`,
      `One fetch and textContent, first visits: ${list(first.plain)} ms; second visits: ${list(second.plain)} ms.`,
    ],
  };
}
