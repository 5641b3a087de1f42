/**
 * docs/architecture.md, "Delivery": what site owners load is the built drop-in, served by the
 * Worker. This page (another origin) loads `<Worker>/wistia-stats.js` and nothing from src/,
 * sets no endpoint anywhere, and checks what a person sees: the text, the sizes, the states.
 * (`npm test` builds the bundle first.)
 */
import { expect, waitUntil } from '@open-wc/testing';
import { KNOWN } from '../../demo/simulated-account/catalogue.ts';
import { testEnv, transparent, visibleText, wistia } from './helpers.ts';

const { worker } = await testEnv();
const problems: string[] = [];
addEventListener('error', (event) => problems.push(String(event.message)));
addEventListener('unhandledrejection', (event) => problems.push(String(event.reason)));

const MILESTONE_THRESHOLD = 4_000;

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
    <p><wistia-play-count id="waiting" endpoint="${location.origin}/__silent" media-id="${KNOWN.mediaId}"></wistia-play-count></p>
  </div>`,
);
const bundle = `${worker}/wistia-stats.js`;
for (const src of [bundle, `${bundle}?loaded-again`]) {
  const script = document.createElement('script');
  script.type = 'module';
  script.src = src;
  document.head.append(script);
}

const $ = <T extends Element>(selector: string) => document.querySelector<T>(selector)!;
const part = (element: Element, name: string) => element.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
const media = await wistia<Record<string, number>>(`/v1/stats/medias/${KNOWN.mediaId}.json`);
const account = await wistia<Record<string, number>>('/v1/stats/account.json');

describe('the drop-in as the Worker serves it, on a page of another origin', () => {
  before(async () => {
    await waitUntil(() => part($('wistia-heatmap'), 'frame') && part($('wistia-milestone'), 'progress') && part($('wistia-engagement'), 'graph'), 'not every element showed its value', { timeout: 15_000 });
  });

  it('loads only from the Worker, defines every element, and says nothing is wrong (even loaded twice)', () => {
    for (const tag of ['wistia-stats', 'wistia-stat', 'wistia-play-count', 'wistia-load-count', 'wistia-visitor-count', 'wistia-hours-watched', 'wistia-play-rate', 'wistia-engagement', 'wistia-heatmap', 'wistia-milestone']) {
      expect(customElements.get(tag), tag).to.exist;
    }
    const scripts = performance.getEntriesByType('resource').filter((entry) => /\.js(\?|$)/.test(entry.name) && entry.name.includes('wistia'));
    expect(scripts.length).to.be.greaterThan(1);
    for (const { name } of scripts) expect(name.startsWith(`${worker}/`), name).to.equal(true);
    expect(problems).to.deep.equal([]);
  });

  it('with no endpoint anywhere, elements ask the Worker the script came from', () => {
    const asked = performance.getEntriesByType('resource').map((entry) => entry.name).filter((name) => name.includes('/v1/stats/'));
    expect(asked).to.include(`${worker}/v1/stats/medias/${KNOWN.mediaId}.json`);
    expect(asked).to.include(`${worker}/v1/stats/account.json`);
  });

  it('a counter reads as a person expects: the number, a space, its label', () => {
    expect(visibleText($('wistia-play-count'))).to.equal(`${new Intl.NumberFormat('en-US').format(media.play_count!)} plays`);
    expect(visibleText($('wistia-stat'))).to.equal(new Intl.NumberFormat('en-US').format(account.load_count!));
    expect(visibleText($('wistia-load-count')), 'the provider’s locale').to.equal(new Intl.NumberFormat('de-DE').format(media.load_count!));
    expect(visibleText($('wistia-visitor-count'))).to.equal(new Intl.NumberFormat().format(media.visitors!));
    expect(visibleText($('wistia-hours-watched'))).to.match(/^[\d.,]+ (hours|minutes)$/);
    expect(visibleText($('wistia-play-rate'))).to.equal(new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(media.play_rate!));
  });

  it('the milestone’s fill is as wide as the value is far along', () => {
    const milestone = $('wistia-milestone');
    const share = Math.min(1, media.play_count! / MILESTONE_THRESHOLD);
    const track = part(milestone, 'track')!.getBoundingClientRect().width;
    const fill = part(milestone, 'fill')!.getBoundingClientRect().width;
    expect(track).to.be.greaterThan(100);
    expect(fill / track).to.be.closeTo(share, 0.02);
    expect(share, 'the test needs a milestone not yet reached').to.be.lessThan(0.95);
  });

  it('the engagement graph has its height and bars; the heatmap its frame', () => {
    const graph = part($('wistia-engagement'), 'graph')!;
    expect(graph.getBoundingClientRect().height).to.equal(80);
    expect(graph.querySelectorAll('rect[part~="bar"]').length).to.be.greaterThan(5);
    expect(part($('wistia-heatmap'), 'frame')!.getAttribute('src')).to.contain(`${worker}/v1/stats/events/${KNOWN.eventKey}/iframe.html`);
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
