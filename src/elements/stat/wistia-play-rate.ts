import { define } from '../../core/define.ts';
import { StatElement } from './stat-element.ts';

/**
 * The share of visitors who clicked play, as a percentage (media scope only): `<wistia-stat metric="play_rate">`, with the same attributes (but `metric`), slot, parts and custom properties.
 *
 * @element wistia-play-rate
 * @slot - A label shown after the number.
 * @attr {boolean} stale - Set by the element while the value shown is an older one.
 * @fires {StatsUpdateDetail} wistia-stats-update - New data reached the element. `detail: {resource, data}`.
 * @fires {StatsErrorDetail} wistia-error - A request failed or an attribute is wrong. `detail: {resource, status, code, message}`.
 * @csspart value - The formatted number.
 * @csspart label - Wraps the default slot.
 * @csspart loading - Shown until the first answer.
 * @csspart error - The readable error.
 */
export class WistiaPlayRate extends StatElement {
  protected override readonly shownMetric = 'play_rate';
}

define('wistia-play-rate', WistiaPlayRate);

declare global {
  interface HTMLElementTagNameMap {
    'wistia-play-rate': WistiaPlayRate;
  }
}
