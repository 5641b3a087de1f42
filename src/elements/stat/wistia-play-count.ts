import { define } from '../../core/base-element.ts';
import { WistiaStat } from './wistia-stat.ts';

/**
 * How many times the video (or project, or account) was played: `<wistia-stat>` with `metric="play_count"`: takes the same attributes, slots, parts and custom properties.
 *
 * @element wistia-play-count
 * @slot - A label shown after the number.
 * @fires wistia-stats-update - New data reached the element. `detail: {resource, data}`.
 * @fires wistia-error - A request failed or an attribute is wrong. `detail: {resource, status, code, message}`.
 * @csspart value - The formatted number.
 * @csspart label - Wraps the default slot.
 * @csspart loading - Shown until the first answer.
 * @csspart error - The readable error.
 */
export class WistiaPlayCount extends WistiaStat {
  protected override readonly fixedMetric = 'play_count';
}

define('wistia-play-count', WistiaPlayCount);

declare global {
  interface HTMLElementTagNameMap {
    'wistia-play-count': WistiaPlayCount;
  }
}
