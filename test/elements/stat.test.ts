/**
 * docs/architecture.md, "The page side" › "Elements": `<wistia-stat>` and the fixed-metric elements show the
 * simulated account's numbers through the real Worker, share one store, poll, fail
 * readably and recover.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/index.ts';
import { KNOWN, MEDIA_IDS } from '../../demo/simulated-account/catalogue.ts';
import type { WistiaStat } from '../../src/index.ts';
import { fetched, partText, record, requestsFor, settled, sim, testEnv, wistia } from './helpers.ts';

const { worker } = await testEnv();

/** What a person should read for a value, computed here with Intl alone. */
function expected(value: number, metric: string, locale: string): string {
  if (metric === 'play_rate' || metric === 'engagement') {
    return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  }
  if (metric === 'hours_watched') {
    return new Intl.NumberFormat(locale, {
      style: 'unit',
      unit: 'hour',
      unitDisplay: 'long',
      maximumFractionDigits: value < 100 ? 1 : 0,
    }).format(value);
  }
  return new Intl.NumberFormat(locale).format(value);
}

const SCOPES: Array<{ name: string; attrs: Record<string, string>; path: string; metrics: string[] }> = [
  { name: 'account', attrs: {}, path: '/v1/stats/account.json', metrics: ['load_count', 'play_count', 'hours_watched'] },
  {
    name: 'project',
    attrs: { 'project-id': KNOWN.projectId },
    path: `/v1/stats/projects/${KNOWN.projectId}.json`,
    metrics: ['load_count', 'play_count', 'hours_watched', 'number_of_videos'],
  },
  {
    name: 'media',
    attrs: { 'media-id': KNOWN.mediaId },
    path: `/v1/stats/medias/${KNOWN.mediaId}.json`,
    metrics: ['load_count', 'play_count', 'play_rate', 'hours_watched', 'engagement', 'visitors'],
  },
];

async function stat(attrs: Record<string, string>, label = ''): Promise<WistiaStat> {
  const element = document.createElement('wistia-stat');
  element.setAttribute('endpoint', worker);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, value);
  element.textContent = label;
  const parent = await fixture(html`<div></div>`);
  parent.append(element);
  return element;
}

describe('values match the simulated account, for every scope and metric', () => {
  for (const locale of ['en-US', 'de-DE']) {
    for (const scope of SCOPES) {
      it(`${scope.name} in ${locale}`, async () => {
        const truth = await wistia<Record<string, number>>(scope.path);
        for (const metric of scope.metrics) {
          // Other suites grow the counts: the Worker's copy (1 s TTL) may be a moment behind Wistia, so the element polls.
          const element = await stat({ ...scope.attrs, metric, locale, refresh: '1' });
          await settled(element);
          await waitUntil(
            () => partText(element, 'value') === expected(truth[metric]!, metric, locale),
            `${metric}: ${partText(element, 'value')}`,
            { timeout: 4_000 },
          );
        }
      });
    }
  }

  it('the fixed-metric elements show their metric', async () => {
    const truth = await wistia<Record<string, number>>(`/v1/stats/medias/${KNOWN.mediaId}.json`);
    const tags = {
      'wistia-play-count': 'play_count',
      'wistia-load-count': 'load_count',
      'wistia-visitor-count': 'visitors',
      'wistia-hours-watched': 'hours_watched',
      'wistia-play-rate': 'play_rate',
    };
    for (const [tag, metric] of Object.entries(tags)) {
      const element = document.createElement(tag);
      element.setAttribute('endpoint', worker);
      element.setAttribute('media-id', KNOWN.mediaId);
      element.setAttribute('metric', 'load_count'); // ignored: the metric is fixed
      (await fixture(html`<div></div>`)).append(element);
      await settled(element);
      expect(partText(element, 'value'), tag).to.equal(expected(truth[metric]!, metric, 'en-US'));
    }
  });

  it('formats compact and percent on request, and hours in minutes when under one', async () => {
    const compact = await stat({ metric: 'load_count', format: 'compact', locale: 'en-US' });
    await settled(compact);
    const truth = await wistia<Record<string, number>>('/v1/stats/account.json');
    expect(partText(compact, 'value')).to.equal(
      new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(truth.load_count!),
    );
    const percent = await stat({ 'media-id': KNOWN.mediaId, metric: 'engagement', format: 'standard' });
    await settled(percent);
    expect(partText(percent, 'value')).to.match(/^0\.\d+$/);
    // A share, compact: a whole percentage, not "0.4".
    const media = await wistia<Record<string, number>>(`/v1/stats/medias/${KNOWN.mediaId}.json`);
    const compactRate = await stat({ 'media-id': KNOWN.mediaId, metric: 'play_rate', format: 'compact', locale: 'en-US' });
    await settled(compactRate);
    expect(partText(compactRate, 'value')).to.equal(`${Math.round(media.play_rate! * 100)}%`);
  });

  it('the label slot follows the number, and the live region is polite', async () => {
    const element = await stat({ 'media-id': KNOWN.mediaId, metric: 'play_count' }, 'plays');
    await settled(element);
    expect(element.shadowRoot!.querySelector('[part="label"] slot')).to.exist;
    const live = element.shadowRoot!.querySelector('[aria-live="polite"]')!;
    expect(live.textContent).to.equal(partText(element, 'value'));
  });
});

