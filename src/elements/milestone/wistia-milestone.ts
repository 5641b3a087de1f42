import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { badAttribute, define, isError, WistiaElement } from '../../core/base-element.ts';
import type { MilestoneClaimDetail, MilestoneRef, StatsError } from '../../core/events.ts';
import { formatStat } from '../../core/format.ts';
import { browserVisitorKey, claimMilestone, firstCrossing, hasClaimed } from '../../core/milestones.ts';
import { checkId, numberIn, scopedMetric } from '../../core/resources.ts';
import { StatsController, type StatsTarget } from '../../core/stats-controller.ts';
import { errorView, loadingView, stateStyles } from '../../core/styles.ts';
import { milestoneStyles } from './wistia-milestone.styles.ts';

/** Milestones count up (shares between 0 and 1 have none), each with the word for what it counts. */
const COUNTING: Record<string, string> = {
  load_count: 'loads',
  play_count: 'plays',
  visitors: 'visitors',
  hours_watched: 'hours watched',
  number_of_videos: 'videos',
};

interface Plan {
  endpoint: string;
  resource: string;
  milestone: Omit<MilestoneRef, 'threshold'>;
  /** Ascending. */
  thresholds: number[];
}

/**
 * Progress toward a threshold — or several, `threshold="100,1000,10000"` — for any counting
 * metric of a media, a project or the account. Its content is revealed once a threshold is
 * reached. When the value crosses a threshold while the page is open it fires
 * `wistia-milestone`, once per milestone per browser (a reload does not fire it again); a value
 * already past at load shows as reached and fires nothing.
 *
 * With `claim`, a crossing also asks the Worker for the exactly-once win ("the 1000th viewer
 * wins a puppy"): the one winner worldwide sees the `won` slot, everyone else `missed`.
 *
 * @element wistia-milestone
 * @slot - Revealed when the value reaches a threshold.
 * @slot won - With `claim`: shown to the one visitor who won the milestone.
 * @slot missed - With `claim`: shown to every other visitor whose claim was answered.
 * @fires wistia-milestone - The value crossed a threshold while the page was open. `detail: {metric, threshold, value, scope, id}`.
 * @fires wistia-milestone-claim - The Worker answered a claim. `detail: {won, metric, threshold, scope, id}`.
 * @fires wistia-stats-update - New data reached the element. `detail: {resource, data}`.
 * @fires wistia-error - A request or claim failed, or an attribute is wrong. `detail: {resource, status, code, message}`.
 * @csspart progress - The value, the goal and the bar.
 * @csspart value - The current value.
 * @csspart threshold - The next threshold (the last one, once all are reached).
 * @csspart track - The progress bar (`role="progressbar"`).
 * @csspart fill - The filled part of the bar.
 * @csspart reached - Wraps the default slot; hidden until a threshold is reached.
 * @csspart claim - Wraps the `won` or `missed` slot.
 * @csspart loading - Shown until the first answer.
 * @csspart error - The readable error.
 * @cssprop --wistia-milestone-fill-color - The bar's fill. Default: `#54bbff`.
 * @cssprop --wistia-milestone-track-color - The bar's track. Default: 15% of the text color.
 * @cssprop --wistia-milestone-height - The bar's height. Default: `0.6em`.
 * @cssprop --wistia-milestone-radius - The bar's corners. Default: round.
 * @cssprop --wistia-value-color - The current value's color. Default: inherited.
 */
export class WistiaMilestone extends WistiaElement {
  static override styles = [stateStyles, milestoneStyles];

  /** `visitors` (unique people who loaded the video; the default), `load_count`, `play_count`, `hours_watched` or `number_of_videos`. */
  @property() metric = 'visitors';

  /** A whole number, or several separated by commas: `100,1000,10000`. */
  @property() threshold?: string;

  /** The video's hashed id: media scope. */
  @property({ attribute: 'media-id' }) mediaId?: string;

  /** The project's hashed id: project scope. */
  @property({ attribute: 'project-id' }) projectId?: string;

  /** Ask the Worker for the exactly-once win when a threshold is crossed. */
  @property({ type: Boolean }) claim = false;

  /** Who claims. Default: a key this browser makes once and keeps. */
  @property({ attribute: 'visitor-key' }) visitorKey?: string;

  /** Set (by the element) once the value has reached the first threshold. */
  @property({ type: Boolean, reflect: true }) reached = false;

  @state() private claimed?: MilestoneClaimDetail;
  private plan?: Plan;
  private last?: { resource: string; value: number };
  private readonly stats = new StatsController(this, () => this.target(), (data) => this.observe(data));

  private target(): StatsTarget | StatsError {
    const target = this.checkedTarget();
    if (isError(target)) this.plan = undefined;
    return target;
  }

