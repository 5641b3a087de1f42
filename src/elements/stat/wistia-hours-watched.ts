import { define } from '../../core/base-element.ts';
import { WistiaStat } from './wistia-stat.ts';

/**
 * Time spent watching, in words ("21.9 hours"): `<wistia-stat>` with `metric="hours_watched"`: takes the same attributes, slots, parts and custom properties.
 *
 * @element wistia-hours-watched
 * @slot - A label shown after the number.
 * @fires wistia-stats-update - New data reached the element. `detail: {resource, data}`.
 * @fires wistia-error - A request failed or an attribute is wrong. `detail: {resource, status, code, message}`.
 * @csspart value - The formatted number.
 * @csspart label - Wraps the default slot.
 * @csspart loading - Shown until the first answer.
 * @csspart error - The readable error.
 */
export class WistiaHoursWatched extends WistiaStat {
  protected override readonly fixedMetric = 'hours_watched';
}

define('wistia-hours-watched', WistiaHoursWatched);

declare global {
  interface HTMLElementTagNameMap {
    'wistia-hours-watched': WistiaHoursWatched;
  }
}
