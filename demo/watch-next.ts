/**
 * The watch-next demo: a stand-in for Wistia's `<wistia-player>` (the parts of its API the
 * elements use), watched by a viewer the simulated account knows well. Finishing a video
 * records the viewing session in the simulated account (/__sim/view), as Wistia would, and
 * fires the player's `ended` event.
 */
import { account, loadDropIn, note } from './drop-in.ts';
import { KNOWN } from './simulated-account/catalogue.ts';

const log = document.querySelector('#log')!;

type StandIn = HTMLElement & { visitorKey: string; mediaId: string; replaceWithMedia(id: string): Promise<void>; play(): Promise<void> };
const player = document.querySelector('#player') as StandIn;
const nowPlaying = document.querySelector('#now-playing')!;
const state = document.querySelector('#player-state')!;
let pickedName = nowPlaying.textContent ?? '';

Object.assign(player, {
  visitorKey: KNOWN.bingeVisitorKey,
  mediaId: KNOWN.mediaId,
  async replaceWithMedia(this: StandIn, mediaId: string) {
    this.mediaId = mediaId;
    this.setAttribute('media-id', mediaId);
    nowPlaying.textContent = pickedName;
  },
  async play() {
    state.textContent = 'Playing…';
  },
});

/** A viewing session of the video now in the player, as Wistia records it. */
async function record(percentViewed: number): Promise<void> {
  await fetch(`${account}/__sim/view`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ mediaId: player.mediaId, visitorKey: player.visitorKey, percentViewed }),
  });
}

document.querySelector('#finish')!.addEventListener('click', async () => {
  await record(1);
  state.textContent = 'Finished';
  note(log, `Watched “${nowPlaying.textContent}” to the end: the player fired ended.`);
  player.dispatchEvent(new Event('ended'));
});

document.querySelector('#leave')!.addEventListener('click', async () => {
  await record(0.45);
  state.textContent = 'Stopped at 45 %';
  note(log, `Stopped “${nowPlaying.textContent}” halfway: it joins “pick up where you left off” at the next refresh.`);
});

document.addEventListener('wistia-recommendation-select', (event) => {
  pickedName = event.detail.name;
  note(log, `wistia-recommendation-select: ${event.detail.name} (${event.detail.hashed_id}).`);
});
document.addEventListener('wistia-error', (event) => note(log, `wistia-error: ${event.detail.message}`));

loadDropIn();
