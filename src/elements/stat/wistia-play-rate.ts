import { define } from '../../core/base-element.ts';
import { WistiaStat } from './wistia-stat.ts';

/**
 * The share of visitors who clicked play, as a percentage (media scope only): `<wistia-stat>` with `metric="play_rate"`: takes the same attributes, slots, parts and custom properties.
 *
 * @element wistia-play-rate
 * @slot - A label shown after the number.
 * @fires wistia-stats-update - New data reached the element. `detail: {resource, data}`.
 * @fires wistia-error - A request failed or an attribute is wrong. `detail: {resource, status, code, message}`.
 * @csspart value - The formatted number.
 * @csspart label - Wraps the default slot.
 * @csspart loading - Shown until the first answer.
 * @csspart error - The readable error.
 */
export class WistiaPlayRate extends WistiaStat {
  protected override readonly fixedMetric = 'play_rate';
}

define('wistia-play-rate', WistiaPlayRate);

declare global {
  interface HTMLElementTagNameMap {
    'wistia-play-rate': WistiaPlayRate;
  }
}
