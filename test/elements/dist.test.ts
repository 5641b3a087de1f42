/**
 * docs/architecture.md, "Delivery": what site owners load is the built drop-in, served by the
 * Worker. This page (another origin) loads `<Worker>/wistia-stats.js` and nothing from src/,
 * sets no endpoint anywhere, and checks what a person sees: the text, the sizes, the states.
 * (`npm test` builds the bundle first.)
 */
import { expect, waitUntil } from '@open-wc/testing';
import { KNOWN, MEDIA_IDS } from '../../demo/simulated-account/catalogue.ts';
import type { DayStats, MediaStats, Project } from '../../src/wistia-api.ts';
import { ELEMENT_TAGS } from '../element-tags.ts';
import { testEnv, transparent, utcDay, visibleText, wistia } from './helpers.ts';

const { worker, pinned } = await testEnv();
const problems: string[] = [];
addEventListener('error', (event) => problems.push(String(event.message)));
addEventListener('unhandledrejection', (event) => problems.push(String(event.reason)));

const MILESTONE_THRESHOLD = 4_000;
/** A media with a call to action, as Wistia has it. */
let withCta: { mediaId: string; stats: MediaStats } | undefined;
for (const mediaId of MEDIA_IDS) {
  const stats = await wistia<MediaStats>(`/v1/stats/medias/${mediaId}.json`);
  if (stats.actions.some((action) => action.type === 'Call to Action')) withCta = { mediaId, stats };
  if (withCta) break;
}
/** A media no other element shows. */
const elsewhereId = MEDIA_IDS.find((id) => id !== KNOWN.mediaId && id !== withCta!.mediaId)!;

document.body.insertAdjacentHTML(
  'beforeend',
  `<div id="page" style="width: 480px; font: 16px/1.4 sans-serif">
    <p><wistia-play-count media-id="${KNOWN.mediaId}" locale="en-US">plays</wistia-play-count></p>
    <p><wistia-stat metric="load_count" locale="en-US"></wistia-stat></p>
    <wistia-stats locale="de-DE"><p><wistia-load-count media-id="${KNOWN.mediaId}"></wistia-load-count></p></wistia-stats>
    <p><wistia-visitor-count media-id="${KNOWN.mediaId}"></wistia-visitor-count></p>
    <p><wistia-hours-watched media-id="${KNOWN.mediaId}"></wistia-hours-watched></p>
    <p><wistia-play-rate media-id="${KNOWN.mediaId}"></wistia-play-rate></p>
    <wistia-engagement media-id="${KNOWN.mediaId}" height="80"></wistia-engagement>
    <wistia-milestone media-id="${KNOWN.mediaId}" metric="play_count" threshold="${MILESTONE_THRESHOLD}"></wistia-milestone>
    <wistia-heatmap event-key="${KNOWN.eventKey}"></wistia-heatmap>
    <wistia-trend media-id="${KNOWN.mediaId}" days="14" locale="en-US"></wistia-trend>
    <wistia-recommendations project-id="${KNOWN.projectId}" visitor-key="${KNOWN.bingeVisitorKey}"></wistia-recommendations>
    <p><wistia-stat id="cta" media-id="${withCta!.mediaId}" action="Call to Action" metric="rate"></wistia-stat></p>
    <p><wistia-play-count id="waiting" endpoint="${location.origin}/__silent" media-id="${KNOWN.mediaId}"></wistia-play-count></p>
    <p><wistia-play-count id="elsewhere" media-id="${elsewhereId}"></wistia-play-count></p>
  </div>`,
);
// Set by a script, as a framework would, before the element is defined.
Object.assign(document.querySelector('#elsewhere')!, { endpoint: `${location.origin}/__silent` });
const bundle = `${worker}/wistia-stats.js`;
// Twice, as a CMS may: first under a URL of its own (`?ver=`), which defines the counters, then
// the plain one, which the template families' chunks import: two copies of the entry.
for (const src of [`${bundle}?ver=1`, bundle]) {
  const script = document.createElement('script');
  script.type = 'module';
  script.src = src;
  document.head.append(script);
  await new Promise((resolve) => script.addEventListener('load', resolve, { once: true }));
}

const $ = <T extends Element>(selector: string) => document.querySelector<T>(selector)!;

/** A page of its own (an iframe: its own modules and resource timings) with `html`, once loaded. */
async function frame(html: string): Promise<Window> {
  const iframe = document.createElement('iframe');
  iframe.srcdoc = `<!doctype html><body>${html}</body>`;
  document.body.append(iframe);
  await new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
  return iframe.contentWindow!;
}

/** A page of its own with `html`, once `shown` shows its value. */
async function framed(html: string, shown: string): Promise<Document> {
  const page = (await frame(html)).document;
  await waitUntil(() => page.querySelector(shown)?.shadowRoot?.querySelector('[part~="value"], svg'), `<${shown}> never showed its value`, {
    timeout: 14_000,
  });
  return page;
}

/** The scripts a page downloaded. */
const scriptsOf = (page: Document): string[] =>
  page
    .defaultView!.performance.getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => /\.js(\?|$)/.test(name));
