/**
 * docs/architecture.md, "The page side" › "Elements", `<wistia-trend>`: a metric per day as a
 * small chart whose points are the daily values, the period's total, and its change against
 * the period before, both periods from one request; in words for screen readers.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.ts';
import { KNOWN } from '../../demo/simulated-account/catalogue.ts';
import type { WistiaTrend } from '../../src/index.ts';
import type { DayStats } from '../../src/wistia-api.ts';
import { expectBadAttributes, fetched, partText, testEnv, utcDay, wistia } from './helpers.ts';

const { worker } = await testEnv();

async function trend(attributes: string, endpoint = worker): Promise<WistiaTrend> {
  const parent = await fixture(html`<div style="width: 400px"></div>`);
  parent.innerHTML = `<wistia-trend endpoint="${endpoint}" locale="en-US" ${attributes}></wistia-trend>`;
  const element = parent.firstElementChild as WistiaTrend;
  await waitUntil(() => element.shadowRoot?.querySelector('[part~="chart"], [part~="error"]'), 'no chart or error', { timeout: 14_000 });
  return element;
}

/** What Wistia says for the two periods the element shows. */
async function truth(days: number, mediaId?: string) {
  const path = mediaId ? `/v1/stats/medias/${mediaId}/by_date.json` : '/v1/stats/account/by_date.json';
  return wistia<DayStats[]>(`${path}?start_date=${utcDay(1 - 2 * days)}&end_date=${utcDay(0)}`);
}

const changeText = (current: number, previous: number, days: number) =>
  `${new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format((current - previous) / previous)} vs the previous ${days} days`;

