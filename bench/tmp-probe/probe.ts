import { MEDIA_IDS } from '../../demo/simulated-account/data.ts';
import { countedWorker, dropInPage, launch, servePage, allShown } from '../lib/browser.ts';
import { stopEverything } from '../lib/stack.ts';
const METRICS = ['play-count', 'load-count', 'visitor-count', 'hours-watched', 'play-rate'];
const door = await countedWorker();
const id = MEDIA_IDS[22]!;
await fetch(`${door.url}/v1/stats/medias/${id}.json`).then((r) => r.arrayBuffer());
const ours = await servePage('p.html', dropInPage(door, METRICS.map((m) => `<p><wistia-${m} media-id="${id}"></wistia-${m}></p>`).join('\n')));
const browser = await launch();
for (let run = 0; run < 4; run++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(ours, { waitUntil: 'commit' });
  const shown = await page.waitForFunction(`${allShown('wistia-play-count, wistia-load-count, wistia-visitor-count, wistia-hours-watched, wistia-play-rate', 5)} && performance.now()`, undefined, { polling: 'raf' });
  const t = await shown.jsonValue();
  const entries = await page.evaluate(() => performance.getEntriesByType('resource').map((e: any) => `${e.name.replace(/.*\//, '').padEnd(30)} start ${e.startTime.toFixed(0).padStart(4)} reqStart ${e.requestStart.toFixed(0).padStart(4)} respStart ${e.responseStart.toFixed(0).padStart(4)} end ${e.responseEnd.toFixed(0).padStart(4)}`));
  const nav = await page.evaluate(() => { const n: any = performance.getEntriesByType('navigation')[0]; return `nav respEnd ${n.responseEnd.toFixed(0)} domInteractive ${n.domInteractive.toFixed(0)}`; });
  console.log(`run ${run}: shown at ${Number(t).toFixed(0)}; ${nav}\n  ${entries.join('\n  ')}`);
  await context.close();
}
await stopEverything();
process.exit(0);
