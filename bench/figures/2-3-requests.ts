/**
 * 2. Requests per poll: a page of another origin with one counter polling every 2 s, for 30 s:
 * GETs and OPTIONS (preflights) reaching the Worker per poll the page makes, and bytes per
 * poll. Baseline: a hand-written poll on the same page origin that revalidates with
 * `If-None-Match`, the usual way to poll conditionally.
 * 3. Fan-in: a page of 50 elements over 5 medias, refreshing every 2 s: requests for the first
 * render and per refresh cycle. Baseline: 50 hand-written widgets, each fetching for itself.
 * The four pages run at once, each on resources of its own.
 */
import type { Page, Request } from 'playwright-core';
import { MEDIA_IDS } from '../../demo/simulated-account/data.ts';
import { allShown, countedWorker, dropInPage, launch, servePage, statsRequests } from '../lib/browser.ts';
import { sleep } from '../lib/load.ts';
import { progress, type Figure } from '../lib/report.ts';

const POLL_SECONDS = 2;
const WINDOW_SECONDS = 30;
const ELEMENTS = 50;
const FAN_MEDIAS = 5;
const CYCLES = 3;

const path = (id: string) => `/v1/stats/medias/${id}.json`;

/** A widget written by hand: fetch, show, again in 2 s; `conditional` revalidates with If-None-Match. */
const handWritten = (door: string, ids: string[], conditional: boolean) => `<!doctype html><meta charset="utf-8"><body>
${ids.map((_, i) => `<span class="n" id="n${i}"></span>`).join('\n')}
<script type="module">
const ids = ${JSON.stringify(ids)};
ids.forEach((id, i) => {
  let etag = null;
  const poll = async () => {
    try {
      const response = await fetch('${door}/v1/stats/medias/' + id + '.json', ${conditional ? "etag ? { headers: { 'If-None-Match': etag } } : {}" : "{ cache: 'no-cache' }"});
      if (response.status === 200) {
        etag = response.headers.get('ETag');
        document.getElementById('n' + i).textContent = (await response.json()).play_count.toLocaleString();
      }
    } catch {}
    setTimeout(poll, ${POLL_SECONDS * 1000});
  };
  poll();
});
</script>`;

interface Watched {
  page: Page;
  /** When the page itself asked for stats (each of its polls). */
  asked: number[];
}

async function open(url: string): Promise<Watched> {
  const context = await (await launch()).newContext();
  const page = await context.newPage();
  const asked: number[] = [];
  page.on('request', (request: Request) => {
    if (request.url().includes('/v1/stats/')) asked.push(Date.now());
  });
  await page.goto(url);
  return { page, asked };
}