describe('one page-wide store', () => {
  it('ten elements for one media make one request', async () => {
    const mediaId = MEDIA_IDS[10]!;
    const parent = await fixture(html`<wistia-stats endpoint=${worker}></wistia-stats>`);
    const metrics = [
      'load_count',
      'play_count',
      'play_rate',
      'hours_watched',
      'engagement',
      'visitors',
      'load_count',
      'play_count',
      'visitors',
      'engagement',
    ];
    const elements = metrics.map((metric) => {
      const element = document.createElement('wistia-stat');
      element.setAttribute('media-id', mediaId);
      element.setAttribute('metric', metric);
      parent.append(element);
      return element;
    });
    for (const element of elements) await settled(element);
    expect(requestsFor(`/medias/${mediaId}.json`)).to.equal(1);
  });

  it('the provider gives endpoint and locale; an element’s own attribute wins', async () => {
    const parent = await fixture(html`<wistia-stats endpoint=${worker} locale="de-DE">
      <wistia-play-count media-id=${KNOWN.mediaId}></wistia-play-count>
      <wistia-play-count media-id=${KNOWN.mediaId} locale="en-US"></wistia-play-count>
    </wistia-stats>`);
    const [german, english] = [...parent.querySelectorAll('wistia-play-count')];
    await settled(german!);
    await settled(english!);
    const { play_count: plays } = await wistia<{ play_count: number }>(`/v1/stats/medias/${KNOWN.mediaId}.json`);
    expect(partText(german!, 'value')).to.equal(new Intl.NumberFormat('de-DE').format(plays));
    expect(partText(english!, 'value')).to.equal(new Intl.NumberFormat('en-US').format(plays));
  });
});

describe('polling', () => {
  it('updates the value every refresh seconds, and fires wistia-stats-update', async () => {
    const mediaId = MEDIA_IDS[11]!;
    const element = await stat({ 'media-id': mediaId, metric: 'play_count', refresh: '1', locale: 'en-US' });
    await settled(element);
    const updates = record(element, 'wistia-stats-update');
    const before = partText(element, 'value');
    await sim('bump', { mediaId, metric: 'play_count', by: 1000 });
    await waitUntil(() => partText(element, 'value') !== before, 'the value did not change', { timeout: 10_000 });
    const { play_count: plays } = await wistia<{ play_count: number }>(`/v1/stats/medias/${mediaId}.json`);
    expect(partText(element, 'value')).to.equal(new Intl.NumberFormat('en-US').format(plays));
    expect(updates.length).to.be.greaterThan(0);
    expect(updates.at(-1)!.detail.resource).to.equal(`/v1/stats/medias/${mediaId}.json`);
  });

  it('pauses while the tab is hidden and resumes when it shows', async () => {
    const mediaId = MEDIA_IDS[12]!;
    const element = await stat({ 'media-id': mediaId, metric: 'play_count', refresh: '1' });
    await settled(element);
    const visibility = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState')!;
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
    try {
      const hiddenAt = requestsFor(`/medias/${mediaId}.json`);
      await new Promise((done) => setTimeout(done, 2_500));
      expect(requestsFor(`/medias/${mediaId}.json`)).to.equal(hiddenAt);
    } finally {
      Object.defineProperty(document, 'visibilityState', visibility);
      delete (document as { visibilityState?: unknown }).visibilityState;
      document.dispatchEvent(new Event('visibilitychange'));
    }
    const shownAt = requestsFor(`/medias/${mediaId}.json`);
    await waitUntil(() => requestsFor(`/medias/${mediaId}.json`) > shownAt, 'polling did not resume', { timeout: 3_000 });
  });
});