const part = (element: Element, name: string) => element.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
const media = await wistia<Record<string, number>>(`/v1/stats/medias/${KNOWN.mediaId}.json`);
const account = await wistia<Record<string, number>>('/v1/stats/account.json');

describe('the drop-in as the Worker serves it, on a page of another origin', () => {
  before(async () => {
    await waitUntil(
      () =>
        part($('wistia-heatmap'), 'frame') &&
        part($('wistia-milestone'), 'progress') &&
        part($('wistia-engagement'), 'graph') &&
        part($('wistia-trend'), 'chart') &&
        part($('wistia-recommendations'), 'list') &&
        part($('#cta'), 'value'),
      'not every element showed its value',
      { timeout: 15_000 },
    );
  });

  it('loads only from the Worker, defines every element, and says nothing is wrong (even loaded twice)', () => {
    for (const tag of ELEMENT_TAGS) {
      expect(customElements.get(tag), tag).to.exist;
    }
    const scripts = performance
      .getEntriesByType('resource')
      .filter((entry) => /\.js(\?|$)/.test(entry.name) && entry.name.includes('wistia'));
    expect(scripts.length).to.be.greaterThan(1);
    for (const { name } of scripts) expect(name.startsWith(`${worker}/`), name).to.equal(true);
    expect(problems).to.deep.equal([]);
  });

  it('loaded twice under two URLs, the page still asks once for a resource its counters and its milestone show', () => {
    expect(performance.getEntriesByName(`${worker}/v1/stats/medias/${KNOWN.mediaId}.json`)).to.have.length(1);
    // The premise: the page did run a second copy, under its own URL.
    expect(performance.getEntriesByName(`${worker}/wistia-stats.js?ver=1`), 'the copy under ?ver=1 was not loaded').to.have.length(1);
  });

  it('with no endpoint anywhere, elements ask the Worker the script came from', () => {
    const asked = performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((name) => name.includes('/v1/stats/'));
    expect(asked).to.include(`${worker}/v1/stats/medias/${KNOWN.mediaId}.json`);
    expect(asked).to.include(`${worker}/v1/stats/account.json`);
  });

  it('an endpoint a script set before the element was defined is its own: the drop-in’s Worker is not asked', () => {
    expect(part($('#elsewhere'), 'loading')).to.exist;
    expect(performance.getEntriesByName(`${worker}/v1/stats/medias/${elsewhereId}.json`)).to.have.length(0);
  });

  it('a page of counters downloads the one file, and shows them', async () => {
    const frame = await framed(
      `<script type="module" src="${bundle}"></script>
      <wistia-play-count media-id="${KNOWN.mediaId}" locale="en-US"></wistia-play-count>
      <wistia-stats locale="de-DE"><wistia-load-count media-id="${KNOWN.mediaId}"></wistia-load-count></wistia-stats>`,
      'wistia-load-count',
    );
    expect(part(frame.querySelector('wistia-play-count')!, 'value')!.textContent).to.equal(
      new Intl.NumberFormat('en-US').format(media.play_count!),
    );
    expect(part(frame.querySelector('wistia-load-count')!, 'value')!.textContent).to.equal(
      new Intl.NumberFormat('de-DE').format(media.load_count!),
    );
    expect(scriptsOf(frame)).to.deep.equal([bundle]);
  });

  it('a family’s content stays hidden until its code has arrived, then shows as the element decides', async () => {
    // The check runs as soon as the drop-in has run: the milestone's code is then still to come.
    const page = (await frame(
      `<wistia-milestone media-id="${KNOWN.mediaId}" threshold="1"><p id="reached">Reached!</p><p id="won" slot="won">The puppy is yours.</p></wistia-milestone>
      <script type="module">
        import('${bundle}').then(() => {
          window.early = { defined: Boolean(customElements.get('wistia-milestone')), shown: ['reached', 'won'].filter((id) => document.getElementById(id).checkVisibility()) };
        });
      </script>`,
    )) as Window & { early?: { defined: boolean; shown: string[] } };
    await waitUntil(() => page.early, 'the drop-in never ran', { timeout: 14_000 });
    expect(page.early!.defined, 'the premise: the milestone’s code had not arrived').to.equal(false);
    expect(page.early!.shown).to.deep.equal([]);
    const milestone = page.document.querySelector('wistia-milestone')!;
    await waitUntil(() => part(milestone, 'progress'), 'the milestone never showed its value', { timeout: 14_000 });
    expect(page.document.getElementById('reached')!.checkVisibility(), 'the reached message').to.equal(true);
    expect(page.document.getElementById('won')!.checkVisibility(), 'no claim, so no won message').to.equal(false);
  });

  it('the pinned copy is every element in one file, which its integrity hash covers', async () => {
    const pinnedUrl = `${worker}/${pinned!}`;
    const digest = await crypto.subtle.digest('SHA-384', await (await fetch(pinnedUrl)).arrayBuffer());
    const integrity = `sha384-${btoa(String.fromCharCode(...new Uint8Array(digest)))}`;
    const frame = await framed(
      `<script type="module" src="${pinnedUrl}" integrity="${integrity}" crossorigin="anonymous"></script>
      <wistia-play-count media-id="${KNOWN.mediaId}" locale="en-US"></wistia-play-count>
      <wistia-trend media-id="${KNOWN.mediaId}" days="14"></wistia-trend>`,
      'wistia-trend',
    );
    expect(part(frame.querySelector('wistia-play-count')!, 'value')!.textContent).to.equal(
      new Intl.NumberFormat('en-US').format(media.play_count!),
    );
    expect(scriptsOf(frame)).to.deep.equal([pinnedUrl]);
  });

  it('a counter reads as a person expects: the number, a space, its label', () => {
    expect(visibleText($('wistia-play-count'))).to.equal(`${new Intl.NumberFormat('en-US').format(media.play_count!)} plays`);
    expect(visibleText($('wistia-stat'))).to.equal(new Intl.NumberFormat('en-US').format(account.load_count!));
    expect(visibleText($('wistia-load-count')), 'the provider’s locale').to.equal(new Intl.NumberFormat('de-DE').format(media.load_count!));
    expect(visibleText($('wistia-visitor-count'))).to.equal(new Intl.NumberFormat().format(media.visitors!));
    expect(visibleText($('wistia-hours-watched'))).to.match(/^[\d.,]+ (hours|minutes)$/);
    expect(visibleText($('wistia-play-rate'))).to.equal(
      new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(media.play_rate!),
    );
  });

  it('the milestone’s fill is as wide as the value is far along', () => {
    const milestone = $('wistia-milestone');
    const share = Math.min(1, media.play_count! / MILESTONE_THRESHOLD);
    const track = part(milestone, 'track')!.getBoundingClientRect().width;
    const fill = part(milestone, 'fill')!.getBoundingClientRect().width;
    expect(track).to.be.greaterThan(100);
    expect(fill / track).to.be.closeTo(share, 0.02);
    expect(share, 'the test needs a milestone not yet reached').to.be.lessThan(0.95);
    // What a screen reader hears of the bar, and what a person reads beside it.
    const said = `${part(milestone, 'value')!.textContent} of ${MILESTONE_THRESHOLD.toLocaleString()} plays`;
    expect(part(milestone, 'track')!.getAttribute('aria-valuetext')).to.equal(said);
    expect(visibleText(part(milestone, 'progress')!).replace(/\s+/g, ' ').trim()).to.equal(said);
  });

  it('the engagement graph has its height and bars; the heatmap its frame', () => {
    const graph = part($('wistia-engagement'), 'graph')!;
    expect(graph.getBoundingClientRect().height).to.equal(80);
    expect(graph.querySelectorAll('rect[part~="bar"]').length).to.be.greaterThan(5);
    expect(part($('wistia-heatmap'), 'frame')!.getAttribute('src')).to.contain(`${worker}/v1/stats/events/${KNOWN.eventKey}/iframe.html`);
  });

  it('the trend: its height, a vertex a day, the total of those days', async () => {
    const days = await wistia<DayStats[]>(`/v1/stats/medias/${KNOWN.mediaId}/by_date.json?start_date=${utcDay(-27)}&end_date=${utcDay(0)}`);
    const trend = $('wistia-trend');
    expect(part(trend, 'chart')!.getBoundingClientRect().height).to.be.greaterThan(30);
    expect(part(trend, 'line')!.getAttribute('points')!.split(' ')).to.have.length(14);
    const total = days.slice(14).reduce((sum, day) => sum + day.play_count, 0);
    expect(part(trend, 'total')!.textContent).to.equal(total.toLocaleString('en-US'));
    expect(part(trend, 'change')!.textContent).to.match(/^([+-]?\d+%|new) vs the previous 14 days$/);
  });

  it('the recommendations: a card with a picture for each video the visitor never played', async () => {
    const project = await wistia<Project>(`/v1/projects/${KNOWN.projectId}.json`);
    const cards = [...$('wistia-recommendations').shadowRoot!.querySelectorAll('[part~="card"]')];
    expect(cards.map((card) => card.querySelector('[part~="name"]')!.textContent)).to.deep.equal(
      KNOWN.bingeUnwatched.map((id) => project.medias.find((media) => media.hashed_id === id)!.name),
    );
    const picture = cards[0]!.querySelector('[part~="thumbnail"]')!.getBoundingClientRect();
    expect(picture.width).to.be.greaterThan(100);
    expect(picture.height / picture.width).to.be.closeTo(9 / 16, 0.02);
  });

  it('a call to action’s rate, as a percentage', () => {
    const rate = withCta!.stats.actions.find((action) => action.type === 'Call to Action')!.rate;
    expect(visibleText($('#cta'))).to.equal(new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(rate));
  });

  it('the loading placeholder can be seen', () => {
    const placeholder = part($('#waiting'), 'loading')!;
    const box = placeholder.getBoundingClientRect();
    expect(box.width).to.be.greaterThan(8);
    expect(box.height).to.be.greaterThan(8);
    const background = getComputedStyle(placeholder).backgroundColor;
    expect(transparent(background), `background ${background}`).to.equal(false);
  });
});