export async function requestsPerPage(): Promise<Figure[]> {
  const door = await countedWorker();
  const pollId = MEDIA_IDS[10]!;
  const baselinePollId = MEDIA_IDS[11]!;
  const fanIds = MEDIA_IDS.slice(12, 12 + FAN_MEDIAS);
  const baselineFanIds = MEDIA_IDS.slice(17, 17 + FAN_MEDIAS);

  const pages = {
    poll: await servePage(
      'poll.html',
      dropInPage(door, `<wistia-play-count media-id="${pollId}" refresh="${POLL_SECONDS}"></wistia-play-count>`),
    ),
    pollBaseline: await servePage('poll-baseline.html', handWritten(door.url, [baselinePollId], true)),
    fan: await servePage(
      'fan.html',
      dropInPage(
        door,
        Array.from(
          { length: ELEMENTS },
          (_, i) => `<wistia-play-count media-id="${fanIds[i % FAN_MEDIAS]}" refresh="${POLL_SECONDS}"></wistia-play-count>`,
        ).join('\n'),
      ),
    ),
    fanBaseline: await servePage(
      'fan-baseline.html',
      handWritten(
        door.url,
        Array.from({ length: ELEMENTS }, (_, i) => baselineFanIds[i % FAN_MEDIAS]!),
        false,
      ),
    ),
  };

  progress(`figures 2 and 3: four pages of another origin in Chromium; polling for ${WINDOW_SECONDS} s…`);
  const loadedAt = Date.now();
  const [poll, pollBaseline, fan, fanBaseline] = (await Promise.all(Object.values(pages).map(open))) as [
    Watched,
    Watched,
    Watched,
    Watched,
  ];
  await Promise.all([
    poll.page.waitForFunction(allShown('wistia-play-count', 1), undefined, { timeout: 30_000 }),
    pollBaseline.page.waitForFunction(allShown('.n', 1), undefined, { timeout: 30_000 }),
  ]);
  const pollStart = Date.now();

  // Figure 3 inside figure 2's window: first render, then CYCLES refresh cycles.
  const fanShown = await Promise.all(
    [
      fan.page.waitForFunction(allShown('wistia-play-count', ELEMENTS), undefined, { timeout: 30_000 }),
      fanBaseline.page.waitForFunction(allShown('.n', ELEMENTS), undefined, { timeout: 30_000 }),
    ].map((shown) => shown.then(() => Date.now())),
  );
  const shownAt = Math.max(...fanShown) + 300; // a moment for stragglers of the first render
  await sleep(shownAt - Date.now());
  await sleep(CYCLES * POLL_SECONDS * 1000 - 300 + 500);
  const cyclesEnd = Date.now();
  const fanCounts = (ids: string[]) => {
    const asked = statsRequests(door.passed, { since: loadedAt, paths: ids.map(path) });
    return {
      first: asked.filter((r) => r.at < shownAt).length,
      perCycle: asked.filter((r) => r.at >= shownAt && r.at < cyclesEnd).length / CYCLES,
    };
  };
  const ours3 = fanCounts(fanIds);
  const base3 = fanCounts(baselineFanIds);
  await Promise.all([fan.page.context().close(), fanBaseline.page.context().close()]);
  progress(
    `figure 3: ${ours3.first} requests for the first render, ${ours3.perCycle.toFixed(1)} per refresh cycle (hand-written: ${base3.first}, ${base3.perCycle.toFixed(1)})`,
  );

  await sleep(pollStart + WINDOW_SECONDS * 1000 - Date.now());
  const pollEnd = Date.now();
  const pollCounts = (id: string, watched: Watched) => {
    const reached = statsRequests(door.passed, { since: pollStart, paths: [path(id)] }).filter((r) => r.at < pollEnd);
    const polls = watched.asked.filter((at) => at >= pollStart && at < pollEnd).length;
    const by = (method: string) => reached.filter((r) => r.method === method);
    const statuses = (list: typeof reached) =>
      [...new Set(list.map((r) => r.status))].map((s) => `${list.filter((r) => r.status === s).length} × ${s}`).join(', ');
    return {
      polls,
      gets: by('GET').length,
      options: by('OPTIONS').length,
      perPoll: reached.length / Math.max(1, polls),
      bytesPerPoll: reached.reduce((sum, r) => sum + r.bytes, 0) / Math.max(1, polls),
      statuses: statuses(reached),
    };
  };
  const ours2 = pollCounts(pollId, poll);
  const base2 = pollCounts(baselinePollId, pollBaseline);
  await Promise.all([poll.page.context().close(), pollBaseline.page.context().close()]);

  return [
    {
      number: 2,
      name: 'Requests per poll (browser, another origin)',
      measured: `${ours2.perPoll.toFixed(2)} requests per poll: ${ours2.gets} GET, ${ours2.options} OPTIONS for ${ours2.polls} polls; ${ours2.bytesPerPoll.toFixed(0)} B per poll`,
      baseline: `If-None-Match poll: ${base2.perPoll.toFixed(2)} (${base2.gets} GET, ${base2.options} OPTIONS); ${base2.bytesPerPoll.toFixed(0)} B`,
      result: `${ours2.perPoll.toFixed(2)} request, ${ours2.options} preflights`,
      target: '1 request, 0 preflights',
      met: ours2.gets === ours2.polls && ours2.options === 0 && ours2.polls > 0,
      details: [
        `One <wistia-play-count refresh="${POLL_SECONDS}"> on a page of another origin, drop-in from the Worker, ${WINDOW_SECONDS} s in headless Chromium after its first value: ${ours2.polls} polls; what reached the Worker: ${ours2.statuses || 'nothing'}; ${ours2.bytesPerPoll.toFixed(0)} bytes per poll from the Worker (status line, headers, body; preflights included).`,
        `Baseline, the same page origin polling by hand with \`fetch\` and \`If-None-Match\`: ${base2.polls} polls; reached the Worker: ${base2.statuses}; ${base2.bytesPerPoll.toFixed(0)} bytes per poll. Its custom header makes each poll a non-simple request, preceded by a preflight.`,
      ],
    },
    {
      number: 3,
      name: 'Fan-in (50 elements, 5 medias)',
      measured: `${ours3.first} first render, ${ours3.perCycle.toFixed(1)} per refresh`,
      baseline: `50 hand-written widgets: ${base3.first} and ${base3.perCycle.toFixed(1)}`,
      result: `${ours3.first} and ${ours3.perCycle.toFixed(1)}`,
      target: `${FAN_MEDIAS} and ${FAN_MEDIAS}`,
      met: ours3.first === FAN_MEDIAS && ours3.perCycle === FAN_MEDIAS,
      details: [
        `${ELEMENTS} <wistia-play-count refresh="${POLL_SECONDS}"> over ${FAN_MEDIAS} medias: stats requests reaching the Worker until all ${ELEMENTS} showed a value, then over ${CYCLES} refresh cycles.`,
        `Baseline: ${ELEMENTS} widgets written by hand, each fetching its own media (\`cache: 'no-cache'\`) every ${POLL_SECONDS} s.`,
      ],
    },
  ];
}