describe('<wistia-trend>', () => {
  it('its points are the daily values of the last `days` days, oldest first', async () => {
    const days = await truth(7, KNOWN.mediaId);
    const element = await trend(`media-id="${KNOWN.mediaId}" days="7"`);
    expect(element.points).to.deep.equal(days.slice(7).map((day) => ({ date: day.date, value: day.play_count })));
    expect(element.points.at(-1)!.date).to.equal(utcDay(0));
  });

  it('draws them: one vertex a day, the highest at the top, heights in proportion', async () => {
    const element = await trend(`media-id="${KNOWN.mediaId}" days="14" metric="load_count"`);
    const values = element.points.map((point) => point.value);
    const vertices = element
      .shadowRoot!.querySelector('[part~="line"]')!
      .getAttribute('points')!
      .split(' ')
      .map((xy) => xy.split(',').map(Number));
    expect(vertices).to.have.length(14);
    const highest = Math.max(...values);
    vertices.forEach(([x, y], i) => {
      expect(x).to.equal(i * 10);
      expect(y).to.be.closeTo(98 - (values[i]! / highest) * 96, 1e-9);
    });
    expect(Math.min(...vertices.map(([, y]) => y!))).to.be.closeTo(2, 1e-9);
  });

  it('the total, and its change against the period before, are right', async () => {
    // A quarter against the one before: the media has grown by far more than a rounding error.
    const days = await truth(90, KNOWN.mediaId);
    const previous = days.slice(0, 90).reduce((sum, day) => sum + day.play_count, 0);
    const current = days.slice(90).reduce((sum, day) => sum + day.play_count, 0);
    expect(Math.abs(current - previous) / previous, 'the test needs a clear change').to.be.greaterThan(0.1);
    const element = await trend(`media-id="${KNOWN.mediaId}" days="90"`);
    expect(partText(element, 'total')).to.equal(current.toLocaleString('en-US'));
    expect(partText(element, 'label')).to.equal('plays');
    expect(partText(element, 'change')).to.equal(changeText(current, previous, 90));
    const direction = current > previous ? 'up' : current < previous ? 'down' : 'flat';
    expect(element.shadowRoot!.querySelector('[part~="change"]')!.getAttribute('part')).to.equal(`change ${direction}`);
  });

  it('asks for both periods in one request, from the day 2 × days ago to today (UTC)', async () => {
    const before = fetched.length;
    await trend(`media-id="${KNOWN.otherMediaId}" days="10"`);
    const asked = fetched.slice(before).filter((url) => url.includes('/by_date'));
    expect(asked).to.deep.equal([
      `${worker}/v1/stats/medias/${KNOWN.otherMediaId}/by_date.json?start_date=${utcDay(-19)}&end_date=${utcDay(0)}`,
    ]);
  });

  it('without media-id, the account; hours watched are written as hours', async () => {
    const days = await truth(7);
    const hours = days.slice(7).reduce((sum, day) => sum + day.hours_watched, 0);
    const element = await trend('metric="hours_watched" days="7"');
    expect(element.points.map((point) => point.value)).to.deep.equal(days.slice(7).map((day) => day.hours_watched));
    expect(partText(element, 'total')).to.equal(
      `${new Intl.NumberFormat('en-US', { maximumFractionDigits: hours < 100 ? 1 : 0 }).format(hours)} hours`,
    );
    expect(partText(element, 'label')).to.equal('watched');
  });

  it('tells screen readers the period, the total, the change and the busiest day', async () => {
    const days = await truth(7, KNOWN.mediaId);
    const current = days.slice(7);
    const element = await trend(`media-id="${KNOWN.mediaId}" days="7"`);
    const svg = element.shadowRoot!.querySelector('svg')!;
    expect(svg.getAttribute('role')).to.equal('img');
    const summary = element.shadowRoot!.getElementById(svg.getAttribute('aria-labelledby')!)!.textContent!;
    const total = current.reduce((sum, day) => sum + day.play_count, 0);
    expect(summary).to.contain('Plays per day over the last 7 days');
    expect(summary).to.contain(`${total.toLocaleString('en-US')} in total`);
    const busiest = current.reduce((best, day) => (day.play_count > best.play_count ? day : best));
    expect(summary).to.contain(
      `Busiest day: ${new Intl.DateTimeFormat('en-US', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(Date.parse(busiest.date))}, ${busiest.play_count.toLocaleString('en-US')}.`,
    );
  });

  it('one day reads as one: "1 play", "the previous day", not "1 plays" and "1 days"', async () => {
    const element = await trend(`media-id="${KNOWN.mediaId}" days="1"`, `${location.origin}/__fake/by-date-from-nothing`);
    expect(partText(element, 'total')).to.equal('1');
    expect(partText(element, 'label')).to.equal('play');
    expect(partText(element, 'change')).to.equal('new vs the previous day');
    const summary = element.shadowRoot!.querySelector('[part~="summary"]')!.textContent!;
    expect(summary).to.match(/^Plays on [A-Z][a-z]{2} \d{1,2}: 1, none in the previous day\.$/);
  });

  it('a rise from nothing reads "new", not an infinite percentage', async () => {
    const element = await trend(`media-id="${KNOWN.mediaId}" days="5"`, `${location.origin}/__fake/by-date-from-nothing`);
    expect(partText(element, 'change')).to.equal('new vs the previous 5 days');
    expect(element.points.map((point) => point.value)).to.deep.equal([1, 2, 3, 4, 5]);
  });

  it('themable: the line takes --wistia-trend-line-color', async () => {
    const element = await trend(`media-id="${KNOWN.mediaId}" days="7" style="--wistia-trend-line-color: rgb(1, 2, 3)"`);
    expect(getComputedStyle(element.shadowRoot!.querySelector('[part~="line"]')!).stroke).to.equal('rgb(1, 2, 3)');
  });

  for (const [what, attributes] of [
    ['a metric it cannot chart', `media-id="${KNOWN.mediaId}" metric="visitors"`],
    ['days 0', `media-id="${KNOWN.mediaId}" days="0"`],
    ['days over a year', `media-id="${KNOWN.mediaId}" days="400"`],
    ['days not a number', `media-id="${KNOWN.mediaId}" days="many"`],
    ['a bad media id', 'media-id="NOT/AN-ID"'],
    // Taken by the other elements; a trend silently showing the account instead would mislead.
    ['a project id', `project-id="${KNOWN.projectId}"`],
  ] as const) {
    it(`${what}: a readable error and wistia-error, no request`, () => expectBadAttributes('wistia-trend', attributes, 'by_date'));
  }

  it('a media Wistia does not have: the Worker’s 404, readable', async () => {
    const element = await trend(`media-id="${KNOWN.missingMediaId}"`);
    expect(partText(element, 'error')).to.match(/no such/i);
  });
});
