import { define } from '../../core/define.ts';
import { StatElement } from './stat-element.ts';

/**
 * Time spent watching, in words ("21.9 hours"): `<wistia-stat metric="hours_watched">`, with the same attributes (but `metric`), slot, parts and custom properties.
 *
 * @element wistia-hours-watched
 * @slot - A label shown after the number.
 * @attr {boolean} stale - Set by the element while the value shown is an older one.
 * @fires {StatsUpdateDetail} wistia-stats-update - New data reached the element. `detail: {resource, data}`.
 * @fires {StatsErrorDetail} wistia-error - A request failed or an attribute is wrong. `detail: {resource, status, code, message}`.
 * @csspart value - The formatted number.
 * @csspart label - Wraps the default slot.
 * @csspart loading - Shown until the first answer.
 * @csspart error - The readable error.
 */
export class WistiaHoursWatched extends StatElement {
  protected override readonly shownMetric = 'hours_watched';
}

define('wistia-hours-watched', WistiaHoursWatched);

declare global {
  interface HTMLElementTagNameMap {
    'wistia-hours-watched': WistiaHoursWatched;
  }
}
