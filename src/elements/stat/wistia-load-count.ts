import { define } from '../../core/base-element.ts';
import { WistiaStat } from './wistia-stat.ts';

/**
 * How many times the video (or project, or account) was loaded: `<wistia-stat>` with `metric="load_count"`: takes the same attributes, slots, parts and custom properties.
 *
 * @element wistia-load-count
 * @slot - A label shown after the number.
 * @fires wistia-stats-update - New data reached the element. `detail: {resource, data}`.
 * @fires wistia-error - A request failed or an attribute is wrong. `detail: {resource, status, code, message}`.
 * @csspart value - The formatted number.
 * @csspart label - Wraps the default slot.
 * @csspart loading - Shown until the first answer.
 * @csspart error - The readable error.
 */
export class WistiaLoadCount extends WistiaStat {
  protected override readonly fixedMetric = 'load_count';
}

define('wistia-load-count', WistiaLoadCount);

declare global {
  interface HTMLElementTagNameMap {
    'wistia-load-count': WistiaLoadCount;
  }
}
