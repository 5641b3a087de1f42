/**
 * Wistia's own player on this page. The visitor key it knows the viewer by is the key Wistia
 * records viewing sessions under: the Worker checks a claim against it when
 * `CLAIM_VERIFY=viewer`, and recommends by it. The current player is the `<wistia-player>`
 * element (ready after its `api-ready` event); the older embeds hand out a player through the
 * `window._wq` queue. Either may expose the key as a `visitorKey` property or a `visitorKey()`
 * method; anything that is not a key is ignored. The recommendations also follow the videos it
 * finishes and play a picked one in it (docs/architecture.md, "Trends, recommendations and
 * call-to-action stats").
 */
import { VISITOR_KEY } from '../wistia-api.ts';

const WAIT_MS = 3_000;

type Player = { visitorKey?: unknown };
/** What the older embeds' player handle offers (Wistia's JavaScript Player API). */
type EmbedHandle = Player & {
  hashedId?: () => unknown;
  bind?: (event: string, listener: () => void) => void;
  unbind?: (event: string, listener: () => void) => void;
};
type Queue = Array<{ id: string; onReady: (player: EmbedHandle) => void }>;

const queue = (): Queue | undefined => {
  const wq = (window as { _wq?: unknown })._wq;
  return Array.isArray(wq) ? (wq as Queue) : undefined;
};

/** The `<wistia-player>` an element points at by id (`for`), else the page's first one. */
export function findPlayer(id?: string): (HTMLElement & Player) | null {
  return id ? document.getElementById(id) : document.querySelector('wistia-player');
}

const keyOf = (player: Player | null | undefined): string | undefined => {
  const key = typeof player?.visitorKey === 'function' ? (player.visitorKey as () => unknown).call(player) : player?.visitorKey;
  return typeof key === 'string' && VISITOR_KEY.pattern.test(key) ? key : undefined;
};

/** The player's visitor key, waiting a moment for a player still loading; undefined without one. */
export function playerVisitorKey(element: (HTMLElement & Player) | null = findPlayer()): Promise<string | undefined> {
  const wq = queue();
  if (!element && !wq) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const ready = keyOf(element);
    if (ready) return resolve(ready);
    setTimeout(() => resolve(keyOf(element)), WAIT_MS);
    element?.addEventListener('api-ready', () => resolve(keyOf(element)), { once: true });
    wq?.push({
      id: '_all',
      onReady: (player) => {
        const key = keyOf(player);
        if (key) resolve(key);
      },
    });
  });
}

/**
 * Calls `ended` with the media's hashed id each time the viewer finishes a video: in the
 * `<wistia-player>` given (its `ended` event), or, without one, in any older embed (`_wq`,
 * its `end` event). Returns how to stop listening.
 */
export function onVideoEnd(element: HTMLElement | null, ended: (mediaId: string | undefined) => void): () => void {
  if (element) {
    const listener = () => {
      const id = (element as { mediaId?: unknown }).mediaId ?? element.getAttribute('media-id');
      ended(typeof id === 'string' ? id : undefined);
    };
    element.addEventListener('ended', listener);
    return () => element.removeEventListener('ended', listener);
  }
  let stopped = false;
  const unbinds: Array<() => void> = [];
  queue()?.push({
    id: '_all',
    onReady: (video) => {
      if (stopped) return;
      const listener = () => {
        const id = video.hashedId?.();
        ended(typeof id === 'string' ? id : undefined);
      };
      video.bind?.('end', listener);
      unbinds.push(() => video.unbind?.('end', listener));
    },
  });
  return () => {
    stopped = true;
    unbinds.forEach((unbind) => unbind());
  };
}

/** Plays a media in a `<wistia-player>`: swaps its video in (`replaceWithMedia`, else its `media-id`), then plays. */
export async function playIn(element: HTMLElement, mediaId: string): Promise<void> {
  const player = element as HTMLElement & { replaceWithMedia?: (id: string) => unknown; play?: () => unknown };
  if (typeof player.replaceWithMedia === 'function') await player.replaceWithMedia(mediaId);
  else player.setAttribute('media-id', mediaId);
  await player.play?.();
}
