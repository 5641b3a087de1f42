import { ACTION_METRICS, METRICS } from '../../core/resources.ts';
import { define } from '../../core/define.ts';
import { StatElement } from './stat-element.ts';

/**
 * One live number from Wistia's stats: for a media (`media-id`), a project (`project-id`),
 * or the whole account (neither). With `action`, a number of one of the media's actions:
 * `<wistia-stat media-id="abc123" action="Call to Action" metric="rate">`.
 *
 * @element wistia-stat
 * @slot - A label shown after the number, e.g. `plays`.
 * @attr {boolean} stale - Set by the element while the value shown is an older one (a refresh failed, or the Worker served its stale copy).
 * @fires {StatsUpdateDetail} wistia-stats-update - New data reached the element. `detail: {resource, data}`.
 * @fires {StatsErrorDetail} wistia-error - A request failed or an attribute is wrong. `detail: {resource, status, code, message}`.
 * @csspart value - The formatted number.
 * @csspart label - Wraps the default slot.
 * @csspart loading - Shown until the first answer.
 * @csspart error - The readable error, shown when there is no value to keep.
 */
export class WistiaStat extends StatElement {
  static override properties = { metric: {}, action: {} };

  /**
   * Which number. A media has all but `number_of_videos`; a project `load_count`, `play_count`, `hours_watched`, `number_of_videos`; the account the first three.
   * With `action`: `action_count`, `impression_count` or `rate` (shown as a percentage).
   */
  declare metric?:
    | 'load_count'
    | 'play_count'
    | 'play_rate'
    | 'hours_watched'
    | 'engagement'
    | 'visitors'
    | 'number_of_videos'
    | 'action_count'
    | 'impression_count'
    | 'rate';

  /** One of the video's actions, by its type as Wistia names it: `Call to Action`, `Turnstile` or `Annotation`. Needs `media-id`. */
  declare action?: string;

  protected override get shownMetric() {
    return this.metric;
  }

  protected override get shownAction() {
    return this.action;
  }
}

// The manifest lists the allowed values from the union above; this keeps it true to the Worker's list.
METRICS satisfies ReadonlyArray<NonNullable<WistiaStat['metric']>>;
ACTION_METRICS satisfies ReadonlyArray<NonNullable<WistiaStat['metric']>>;

define('wistia-stat', WistiaStat);

declare global {
  interface HTMLElementTagNameMap {
    'wistia-stat': WistiaStat;
  }
}
