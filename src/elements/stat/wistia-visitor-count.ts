import { define } from '../../core/base-element.ts';
import { WistiaStat } from './wistia-stat.ts';

/**
 * How many unique people loaded the video (media scope only): `<wistia-stat>` with `metric="visitors"`: takes the same attributes, slots, parts and custom properties.
 *
 * @element wistia-visitor-count
 * @slot - A label shown after the number.
 * @fires wistia-stats-update - New data reached the element. `detail: {resource, data}`.
 * @fires wistia-error - A request failed or an attribute is wrong. `detail: {resource, status, code, message}`.
 * @csspart value - The formatted number.
 * @csspart label - Wraps the default slot.
 * @csspart loading - Shown until the first answer.
 * @csspart error - The readable error.
 */
export class WistiaVisitorCount extends WistiaStat {
  protected override readonly fixedMetric = 'visitors';
}

define('wistia-visitor-count', WistiaVisitorCount);

declare global {
  interface HTMLElementTagNameMap {
    'wistia-visitor-count': WistiaVisitorCount;
  }
}