describe('errors show a readable state and fire wistia-error; a later success recovers', () => {
  async function expectError(attrs: Record<string, string>, code: string, status?: number): Promise<WistiaStat> {
    const errors = record(document, 'wistia-error');
    const element = await stat(attrs);
    await settled(element, 'error');
    expect(partText(element, 'error')!.length).to.be.greaterThan(10);
    const mine = errors.filter((event) => event.target === element);
    expect(mine.length, 'wistia-error fired').to.be.greaterThan(0);
    expect(mine[0]!.detail.code).to.equal(code);
    if (status !== undefined) expect(mine[0]!.detail.status).to.equal(status);
    return element;
  }

  it('a media Wistia does not have: 404 not_found', () =>
    expectError({ 'media-id': KNOWN.missingMediaId, metric: 'play_count' }, 'not_found', 404));

  it('a stats service that never answers: timeout, after 10 s', () =>
    expectError({ endpoint: `${location.origin}/__silent`, metric: 'play_count' }, 'timeout', 0)).timeout(15_000);

  it('the Worker is down: network_error', () => expectError({ endpoint: 'http://127.0.0.1:9', metric: 'play_count' }, 'network_error', 0));

  it('an upstream fault shows upstream_error, and the next refresh recovers', async () => {
    const mediaId = MEDIA_IDS[13]!;
    await sim('fault', { kind: 'status', status: 500, match: mediaId });
    try {
      const element = await expectError({ 'media-id': mediaId, metric: 'load_count', refresh: '1' }, 'upstream_error', 502);
      await sim('fault', undefined, 'DELETE');
      await settled(element, 'value');
      expect(partText(element, 'error')).to.equal(undefined);
    } finally {
      await sim('fault', undefined, 'DELETE');
    }
  });

  it('a failed refresh keeps the last value, marks it stale, and clears that on success', async () => {
    const mediaId = MEDIA_IDS[14]!;
    const element = await stat({ 'media-id': mediaId, metric: 'load_count', refresh: '1' });
    await settled(element);
    const shown = partText(element, 'value');
    const errors = record(element, 'wistia-error');
    // Wistia says the media is gone: the Worker answers 404 (it has no stale copy to give for a 404).
    await sim('fault', { kind: 'status', status: 404, match: mediaId });
    try {
      await waitUntil(() => element.hasAttribute('stale'), 'the value was not marked stale', { timeout: 8_000 });
      expect(partText(element, 'value')).to.equal(shown);
      expect(partText(element, 'error')).to.equal(undefined);
      expect(errors[0]!.detail).to.include({ code: 'not_found', status: 404 });
    } finally {
      await sim('fault', undefined, 'DELETE');
    }
    await waitUntil(() => !element.hasAttribute('stale'), 'the value did not recover', { timeout: 8_000 });
    expect(partText(element, 'value')).to.equal(shown);
  });

  const BAD_ATTRIBUTES: Array<[string, Record<string, string>]> = [
    ['a malformed media id', { 'media-id': 'Not An Id', metric: 'play_count' }],
    ['an empty media id', { 'media-id': '', metric: 'play_count' }],
    ['a malformed project id', { 'project-id': '../x', metric: 'play_count' }],
    ['both ids', { 'media-id': KNOWN.mediaId, 'project-id': KNOWN.projectId, metric: 'play_count' }],
    ['no metric', {}],
    ['an unknown metric', { metric: 'likes' }],
    ['a metric the scope lacks', { metric: 'play_rate' }],
    ['an unknown format', { metric: 'play_count', format: 'roman' }],
    ['a non-numeric refresh', { metric: 'play_count', refresh: 'often' }],
    ['a refresh under one second', { metric: 'play_count', refresh: '0.2' }],
    ['a malformed locale', { metric: 'play_count', locale: 'not a locale!' }],
    ['an endpoint that is not http(s)', { metric: 'play_count', endpoint: 'javascript:alert(1)' }],
  ];
  for (const [what, attrs] of BAD_ATTRIBUTES) {
    it(`${what}: bad_attribute, and no request`, async () => {
      const before = fetched.length;
      await expectError(attrs, 'bad_attribute', 0);
      expect(fetched.slice(before).filter((url) => url.includes('/v1/'))).to.deep.equal([]);
    });
  }

  it('a malformed id is explained in words, not as a pattern', async () => {
    const element = await stat({ 'media-id': 'Not An Id', metric: 'play_count' });
    await settled(element, 'error');
    expect(partText(element, 'error')).to.equal('media-id "Not An Id" must be 1 to 32 lowercase letters and digits.');
  });

  it('a missing metric, and one the scope lacks, are explained in words', async () => {
    const missing = await stat({});
    const lacking = await stat({ metric: 'play_rate' });
    await settled(missing, 'error');
    await settled(lacking, 'error');
    expect(partText(missing, 'error')).to.match(/^Set metric to one of load_count, /);
    expect(partText(lacking, 'error')).to.equal('play_rate is not kept for the account, which has load_count, play_count, hours_watched.');
  });

  it('no endpoint anywhere says where to set one', async () => {
    const element = await fixture<WistiaStat>(html`<wistia-stat metric="play_count"></wistia-stat>`);
    await settled(element, 'error');
    expect(partText(element, 'error')).to.contain('endpoint');
  });
});

