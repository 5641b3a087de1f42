/**
 * docs/architecture.md, "Embeds" and "Badges and cards", where a person sees them: this page
 * (another origin) frames the Worker's embed page and shows its badge and card as images. The
 * frame is read from the test runner's side (the browser keeps a page of another origin from
 * reading it, as it should): its element must show the account's number, formatted as the
 * badge next to it formats it, on a transparent background. (`npm test` builds the drop-in first.)
 */
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { KNOWN } from '../../demo/simulated-account/catalogue.ts';
import { testEnv, transparent, wistia } from './helpers.ts';

const { worker } = await testEnv();
const media = await wistia<Record<string, number>>(`/v1/stats/medias/${KNOWN.mediaId}.json`);

interface FrameView {
  defined: boolean;
  value: string | null;
  label: string;
  backgrounds: string[];
  size: { width: number; height: number };
}

/** What the framed page shows, read through the browser's own tools (web-test-runner.config.mjs, "embedded-frame"). */
const frameView = async (url: string): Promise<FrameView | undefined> =>
  (await executeServerCommand<FrameView | false, { url: string }>('embedded-frame', { url })) || undefined;

/** The size messages an embed sends its host, by the frame's URL. */
const sizes = new Map<string, { width: number; height: number }>();
addEventListener('message', (event) => {
  const size = (event.data as { 'wistia-stats-embed'?: { width: number; height: number; src: string } })?.['wistia-stats-embed'];
  if (size && event.origin === new URL(worker).origin) sizes.set(size.src, size);
});

const counterUrl = `${worker}/embed/wistia-play-count?media-id=${KNOWN.mediaId}&locale=de-DE&label=plays`;
const graphUrl = `${worker}/embed/wistia-engagement?media-id=${KNOWN.mediaId}&height=60`;
const badgeUrl = `${worker}/v1/badges/medias/${KNOWN.mediaId}/play_count.svg?locale=de-DE`;
const cardUrl = `${worker}/v1/cards/medias/${KNOWN.mediaId}.svg?title=Product%20tour`;

document.body.insertAdjacentHTML(
  'beforeend',
  `<div style="background: rgb(255, 200, 0)">
    <iframe id="counter" src="${counterUrl}" width="240" height="40" style="border:0"></iframe>
    <iframe id="graph" src="${graphUrl}" width="400" height="80" style="border:0"></iframe>
    <img id="badge" src="${badgeUrl}" alt=""><img id="card" src="${cardUrl}" alt="">
  </div>`,
);

describe('an embed in an iframe of another origin, and the badge beside it', () => {
  let counter: FrameView;

  before(async () => {
    await waitUntil(
      async () => {
        const view = await frameView(counterUrl);
        if (view?.value) counter = view;
        return Boolean(view?.value);
      },
      'the embedded counter showed no value',
      { timeout: 15_000, interval: 250 },
    );
  });

  it('shows its element, from the Worker’s drop-in, with the account’s number and its label', () => {
    expect(counter.defined).to.equal(true);
    expect(counter.value).to.equal(new Intl.NumberFormat('de-DE').format(media.play_count!));
    expect(counter.label).to.equal('plays');
  });

  it('is transparent: the host page’s colour shows through', () => {
    for (const background of counter.backgrounds) expect(transparent(background), background).to.equal(true);
  });

  it('is sized to its content, and tells its host that size', async () => {
    expect(counter.size.width).to.be.greaterThan(20).and.lessThan(240);
    expect(counter.size.height).to.be.greaterThan(10).and.lessThan(40);
    await waitUntil(() => sizes.get(counterUrl)?.width === Math.ceil(counter.size.width), 'no size message from the frame', {
      timeout: 5_000,
    });
  });

  it('a graph embed draws its graph across the frame', async () => {
    let graph: FrameView | undefined;
    await waitUntil(async () => (graph = await frameView(graphUrl))?.size.height === 60, 'the graph did not draw', {
      timeout: 15_000,
      interval: 250,
    });
    expect(graph!.size.width).to.equal(400);
  });

  it('the badge is an image the browser draws, and reads as the element reads', async () => {
    const badge = document.querySelector<HTMLImageElement>('#badge')!;
    const card = document.querySelector<HTMLImageElement>('#card')!;
    await waitUntil(() => badge.complete && card.complete, 'the images did not load', { timeout: 10_000 });
    expect(badge.naturalWidth).to.be.greaterThan(40);
    expect(badge.naturalHeight).to.equal(20);
    expect(card.naturalWidth).to.be.greaterThan(300);
    // Chromium's own XML parser, strict as the SVG spec is.
    const svg = new DOMParser().parseFromString(await (await fetch(badgeUrl)).text(), 'image/svg+xml');
    expect(svg.querySelector('parsererror')).to.equal(null);
    expect(svg.documentElement.namespaceURI).to.equal('http://www.w3.org/2000/svg');
    const texts = [...svg.querySelectorAll('text:not([aria-hidden])')].map((text) => text.textContent);
    expect(texts).to.deep.equal(['plays', counter.value]);
  });
});
