/**
 * docs/architecture.md, "Delivery": the drop-in finds the tags of the page by itself; tags in
 * the shadow root of a site's own component are out of its sight until the component hands
 * the root to `discover()`. Its own page, so no family of elements is loaded beforehand.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { KNOWN } from '../../demo/simulated-account/catalogue.ts';
import { testEnv, visibleText, wistia } from './helpers.ts';

const { worker } = await testEnv();
const media = await wistia<Record<string, number>>(`/v1/stats/medias/${KNOWN.mediaId}.json`);

/** A site's own component that shows a play count in its shadow root. */
class SiteCard extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).innerHTML =
      `<p>Seen <wistia-play-count media-id="${KNOWN.mediaId}" locale="en-US"></wistia-play-count> times</p>
      <wistia-engagement media-id="${KNOWN.mediaId}"><span id="raw">what the site wrote inside</span></wistia-engagement>`;
  }
}
customElements.define('site-card', SiteCard);

describe('the drop-in and the shadow roots of other components', () => {
  it('a counter there shows at once (the drop-in carries it); a graph there once the root is handed to discover(), and so does one added later', async () => {
    document.body.insertAdjacentHTML('beforeend', '<site-card></site-card>');
    const { discover } = (await import(/* @vite-ignore */ `${worker}/wistia-stats.js`)) as { discover(root: ParentNode): void };
    const root = document.querySelector('site-card')!.shadowRoot!;
    const count = root.querySelector('wistia-play-count')!;
    await waitUntil(() => count.shadowRoot?.querySelector('[part~="value"]'), 'the counter in the shadow root never showed a value', {
      timeout: 14_000,
    });
    expect(visibleText(count)).to.equal(new Intl.NumberFormat('en-US').format(media.play_count!));
    // Nothing outside the shadow root asks for the graph.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(customElements.get('wistia-engagement'), 'loaded without being asked').to.equal(undefined);

    const raw = root.querySelector('#raw')!;
    expect(raw.checkVisibility(), 'before discover(), the drop-in does not touch the root').to.equal(true);
    discover(root);
    // At once, while the graph's code is still on its way: the tag's content is hidden there too.
    expect(customElements.get('wistia-engagement'), 'the premise: not loaded yet').to.equal(undefined);
    expect(raw.checkVisibility(), 'an undefined graph’s content, once the root is handed over').to.equal(false);
    const graph = root.querySelector('wistia-engagement')!;
    await waitUntil(() => graph.shadowRoot?.querySelector('[part~="graph"]'), 'the graph in the shadow root was never loaded', {
      timeout: 14_000,
    });
    root.querySelector('p')!.insertAdjacentHTML('afterend', `<wistia-trend media-id="${KNOWN.mediaId}"></wistia-trend>`);
    const trend = root.querySelector('wistia-trend')!;
    await waitUntil(() => trend.shadowRoot?.querySelector('[part~="chart"]'), 'a trend added to the shadow root later was never loaded', {
      timeout: 14_000,
    });
  });
});