describe('count-up respects prefers-reduced-motion', () => {
  afterEach(() => emulateMedia({ reducedMotion: 'no-preference' }));

  it('counts up when motion is welcome; a screen reader hears the value once', async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
    const element = await stat({ metric: 'load_count', 'count-up': '', locale: 'en-US' });
    await settled(element);
    const { load_count: loads } = await wistia<{ load_count: number }>('/v1/stats/account.json');
    const final = new Intl.NumberFormat('en-US').format(loads);
    expect(partText(element, 'value')).not.to.equal(final);
    const live = element.shadowRoot!.querySelector('[aria-live="polite"]')!;
    const writes: MutationRecord[] = [];
    const watcher = new MutationObserver((records) => writes.push(...records));
    watcher.observe(live, { childList: true, characterData: true, subtree: true });
    await waitUntil(() => partText(element, 'value') === final, 'never reached the value', { timeout: 3_000 });
    watcher.disconnect();
    expect(live.textContent).to.equal(final);
    expect(writes, 'the live region was written while the number counted up').to.have.length(0);
  });

  it('shows the value at once when the visitor prefers reduced motion', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const element = await stat({ metric: 'play_count', 'count-up': '', locale: 'en-US' });
    await settled(element);
    const { play_count: plays } = await wistia<{ play_count: number }>('/v1/stats/account.json');
    expect(partText(element, 'value')).to.equal(new Intl.NumberFormat('en-US').format(plays));
  });
});

describe('theming through custom properties and parts', () => {
  it('--wistia-value-color and ::part(value) change the rendered style', async () => {
    const style = document.createElement('style');
    style.textContent = `.themed { --wistia-value-color: rgb(255, 0, 128); } .themed::part(value) { font-weight: 900; }`;
    document.head.append(style);
    const element = await stat({ metric: 'play_count' });
    element.classList.add('themed');
    await settled(element);
    const value = element.shadowRoot!.querySelector('[part="value"]')!;
    expect(getComputedStyle(value).color).to.equal('rgb(255, 0, 128)');
    expect(getComputedStyle(value).fontWeight).to.equal('900');
    style.remove();
  });
});
