/** docs/architecture.md, "The page side" › "Elements", `<wistia-heatmap>`: the heatmap iframe of one viewing session, through the Worker. */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.ts';
import { KNOWN } from '../../demo/simulated-account/catalogue.ts';
import type { WistiaHeatmap } from '../../src/index.ts';
import { partText, record, settled, testEnv } from './helpers.ts';

const { worker } = await testEnv();

describe('<wistia-heatmap>', () => {
  it('frames the Worker’s heatmap route for the event key', async () => {
    const element = await fixture<WistiaHeatmap>(html`<wistia-heatmap endpoint=${worker} event-key=${KNOWN.eventKey}></wistia-heatmap>`);
    await settled(element, 'frame');
    const frame = element.shadowRoot!.querySelector('iframe')!;
    expect(frame.getAttribute('src')).to.equal(`${worker}/v1/stats/events/${KNOWN.eventKey}/iframe.html`);
    expect(frame.getAttribute('title')).to.contain('Heatmap');
    expect(frame.getAttribute('height')).to.equal('70');
  });

  for (const [what, key, endpoint, code] of [
    ['a malformed event key', 'NOT/A/KEY', worker, 'bad_attribute'],
    ['no event key', null, worker, 'bad_attribute'],
    ['the Worker is down', KNOWN.eventKey, 'http://127.0.0.1:9', 'network_error'],
    // The Worker's 404, read and explained: not Wistia's "Event not found." page inside the frame.
    ['a session Wistia does not know', KNOWN.missingEventKey, worker, 'not_found'],
  ] as const) {
    it(`${what}: a readable error and wistia-error (${code})`, async () => {
      const errors = record(document, 'wistia-error');
      const parent = await fixture(html`<div></div>`);
      const element = document.createElement('wistia-heatmap');
      element.setAttribute('endpoint', endpoint);
      if (key) element.setAttribute('event-key', key);
      parent.append(element);
      await settled(element, 'error');
      expect(partText(element, 'error')!.length).to.be.greaterThan(10);
      expect(errors.find((event) => event.target === element)?.detail.code).to.equal(code);
    });
  }
});