  /** The resource to watch, and the plan of thresholds (`this.plan`) as a side effect. */
  private checkedTarget(): StatsTarget | StatsError {
    const config = this.config();
    if (isError(config)) return config;
    const scoped = scopedMetric(this, this.metric);
    if (isError(scoped)) return scoped;
    if (!Object.hasOwn(COUNTING, scoped.metric)) {
      return badAttribute(`A milestone counts up: metric must be one of ${Object.keys(COUNTING).join(', ')}.`);
    }
    const thresholds = parseThresholds(this.threshold);
    if (isError(thresholds)) return thresholds;
    const badKey = this.visitorKey === undefined ? undefined : checkId('visitorKey', 'visitor-key', this.visitorKey);
    if (badKey) return badKey;
    const plan: Plan = {
      endpoint: config.endpoint,
      resource: scoped.resource,
      milestone: { metric: scoped.metric, scope: scoped.scope, id: this.mediaId ?? this.projectId ?? null },
      thresholds,
    };
    // Another milestone is another prize: the last one's won or missed no longer applies.
    if (this.claimed && JSON.stringify(plan) !== JSON.stringify(this.plan)) this.claimed = undefined;
    this.plan = plan;
    return { endpoint: config.endpoint, resource: scoped.resource, refresh: config.refresh };
  }

  /** Every answer, as it arrives: compares it with the last one to find crossings. */
  private observe(data: unknown): void {
    const value = numberIn(data, this.plan?.milestone.metric);
    const plan = this.plan;
    if (value === undefined || !plan) return;
    this.reached = value >= plan.thresholds[0]!;
    const previous = this.last?.resource === plan.resource ? this.last.value : undefined;
    this.last = { resource: plan.resource, value };
    if (previous === value) return;
    for (const threshold of plan.thresholds) {
      const milestone = { ...plan.milestone, threshold };
      if (previous === undefined) {
        // Already past at load: nothing fires, but a browser that claimed before asks for its answer again.
        if (this.claim && value >= threshold && hasClaimed(milestone)) void this.sendClaim(plan.endpoint, milestone);
      } else if (previous < threshold && value >= threshold && firstCrossing(milestone)) {
        this.emit('wistia-milestone', { ...milestone, value });
        if (this.claim) void this.sendClaim(plan.endpoint, milestone);
      }
    }
  }

  private async sendClaim(endpoint: string, milestone: MilestoneRef): Promise<void> {
    const answer = await claimMilestone(endpoint, milestone, this.visitorKey ?? browserVisitorKey());
    if (isError(answer)) {
      this.emit('wistia-error', { ...answer, resource: '/v1/milestones/claim' });
      return;
    }
    this.claimed = answer;
    this.emit('wistia-milestone-claim', answer);
  }

  protected override render() {
    const { data, error } = this.stats.state;
    const value = numberIn(data, this.plan?.milestone.metric);
    if (value === undefined || !this.plan) {
      if (error) return errorView(error);
      return data === undefined ? loadingView() : errorView({ message: `The answer has no ${this.metric}.` });
    }
    const { thresholds, milestone } = this.plan;
    const goal = thresholds.find((threshold) => value < threshold) ?? thresholds.at(-1)!;
    const format = (n: number) => formatStat(n, milestone.metric, 'standard', this.merged().locale);
    const label = COUNTING[milestone.metric];
    return html`<div part="progress">
        <span part="value" aria-live="polite">${format(value)}</span>
        <span>of <span part="threshold">${format(goal)}</span> ${label}</span>
        <div part="track" role="progressbar" aria-label="${label} toward ${format(goal)}" aria-valuemin="0"
          aria-valuemax=${goal} aria-valuenow=${Math.min(value, goal)} aria-valuetext="${format(value)} of ${format(goal)}">
          <div part="fill" style="width:${Math.min(100, (value / goal) * 100)}%"></div>
        </div>
      </div>
      <div part="reached" ?hidden=${!this.reached}><slot></slot></div>
      ${this.claimed ? html`<div part="claim"><slot name=${this.claimed.won ? 'won' : 'missed'}></slot></div>` : nothing}`;
  }
}

/** "100, 1000,10000" → [100, 1000, 10000], or why not. */
function parseThresholds(text: string | undefined): number[] | StatsError {
  const parts = (text ?? '').split(',').map((part) => part.trim());
  const ok = parts.every((part) => /^\d{1,13}$/.test(part) && Number(part) >= 1 && Number(part) <= 1e12);
  if (!ok) return badAttribute(`threshold "${text ?? ''}" must be a whole number from 1, or several separated by commas, like 100,1000.`);
  return [...new Set(parts.map(Number))].sort((a, b) => a - b);
}

define('wistia-milestone', WistiaMilestone);

declare global {
  interface HTMLElementTagNameMap {
    'wistia-milestone': WistiaMilestone;
  }
}
