/**
 * docs/architecture.md, "The page side" › "Elements" and "Milestone claims": `<wistia-milestone>` shows progress, fires
 * `wistia-milestone` once per milestone per browser when a threshold is crossed while the
 * page is open, and with `claim` asks the real Worker for the exactly-once win.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.ts';
import { MEDIA_IDS } from '../../demo/simulated-account/catalogue.ts';
import type { WistiaMilestone } from '../../src/index.ts';
import { partText, record, settled, sim, testEnv, visibleText, wistia } from './helpers.ts';

const { worker } = await testEnv();
const visitorsOf = async (mediaId: string) => (await wistia<{ visitors: number }>(`/v1/stats/medias/${mediaId}.json`)).visitors;
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function milestone(mediaId: string, threshold: string, extra = '', content = ''): Promise<WistiaMilestone> {
  const parent = await fixture(html`<div></div>`);
  parent.innerHTML = `<wistia-milestone endpoint="${worker}" media-id="${mediaId}" threshold="${threshold}" refresh="1" locale="en-US" ${extra}>${content}</wistia-milestone>`;
  const element = parent.firstElementChild as WistiaMilestone;
  await settled(element, 'progress');
  return element;
}

beforeEach(() => localStorage.clear());

describe('<wistia-milestone>', () => {
  it('shows progress as a number and an accessible progress bar, the content hidden until reached', async () => {
    const mediaId = MEDIA_IDS[2]!;
    const visitors = await visitorsOf(mediaId);
    const element = await milestone(mediaId, String(visitors * 2), '', '<p>We did it!</p>');
    const bar = element.shadowRoot!.querySelector('[role="progressbar"]')!;
    expect(bar.getAttribute('aria-valuenow')).to.equal(String(visitors));
    expect(bar.getAttribute('aria-valuemax')).to.equal(String(visitors * 2));
    expect(partText(element, 'value')).to.equal(visitors.toLocaleString('en-US'));
    expect(element.shadowRoot!.querySelector('[part="reached"]')!.hasAttribute('hidden')).to.equal(true);
    expect(element.reached).to.equal(false);
  });

  it('a crossing while the page is open fires once, reveals the content, and is remembered', async () => {
    const mediaId = MEDIA_IDS[3]!;
    const threshold = (await visitorsOf(mediaId)) + 5;
    const events = record(document, 'wistia-milestone');
    const element = await milestone(mediaId, String(threshold), '', '<p>We did it!</p>');
    await sim('bump', { mediaId, metric: 'visitors', by: 10 });
    await waitUntil(() => events.length > 0, 'no wistia-milestone', { timeout: 8_000 });
    await pause(2_500); // more polls, no second event
    expect(events).to.have.length(1);
    expect(events[0]!.detail).to.deep.equal({ metric: 'visitors', scope: 'media', id: mediaId, threshold, value: threshold + 5 });
    expect(element.reached).to.equal(true);
    expect(element.shadowRoot!.querySelector('[part="reached"]')!.hasAttribute('hidden')).to.equal(false);
    expect(localStorage.getItem(`wistia-stats:milestone:media:${mediaId}:visitors:${threshold}`)).to.equal('fired');
  });

  it('a milestone this browser already fired (before a reload) does not fire again', async () => {
    const mediaId = MEDIA_IDS[4]!;
    const threshold = (await visitorsOf(mediaId)) + 5;
    localStorage.setItem(`wistia-stats:milestone:media:${mediaId}:visitors:${threshold}`, 'fired');
    const events = record(document, 'wistia-milestone');
    const element = await milestone(mediaId, String(threshold));
    await sim('bump', { mediaId, metric: 'visitors', by: 10 });
    await waitUntil(() => element.reached, 'never reached', { timeout: 8_000 });
    await pause(1_500);
    expect(events).to.have.length(0);
  });

  it('two elements (as two tabs) for one milestone fire once between them', async () => {
    const mediaId = MEDIA_IDS[5]!;
    const threshold = (await visitorsOf(mediaId)) + 5;
    const events = record(document, 'wistia-milestone');
    const [first, second] = [await milestone(mediaId, String(threshold)), await milestone(mediaId, String(threshold))];
    await sim('bump', { mediaId, metric: 'visitors', by: 10 });
    await waitUntil(() => first.reached && second.reached, 'never reached', { timeout: 8_000 });
    await pause(1_500);
    expect(events).to.have.length(1);
  });

  it('several thresholds fire in order, each once', async () => {
    const mediaId = MEDIA_IDS[6]!;
    const base = await visitorsOf(mediaId);
    const thresholds = [base + 9, base + 3, base + 6]; // given out of order on purpose
    const events = record(document, 'wistia-milestone');
    await milestone(mediaId, thresholds.join(','));
    await sim('bump', { mediaId, metric: 'visitors', by: 20 });
    await waitUntil(() => events.length >= 3, 'not all fired', { timeout: 8_000 });
    await pause(1_500);
    expect(events.map((event) => event.detail.threshold)).to.deep.equal([base + 3, base + 6, base + 9]);
  });

  it('a threshold already passed at load shows reached and fires nothing', async () => {
    const mediaId = MEDIA_IDS[7]!;
    const events = record(document, 'wistia-milestone');
    const element = await milestone(mediaId, '1', '', '<p>Already!</p>');
    await pause(2_500);
    expect(element.reached).to.equal(true);
    expect(events).to.have.length(0);
    // Not "4,074 of 1 visitors".
    const shown = `${partText(element, 'value')} visitors, past 1`;
    expect(visibleText(element.shadowRoot!.querySelector('[part~="progress"]')!).replace(/\s+/g, ' ').trim()).to.equal(shown);
    expect(element.shadowRoot!.querySelector('[role="progressbar"]')!.getAttribute('aria-valuetext')).to.equal(shown);
  });

  it('with claim: the winner sees the won slot, everyone after sees missed, each with wistia-milestone-claim', async () => {
    const mediaId = MEDIA_IDS[8]!;
    const threshold = (await visitorsOf(mediaId)) + 5;
    const claims = record(document, 'wistia-milestone-claim');
    const slots = '<p slot="won">You are the one! 🐶</p><p slot="missed">So close.</p>';
    const winner = await milestone(mediaId, String(threshold), 'claim visitor-key="winnerbrowser"', slots);
    await sim('bump', { mediaId, metric: 'visitors', by: 10 });
    await waitUntil(() => claims.length > 0, 'no claim answer', { timeout: 10_000 });
    const { receipt, ...won } = claims[0]!.detail;
    expect(won).to.deep.equal({ won: true, metric: 'visitors', scope: 'media', id: mediaId, threshold });
    expect(receipt, 'the winner’s receipt').to.match(/^[\w-]{20,}$/);
    await waitUntil(() => winner.shadowRoot!.querySelector('slot[name="won"]'), 'no won slot');

    // Another browser (another visitor key, its own memory) that saw the crossing too.
    localStorage.clear();
    const late = await fetch(`${worker}/v1/milestones/claim`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ scope: 'media', id: mediaId, metric: 'visitors', threshold, visitor_key: 'otherbrowser' }),
    });
    expect(await late.json()).to.include({ won: false });
  });

  it('a browser that claimed before asks again after a reload, and is told the same', async () => {
    const mediaId = MEDIA_IDS[9]!;
    const threshold = await visitorsOf(mediaId);
    const ref = `wistia-stats:milestone:media:${mediaId}:visitors:${threshold}`;
    // Someone else won it first.
    await fetch(`${worker}/v1/milestones/claim`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ scope: 'media', id: mediaId, metric: 'visitors', threshold, visitor_key: 'someoneelse' }),
    });
    localStorage.setItem(ref, 'fired');
    localStorage.setItem(`${ref}:claimed`, '1');
    const claims = record(document, 'wistia-milestone-claim');
    const element = await milestone(mediaId, String(threshold), 'claim visitor-key="reloader"', '<p slot="missed">Missed it.</p>');
    await waitUntil(() => claims.length > 0, 'no claim answer', { timeout: 8_000 });
    expect(claims[0]!.detail.won).to.equal(false);
    await waitUntil(() => element.shadowRoot!.querySelector('slot[name="missed"]'), 'no missed slot');
  });

  const BAD: Array<[string, string, RegExp]> = [
    ['no threshold', '', /^Set threshold to a whole number from 1/],
    ['a word', 'threshold="lots"', /^threshold "lots" must be a whole number from 1/],
    ['a negative number', 'threshold="-5"', /^threshold "-5" must be/],
    ['a fraction', 'threshold="10.5"', /^threshold "10.5" must be/],
    ['a bad item in a list', 'threshold="100,abc"', /^threshold "100,abc" must be/],
    ['a share metric', 'threshold="10" metric="play_rate"', /^A milestone counts up: metric must be one of load_count, /],
    ['a metric the scope lacks', 'threshold="10" metric="number_of_videos"', /^number_of_videos is not kept for a media, which has /],
    [
      'a malformed visitor key',
      'threshold="10" claim visitor-key="no spaces!"',
      /^visitor-key "no spaces!" must be 1 to 64 letters and digits/,
    ],
    ['a non-numeric refresh', 'threshold="10" refresh="soon"', /^refresh must be a number of seconds/],
  ];
  for (const [what, attrs, message] of BAD) {
    it(`${what}: a readable error and wistia-error (bad_attribute)`, async () => {
      const errors = record(document, 'wistia-error');
      const parent = await fixture(html`<div></div>`);
      parent.innerHTML = `<wistia-milestone endpoint="${worker}" media-id="${MEDIA_IDS[2]}" ${attrs}></wistia-milestone>`;
      const element = parent.firstElementChild!;
      await settled(element, 'error');
      expect(partText(element, 'error')).to.match(message);
      expect(errors.find((event) => event.target === element)?.detail.code).to.equal('bad_attribute');
    });
  }
});
