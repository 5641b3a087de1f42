/** docs/architecture.md, "The page side" › "Elements", `<wistia-engagement>`: the engagement graph as accessible, themable SVG. */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.ts';
import { KNOWN, MEDIA_IDS } from '../../demo/simulated-account/catalogue.ts';
import type { WistiaEngagement } from '../../src/index.ts';
import type { MediaEngagement } from '../../src/wistia-api.ts';
import { partText, record, settled, testEnv, wistia } from './helpers.ts';

const { worker } = await testEnv();
const graph = (mediaId: string, extra = '') =>
  fixture<WistiaEngagement>(html`<div style="width: 640px">${'' /* the width it scales to */}</div>`).then(async (parent) => {
    parent.innerHTML = `<wistia-engagement endpoint="${worker}" media-id="${mediaId}" ${extra}></wistia-engagement>`;
    const element = parent.firstElementChild as WistiaEngagement;
    await settled(element, 'graph');
    return element;
  });

describe('<wistia-engagement>', () => {
  it('draws one bar per data point, and the rewatch bars over them', async () => {
    const truth = await wistia<MediaEngagement>(`/v1/stats/medias/${KNOWN.mediaId}/engagement.json`);
    const element = await graph(KNOWN.mediaId);
    const bars = element.shadowRoot!.querySelectorAll('[part="bar"]');
    const rewatches = element.shadowRoot!.querySelectorAll('[part="rewatch"]');
    expect(bars.length).to.equal(truth.engagement_data.length);
    expect(rewatches.length).to.equal(truth.rewatch_data.length);
    // The tallest point fills the graph; heights follow the data.
    const heights = [...bars].map((bar) => Number(bar.getAttribute('height')));
    const tallest = truth.engagement_data.indexOf(Math.max(...truth.engagement_data));
    expect(heights[tallest]).to.be.closeTo(element.height, 0.01);
    expect(heights[0]! / heights[tallest]!).to.be.closeTo(truth.engagement_data[0]! / truth.engagement_data[tallest]!, 0.001);
  });

  it('scales to its width', async () => {
    const element = await graph(KNOWN.mediaId);
    const svg = element.shadowRoot!.querySelector('svg')!;
    expect(svg.getBoundingClientRect().width).to.be.closeTo(640, 1);
    expect(svg.getAttribute('viewBox')).to.equal(`0 0 640 ${element.height}`);
  });

  it('tells screen readers what the graph shows', async () => {
    const truth = await wistia<MediaEngagement>(`/v1/stats/medias/${KNOWN.mediaId}/engagement.json`);
    const element = await graph(KNOWN.mediaId);
    const svg = element.shadowRoot!.querySelector('svg')!;
    expect(svg.getAttribute('role')).to.equal('img');
    const summary = element.shadowRoot!.getElementById(svg.getAttribute('aria-labelledby')!)!;
    const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 }).format(truth.engagement);
    expect(summary.textContent).to.contain(`on average ${percent} of the video is watched`);
    expect(summary.textContent).to.contain(new Intl.NumberFormat().format(truth.engagement_data[0]!));
  });

  it('bars="20" averages the points into 20 bars', async () => {
    const element = await graph(KNOWN.mediaId, 'bars="20"');
    expect(element.shadowRoot!.querySelectorAll('[part="bar"]').length).to.equal(20);
  });

  it('bar-image draws every bar as a stack of that picture (the purple cats)', async () => {
    const element = await graph(KNOWN.mediaId, 'bars="12" bar-image="/demo/purple-cat.svg"');
    const image = element.shadowRoot!.querySelector('pattern image')!;
    expect(image.getAttribute('href')).to.equal('/demo/purple-cat.svg');
    const bar = element.shadowRoot!.querySelector('[part="bar"]')!;
    expect(getComputedStyle(bar).fill).to.contain('#bar-image');
  });

  it('is themed through --wistia-engagement-bar-color and ::part(bar)', async () => {
    const style = document.createElement('style');
    style.textContent = `.themed { --wistia-engagement-bar-color: rgb(10, 200, 30); } .other::part(rewatch) { fill: rgb(1, 2, 3); }`;
    document.head.append(style);
    const element = await graph(MEDIA_IDS[2]!);
    element.classList.add('themed', 'other');
    await element.updateComplete;
    expect(getComputedStyle(element.shadowRoot!.querySelector('[part="bar"]')!).fill).to.equal('rgb(10, 200, 30)');
    expect(getComputedStyle(element.shadowRoot!.querySelector('[part="rewatch"]')!).fill).to.equal('rgb(1, 2, 3)');
    style.remove();
  });

  it('bad attributes and missing media show an error and fire wistia-error', async () => {
    for (const [extra, code] of [
      ['', 'not_found'],
      ['height="tall"', 'bad_attribute'],
      ['bars="0"', 'bad_attribute'],
    ] as const) {
      const errors = record(document, 'wistia-error');
      const parent = await fixture(html`<div></div>`);
      parent.innerHTML = `<wistia-engagement endpoint="${worker}" media-id="${extra ? KNOWN.mediaId : KNOWN.missingMediaId}" ${extra}></wistia-engagement>`;
      const element = parent.firstElementChild!;
      await settled(element, 'error');
      expect(partText(element, 'error')!.length, extra).to.be.greaterThan(10);
      expect(errors.find((event) => event.target === element)?.detail.code, extra).to.equal(code);
    }
  });
});
