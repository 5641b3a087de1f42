/**
 * docs/architecture.md, "The page side": the elements inside a React 19 root and a Vue 3 app,
 * with numbers written the way each framework's users write them (both set properties, so
 * `refresh="1"` arrives as the string "1") and events received through each framework's own
 * syntax. The elements come from the built drop-in, as a site owner's app would load them.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { KNOWN } from '../../demo/simulated-account/catalogue.ts';
import type * as Frameworks from './frameworks.ts';
import { doorCounts, settled, testEnv, total, visibleText, wistia } from './helpers.ts';

const { worker } = await testEnv();
const bundled = '/__frameworks.js';
const { createElement, createRoot, flushSync, createApp, nextTick } = (await import(/* @vite-ignore */ bundled)) as typeof Frameworks;
await import(/* @vite-ignore */ `${worker}/wistia-stats.js`);

const media = await wistia<{ play_count: number }>(`/v1/stats/medias/${KNOWN.mediaId}.json`);
const plays = `${new Intl.NumberFormat('en-US').format(media.play_count)} plays`;

/** What each framework's app reports: updates heard through its own event syntax, errors. */
interface Heard {
  updates: number;
  errors: string[];
}

async function checkApp(host: HTMLElement, heard: Heard): Promise<void> {
  const count = host.querySelector('wistia-play-count')!;
  const graph = host.querySelector('wistia-engagement')!;
  await settled(count);
  await settled(graph, 'graph');
  expect(heard.errors).to.deep.equal([]);
  expect(visibleText(count)).to.equal(plays);
  expect(graph.shadowRoot!.querySelector('svg')!.getBoundingClientRect().height, 'height="60"').to.equal(60);
  expect(graph.shadowRoot!.querySelectorAll('rect[part~="bar"]'), 'bars="12"').to.have.length(12);
  await waitUntil(() => heard.updates > 0, 'the framework heard no wistia-stats-update');
  // refresh="1", a string, polls.
  await doorCounts(true);
  await waitUntil(async () => total(await doorCounts(), 'GET') >= 2, 'refresh="1" did not poll', { timeout: 8_000 });
}

describe('React 19 and Vue 3 apps', () => {
  it('React: attributes as JSX writes them, events through on<event-name> props', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const heard: Heard = { updates: 0, errors: [] };
    const root = createRoot(host);
    // <wistia-play-count media-id=… refresh="1" locale="en-US" onwistia-stats-update={…}>plays</wistia-play-count>
    flushSync(() =>
      root.render(
        createElement(
          'div',
          null,
          createElement(
            'wistia-play-count',
            {
              'media-id': KNOWN.mediaId,
              endpoint: worker,
              refresh: '1',
              locale: 'en-US',
              'onwistia-stats-update': () => heard.updates++,
              'onwistia-error': (event: CustomEvent) => heard.errors.push(event.detail.message),
            },
            'plays',
          ),
          createElement('wistia-engagement', { 'media-id': KNOWN.mediaId, endpoint: worker, height: '60', bars: '12' }),
        ),
      ),
    );
    try {
      await checkApp(host, heard);
    } finally {
      root.unmount();
      host.remove();
    }
  });

  it('Vue: attributes as a template writes them, events through @event-name', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const heard: Heard = { updates: 0, errors: [] };
    const app = createApp({
      template: `<div>
        <wistia-play-count :media-id="mediaId" :endpoint="endpoint" refresh="1" locale="en-US"
          @wistia-stats-update="heard.updates++" @wistia-error="heard.errors.push($event.detail.message)">plays</wistia-play-count>
        <wistia-engagement :media-id="mediaId" :endpoint="endpoint" height="60" bars="12"></wistia-engagement>
      </div>`,
      data: () => ({ mediaId: KNOWN.mediaId, endpoint: worker, heard }),
    });
    app.config.compilerOptions.isCustomElement = (tag: string) => tag.startsWith('wistia-');
    app.mount(host);
    await nextTick();
    try {
      await checkApp(host, heard);
    } finally {
      app.unmount();
      host.remove();
    }
  });
});
