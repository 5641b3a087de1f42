/**
 * docs/architecture.md, "The page side": one lifecycle for every element and one client for
 * every request. Each test here is a defect the shipped elements had: polls that cost a
 * preflight, numbers given as strings refused, a `stale` that never cleared, a late label
 * never shown, a stale answer shown as current, endless loading, requests with no timeout,
 * an engagement graph that overflowed.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.ts';
import { MEDIA_IDS } from '../../demo/simulated-account/catalogue.ts';
import { claimMilestone } from '../../src/core/milestones.ts';
import { WistiaStats, type WistiaEngagement, type WistiaHeatmap, type WistiaStat } from '../../src/index.ts';
import { doorCounts, partText, record, settled, sim, testEnv, total, transparent, visibleText, wistia } from './helpers.ts';

const { worker } = await testEnv();
const misbehaving = (how: string) => `${location.origin}/__fake/${how}`;

async function place<T extends HTMLElement>(tag: string, attributes: Record<string, string>, label = ''): Promise<T> {
  const element = document.createElement(tag) as T;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.textContent = label;
  (await fixture(html`<div></div>`)).append(element);
  return element;
}

describe('polls a browser can make cheaply', () => {
  it('one GET per poll on another origin, no preflight, revalidated with the ETag (304) and no new data', async () => {
    const mediaId = MEDIA_IDS[20]!;
    await doorCounts(true);
    const element = await place<WistiaStat>('wistia-play-count', { endpoint: worker, 'media-id': mediaId, refresh: '1' });
    await settled(element);
    const updates = record(element, 'wistia-stats-update');
    // An unchanged answer is read to its end, not cancelled: DevTools would list every poll as "(canceled)".
    const { cancel } = ReadableStream.prototype;
    let cancelled = 0;
    ReadableStream.prototype.cancel = function (this: ReadableStream, reason?: unknown) {
      cancelled++;
      return cancel.call(this, reason);
    };
    try {
      await waitUntil(async () => total(await doorCounts(), 'GET') >= 4, 'fewer than 4 polls reached the Worker', { timeout: 10_000 });
    } finally {
      ReadableStream.prototype.cancel = cancel;
    }
    const counts = await doorCounts();
    expect(total(counts, 'OPTIONS'), JSON.stringify(counts)).to.equal(0);
    expect(total(counts, 'GET 304'), JSON.stringify(counts)).to.be.greaterThan(0);
    expect(updates, 'an unchanged resource is not new data').to.have.length(0);
    expect(cancelled, 'answers cancelled').to.equal(0);
  });

  it('a stale answer (X-Stats-Stale: 1) marks the value stale', async () => {
    const mediaId = MEDIA_IDS[21]!;
    const path = `/v1/stats/medias/${mediaId}.json`;
    await fetch(`${worker}${path}`, { cache: 'no-store' });
    await sim('fault', { kind: 'status', status: 500, match: mediaId });
    try {
      // Once the Worker's copy has expired, it answers with it, marked stale.
      await waitUntil(
        async () => (await fetch(`${worker}${path}`, { cache: 'no-store' })).headers.get('X-Stats-Stale') === '1',
        'the Worker never served its stale copy',
        { timeout: 8_000 },
      );
      const element = await place<WistiaStat>('wistia-play-count', { endpoint: worker, 'media-id': mediaId });
      await settled(element);
      expect(element.hasAttribute('stale'), 'a stale answer is not shown as current').to.equal(true);
    } finally {
      await sim('fault', undefined, 'DELETE');
    }
  });

  it('a stale answer is asked again soon, without any refresh set, and the fresh one clears stale', async () => {
    const element = await place<WistiaStat>('wistia-play-count', { endpoint: misbehaving('stale-once'), 'media-id': 'staleonce1' });
    await settled(element);
    expect(visibleText(element)).to.equal('40');
    expect(element.hasAttribute('stale')).to.equal(true);
    // The store asks again after 5 s (docs/architecture.md, "What X-Stats-Stale means").
    await waitUntil(() => !element.hasAttribute('stale'), 'a stale answer was never asked again', { timeout: 12_000 });
    expect(visibleText(element)).to.equal('41');
  });
});

describe('numbers given as strings, as React 19 and Vue 3 set them', () => {
  it('refresh, height and bars as string properties work', async () => {
    const mediaId = MEDIA_IDS[22]!;
    const errors: Event[] = [];
    const parent = await fixture(html`<div @wistia-error=${(event: Event) => errors.push(event)}></div>`);
    const stat = document.createElement('wistia-play-count');
    const graph = document.createElement('wistia-engagement');
    for (const element of [stat, graph]) {
      element.endpoint = worker;
      element.setAttribute('media-id', mediaId);
      Object.assign(element, { refresh: '1' });
    }
    Object.assign(graph, { height: '60', bars: '12' });
    parent.append(stat, graph);
    await settled(stat);
    await settled(graph, 'graph');
    expect(errors).to.have.length(0);
    expect(graph.shadowRoot!.querySelector('svg')!.getBoundingClientRect().height).to.equal(60);
    expect(graph.shadowRoot!.querySelectorAll('rect[part~="bar"]')).to.have.length(12);
    // refresh="1" as a string polls.
    await doorCounts(true);
    await waitUntil(async () => total(await doorCounts(), 'GET') >= 2, 'a string refresh did not poll', { timeout: 6_000 });
  });
});

describe('settings from a <wistia-stats> defined after the elements inside it', () => {
  it('the elements take its endpoint and locale when it arrives', async () => {
    const mediaId = MEDIA_IDS[23]!;
    const { play_count: plays } = await wistia<{ play_count: number }>(`/v1/stats/medias/${mediaId}.json`);
    const parent = await fixture(
      html`<late-wistia-stats endpoint=${worker} locale="de-DE"><wistia-play-count media-id=${mediaId}></wistia-play-count></late-wistia-stats>`,
    );
    const element = parent.querySelector('wistia-play-count')!;
    await settled(element, 'error');
    customElements.define('late-wistia-stats', class extends WistiaStats {});
    await settled(element);
    expect(visibleText(element)).to.equal(new Intl.NumberFormat('de-DE').format(plays));
  });
});

describe('the element follows what it shows', () => {
  it('switching from a failing resource to a healthy one clears stale', async () => {
    const [failing, healthy] = [MEDIA_IDS[23]!, MEDIA_IDS[24]!];
    // Another element already shows the healthy media: the switch finds it in the store, and polls bring 304s.
    await settled(await place('wistia-play-count', { endpoint: worker, 'media-id': healthy, refresh: '1' }));
    const element = await place<WistiaStat>('wistia-play-count', { endpoint: worker, 'media-id': failing, refresh: '1' });
    await settled(element);
    await sim('fault', { kind: 'status', status: 404, match: failing });
    try {
      await waitUntil(() => element.hasAttribute('stale'), 'the failing media was not marked stale', { timeout: 8_000 });
      element.setAttribute('media-id', healthy);
      const { play_count: plays } = await wistia<{ play_count: number }>(`/v1/stats/medias/${healthy}.json`);
      await waitUntil(() => partText(element, 'value') === new Intl.NumberFormat().format(plays), 'the healthy value did not show');
      await waitUntil(() => !element.hasAttribute('stale'), 'stale stayed set after the switch', { timeout: 4_000 });
    } finally {
      await sim('fault', undefined, 'DELETE');
    }
  });

  it('a label added after the first render shows, with a space before it', async () => {
    const mediaId = MEDIA_IDS[25]!;
    const element = await place<WistiaStat>('wistia-play-count', { endpoint: worker, 'media-id': mediaId, locale: 'en-US' });
    await settled(element);
    const number = partText(element, 'value')!;
    expect(visibleText(element)).to.equal(number);
    element.append('plays');
    await waitUntil(() => visibleText(element) === `${number} plays`, `shows "${visibleText(element)}"`, { timeout: 2_000 });
  });

  it('the loading placeholder can be seen', async () => {
    const element = await place<WistiaStat>('wistia-play-count', { endpoint: `${location.origin}/__silent`, 'media-id': MEDIA_IDS[26]! });
    await waitUntil(() => element.shadowRoot?.querySelector('[part="loading"]'), 'no placeholder');
    const placeholder = element.shadowRoot!.querySelector<HTMLElement>('[part="loading"]')!;
    const box = placeholder.getBoundingClientRect();
    expect(box.width, 'width').to.be.greaterThan(8);
    expect(box.height, 'height').to.be.greaterThan(8);
    const background = getComputedStyle(placeholder).backgroundColor;
    expect(transparent(background), `background ${background}`).to.equal(false);
  });
});

describe('answers a Worker should never give are readable errors, never endless loading', () => {
  it('"not modified" to a first request', async () => {
    const element = await place<WistiaStat>('wistia-play-count', { endpoint: misbehaving('not-modified'), 'media-id': 'abc' });
    const errors = record(element, 'wistia-error');
    await settled(element, 'error');
    expect(errors.at(-1)!.detail).to.include({ code: 'bad_response', status: 304 });
  });

  it('every request has a timeout: a body that never ends, the heatmap check, the milestone claim', async () => {
    const stat = await place<WistiaStat>('wistia-play-count', { endpoint: misbehaving('endless'), 'media-id': 'abc' });
    const heatmap = await place<WistiaHeatmap>('wistia-heatmap', { endpoint: `${location.origin}/__silent`, 'event-key': 'abc' });
    const claim = claimMilestone(
      `${location.origin}/__silent`,
      { scope: 'media', id: 'abc', metric: 'visitors', threshold: 10 },
      'visitor1',
      () => true,
    );
    await Promise.all([settled(stat, 'error'), settled(heatmap, 'error')]);
    expect(partText(stat, 'error')).to.contain('did not answer in time');
    expect(partText(heatmap, 'error')).to.contain('did not answer in time');
    expect(await claim).to.include({ code: 'timeout' });
  });

  it('a claim the Worker is too busy for (503, Retry-After) is sent again after the wait', async () => {
    const answer = await claimMilestone(
      misbehaving('busy-once'),
      { scope: 'media', id: 'abc', metric: 'visitors', threshold: 10 },
      'visitor1',
      () => true,
    );
    expect(answer).to.deep.include({ won: true, receipt: 'r-1' });
  });
});

describe('<wistia-engagement> with data of any size', () => {
  it('a million points draw a graph no wider than it is, without overflowing the stack', async () => {
    const graph = await place<WistiaEngagement>('wistia-engagement', { endpoint: misbehaving('engagement-huge'), 'media-id': 'abc' });
    graph.style.width = '300px';
    await settled(graph, 'graph');
    expect(graph.shadowRoot!.querySelectorAll('rect[part~="bar"]').length).to.be.within(1, 150);
  });

  it('rewatch points beyond the last view draw nothing outside the graph', async () => {
    const graph = await place<WistiaEngagement>('wistia-engagement', {
      endpoint: misbehaving('engagement-long-rewatch'),
      'media-id': 'abc',
    });
    await settled(graph, 'graph');
    const svg = graph.shadowRoot!.querySelector('svg')!;
    const width = svg.viewBox.baseVal.width;
    const rewatches = [...graph.shadowRoot!.querySelectorAll<SVGRectElement>('rect[part~="rewatch"]')];
    expect(rewatches).to.have.length(10);
    for (const rect of rewatches) expect(rect.x.baseVal.value + rect.width.baseVal.value).to.be.at.most(width + 0.001);
  });
});

describe('the milestone claims as the viewer Wistia knows', () => {
  async function claimFrom(page: () => void): Promise<{ won: boolean; receipt?: string | undefined }> {
    localStorage.setItem('wistia-stats:milestone:media:abc:visitors:10:claimed', '1');
    page();
    const milestone = await place('wistia-milestone', { endpoint: misbehaving('claims'), 'media-id': 'abc', threshold: '10', claim: '' });
    const answers = record(milestone, 'wistia-milestone-claim');
    await waitUntil(() => answers.length > 0, 'no claim answer', { timeout: 6_000 });
    return answers[0]!.detail;
  }

  afterEach(() => {
    document.querySelector('wistia-player')?.remove();
    delete (window as { _wq?: unknown })._wq;
  });

  it('the <wistia-player> on the page gives the visitor key, once its API is ready', async () => {
    const answer = await claimFrom(() => {
      // A stand-in for Wistia's player element: its API becomes ready a moment later.
      const player = Object.assign(document.createElement('wistia-player'), { visitorKey: undefined as string | undefined });
      document.body.append(player);
      setTimeout(() => {
        player.visitorKey = 'viewer123';
        player.dispatchEvent(new Event('api-ready'));
      }, 200);
    });
    expect(answer).to.deep.include({ won: true, receipt: 'r-viewer' });
  });

  it('an older embed gives it through window._wq', async () => {
    const answer = await claimFrom(() => {
      const queue: Array<{ onReady: (player: { visitorKey(): string }) => void }> = [];
      (window as { _wq?: unknown })._wq = queue;
      // A stand-in for Wistia's script, which takes handlers off the queue when its player is ready.
      setTimeout(() => queue.forEach(({ onReady }) => onReady({ visitorKey: () => 'viewer123' })), 200);
    });
    expect(answer).to.deep.include({ won: true });
  });

  it('without a player, the browser’s own key claims (and here does not win)', async () => {
    expect(await claimFrom(() => {})).to.deep.include({ won: false });
  });
});
