import { define } from '../../core/define.ts';
import { StatElement } from './stat-element.ts';

/**
 * How many times the video (or project, or account) was loaded: `<wistia-stat metric="load_count">`, with the same attributes (but `metric`), slot, parts and custom properties.
 *
 * @element wistia-load-count
 * @slot - A label shown after the number.
 * @attr {boolean} stale - Set by the element while the value shown is an older one.
 * @fires {StatsUpdateDetail} wistia-stats-update - New data reached the element. `detail: {resource, data}`.
 * @fires {StatsErrorDetail} wistia-error - A request failed or an attribute is wrong. `detail: {resource, status, code, message}`.
 * @csspart value - The formatted number.
 * @csspart label - Wraps the default slot.
 * @csspart loading - Shown until the first answer.
 * @csspart error - The readable error.
 */
export class WistiaLoadCount extends StatElement {
  protected override readonly shownMetric = 'load_count';
}

define('wistia-load-count', WistiaLoadCount);

declare global {
  interface HTMLElementTagNameMap {
    'wistia-load-count': WistiaLoadCount;
  }
}
