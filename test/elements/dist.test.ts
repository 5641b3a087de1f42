/**
 * DESIGN.md, "Delivery": the built dist/wistia-stats.js works from a plain HTML page with
 * only a script tag — here loaded twice, as a CMS might, without an error.
 * (`npm test` builds it first.)
 */
import { expect, waitUntil } from '@open-wc/testing';
import { KNOWN } from '../../demo/simulated-account/catalogue.ts';
import { testEnv, wistia } from './helpers.ts';

const { worker } = await testEnv();

describe('dist/wistia-stats.js from a plain page', () => {
  it('registers every element and shows live values, even loaded twice', async () => {
    const bundle = `${location.origin}/dist/wistia-stats.js`;
    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html>
      <script>window.problems = []; addEventListener('error', (e) => problems.push(String(e.message)));</script>
      <script type="module" src="${bundle}"></script>
      <script type="module" src="${bundle}?loaded-again"></script>
      <wistia-play-count endpoint="${worker}" media-id="${KNOWN.mediaId}" locale="en-US"></wistia-play-count>
      <wistia-stats endpoint="${worker}"><wistia-engagement media-id="${KNOWN.mediaId}"></wistia-engagement></wistia-stats>`;
    document.body.append(frame);
    try {
      await waitUntil(() => frame.contentDocument?.querySelector('wistia-play-count')?.shadowRoot?.querySelector('[part="value"]'), 'no value in the plain page', { timeout: 10_000 });
      const page = frame.contentWindow as Window & { problems: string[]; customElements: CustomElementRegistry };
      for (const tag of ['wistia-stats', 'wistia-stat', 'wistia-play-count', 'wistia-load-count', 'wistia-visitor-count', 'wistia-hours-watched', 'wistia-play-rate', 'wistia-engagement', 'wistia-heatmap', 'wistia-milestone']) {
        expect(page.customElements.get(tag), tag).to.exist;
      }
      const { play_count: plays } = await wistia<{ play_count: number }>(`/v1/stats/medias/${KNOWN.mediaId}.json`);
      const shown = frame.contentDocument!.querySelector('wistia-play-count')!.shadowRoot!.querySelector('[part="value"]')!.textContent;
      expect(shown).to.equal(new Intl.NumberFormat('en-US').format(plays));
      await waitUntil(() => frame.contentDocument!.querySelector('wistia-engagement')!.shadowRoot!.querySelector('svg'), 'no graph');
      expect(page.problems).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });
});
