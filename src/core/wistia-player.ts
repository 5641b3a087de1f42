/**
 * The visitor key Wistia's own player on this page knows the viewer by: the key Wistia records
 * viewing sessions under, which the Worker checks a claim against when `CLAIM_VERIFY=viewer`.
 * The current player is the `<wistia-player>` element (ready after its `api-ready` event); the
 * older embeds hand out a player through the `window._wq` queue. Either may expose the key as
 * a `visitorKey` property or a `visitorKey()` method; anything that is not a key is ignored.
 */
import { ID_PATTERNS } from '../wistia-api.ts';

const WAIT_MS = 3_000;

type Player = { visitorKey?: unknown };
type Queue = Array<{ id: string; onReady: (player: Player) => void }>;

const keyOf = (player: Player | null | undefined): string | undefined => {
  const key = typeof player?.visitorKey === 'function' ? (player.visitorKey as () => unknown).call(player) : player?.visitorKey;
  return typeof key === 'string' && ID_PATTERNS.visitorKey.test(key) ? key : undefined;
};

/** The player's visitor key, waiting a moment for a player still loading; undefined without one. */
export function playerVisitorKey(): Promise<string | undefined> {
  const element = document.querySelector('wistia-player') as (HTMLElement & Player) | null;
  const queue = (window as { _wq?: Queue })._wq;
  if (!element && !Array.isArray(queue)) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const ready = keyOf(element);
    if (ready) return resolve(ready);
    setTimeout(() => resolve(keyOf(element)), WAIT_MS);
    element?.addEventListener('api-ready', () => resolve(keyOf(element)), { once: true });
    queue?.push({
      id: '_all',
      onReady: (player) => {
        const key = keyOf(player);
        if (key) resolve(key);
      },
    });
  });
}
