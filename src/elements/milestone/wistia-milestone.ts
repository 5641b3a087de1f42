import { html, nothing } from 'lit';
import { WistiaElement } from '../../core/template-element.ts';
import { define } from '../../core/define.ts';
import { badAttribute, isError, type MilestoneClaimDetail, type MilestoneRef, type StatsError } from '../../core/events.ts';
import { formatStat } from '../../core/format.ts';
import { browserVisitorKey, claimMilestone, firstCrossing, hasClaimed } from '../../core/milestones.ts';
import { ResourceController } from '../../core/resource-controller.ts';
import { checkId, numberIn, scopedMetric } from '../../core/resources.ts';
import { stateStyles } from '../../core/styles.ts';
import { playerVisitorKey } from '../../core/wistia-player.ts';
import { milestoneStyles } from './wistia-milestone.styles.ts';
import { VISITOR_KEY, type CountingMetric } from '../../wistia-api.ts';

/** Milestones count up (shares between 0 and 1 have none), each with the word for what it counts. */
const COUNTING: Record<CountingMetric, string> = {
  load_count: 'loads',
  play_count: 'plays',
  visitors: 'visitors',
  hours_watched: 'hours watched',
  number_of_videos: 'videos',
};

interface Plan {
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
 * @fires {MilestoneDetail} wistia-milestone - The value crossed a threshold while the page was open. `detail: {metric, threshold, value, scope, id}`.
 * @fires {MilestoneClaimDetail} wistia-milestone-claim - The Worker answered a claim. `detail: {won, metric, threshold, scope, id, receipt}` (`receipt` for the winner only).
 * @fires {StatsUpdateDetail} wistia-stats-update - New data reached the element. `detail: {resource, data}`.
 * @fires {StatsErrorDetail} wistia-error - A request or claim failed, or an attribute is wrong. `detail: {resource, status, code, message}`.
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
 * @attr {boolean} reached - Set by the element once the value has reached the first threshold.
 * @attr {boolean} stale - Set by the element while the value shown is an older one.
 * @cssprop --wistia-value-color - The current value's colour. Default: inherited.
 * @cssprop --wistia-value-font-size - The current value's size. Default: inherited.
 * @cssprop --wistia-value-font-weight - The current value's weight. Default: `600`.
 */
export class WistiaMilestone extends WistiaElement {
  static override styles = [stateStyles, milestoneStyles];

  static override properties = {
    metric: {},
    threshold: {},
    mediaId: { attribute: 'media-id' },
    projectId: { attribute: 'project-id' },
    claim: { type: Boolean },
    visitorKey: { attribute: 'visitor-key' },
    claimed: { state: true },
  };

  /** What counts: unique people who loaded the video (the default), loads, plays, hours watched, or a project's videos. */
  declare metric: 'visitors' | 'load_count' | 'play_count' | 'hours_watched' | 'number_of_videos';

  /** A whole number, or several separated by commas: `100,1000,10000`. */
  declare threshold?: string;

  /** The video's hashed id: media scope. */
  declare mediaId?: string;

  /** The project's hashed id: project scope. */
  declare projectId?: string;

  /** Ask the Worker for the exactly-once win when a threshold is crossed. */
  declare claim: boolean;

  /** Who claims. Default: the visitor key of Wistia's player on the page (`<wistia-player>` or an older embed), else a key this browser makes once and keeps. */
  declare visitorKey?: string;

  declare private claimed?: MilestoneClaimDetail | undefined;
  private plan?: Plan | undefined;
  private last?: { resource: string; value: number };
  /** One lookup of the player's visitor key at a time, however many thresholds claim at once. */
  private playerKey?: Promise<string | undefined>;
  private readonly stats = new ResourceController<number>(this, {
    need: () => {
      const plan = this.planned();
      this.plan = isError(plan) ? undefined : plan;
      return plan;
    },
    read: (data) => numberIn(data, this.plan?.milestone.metric),
    onValue: (value) => this.observe(value),
  });

  constructor() {
    super();
    this.metric = 'visitors';
    this.claim = false;
  }

  /** True once the value has reached the first threshold (the `reached` attribute). */
  get reached(): boolean {
    return this.hasAttribute('reached');
  }

  /** The resource to watch and the thresholds, or what is wrong with the attributes. */
  private planned(): Plan | StatsError {
    const scoped = scopedMetric(this, this.metric);
    if (isError(scoped)) return scoped;
    if (!Object.hasOwn(COUNTING, scoped.metric)) {
      return badAttribute(`A milestone counts up: metric must be one of ${Object.keys(COUNTING).join(', ')}.`);
    }
    const thresholds = parseThresholds(this.threshold);
    if (isError(thresholds)) return thresholds;
    const badKey = this.visitorKey === undefined ? undefined : checkId(VISITOR_KEY, 'visitor-key', this.visitorKey);
    if (badKey) return badKey;
    const plan: Plan = {
      resource: scoped.resource,
      milestone: { metric: scoped.metric, scope: scoped.scope, id: this.mediaId ?? this.projectId ?? null },
      thresholds,
    };
    // Another milestone is another prize: the last one's won or missed no longer applies.
    if (this.claimed && JSON.stringify(plan) !== JSON.stringify(this.plan)) this.claimed = undefined;
    return plan;
  }

  /** Every new value, as it arrives: compared with the last one to find crossings. */
  private observe(value: number): void {
    const plan = this.plan;
    if (!plan) return;
    const previous = this.last?.resource === plan.resource ? this.last.value : undefined;
    this.last = { resource: plan.resource, value };
    for (const threshold of plan.thresholds) {
      const milestone = { ...plan.milestone, threshold };
      if (previous === undefined) {
        // Already past at load: nothing fires, but a browser that claimed before asks for its answer again.
        if (this.claim && value >= threshold && hasClaimed(milestone)) void this.sendClaim(milestone);
      } else if (previous < threshold && value >= threshold && firstCrossing(milestone)) {
        this.emit('wistia-milestone', { ...milestone, value });
        if (this.claim) void this.sendClaim(milestone);
      }
    }
  }

  /** A lookup that found no player is forgotten, so a player that appears later is asked. */
  private lookUpPlayerKey(): Promise<string | undefined> {
    return (this.playerKey ??= playerVisitorKey().then((key) => key ?? (this.playerKey = undefined)));
  }

  private async sendClaim(milestone: MilestoneRef): Promise<void> {
    const config = this.config();
    if (isError(config)) return;
    // Wistia's own player knows the viewer by the key its viewing sessions are recorded under.
    const visitorKey = this.visitorKey ?? (await this.lookUpPlayerKey()) ?? browserVisitorKey();
    const answer = await claimMilestone(config.endpoint, milestone, visitorKey, () => this.isConnected);
    if (isError(answer)) {
      this.emit('wistia-error', { ...answer, resource: '/v1/milestones/claim' });
      return;
    }
    this.claimed = answer;
    this.emit('wistia-milestone-claim', answer);
  }

  protected override updated(): void {
    const { value, status } = this.stats;
    if (this.plan && value !== undefined && status !== 'error') this.toggleAttribute('reached', value >= this.plan.thresholds[0]!);
  }

  protected override render() {
    return this.stats.render({
      value: (value) => {
        const { thresholds, milestone } = this.plan!;
        const goal = thresholds.find((threshold) => value < threshold) ?? thresholds.at(-1)!;
        const format = (n: number) => formatStat(n, milestone.metric, 'standard', this.merged().locale);
        const label = COUNTING[milestone.metric as CountingMetric];
        const reached = value >= thresholds[0]!;
        // Past the last threshold, "4,074 of 1,000 visitors" would read backwards.
        const beyond = value > goal;
        const text = beyond ? `${format(value)} ${label}, past ${format(goal)}` : `${format(value)} of ${format(goal)} ${label}`;
        return html`<div part="progress">
            <span part="value" aria-live="polite">${format(value)}</span>
            ${
              beyond
                ? html`<span>${label}, past <span part="threshold">${format(goal)}</span></span>`
                : html`<span>of <span part="threshold">${format(goal)}</span> ${label}</span>`
            }
            <div part="track" role="progressbar" aria-label="${label} toward ${format(goal)}" aria-valuemin="0"
              aria-valuemax=${goal} aria-valuenow=${Math.min(value, goal)} aria-valuetext=${text}>
              <div part="fill" style=${`width:${Math.min(100, (value / goal) * 100)}%`}></div>
            </div>
          </div>
          <div part="reached" ?hidden=${!reached}><slot></slot></div>
          ${this.claimed ? html`<div part="claim"><slot name=${this.claimed.won ? 'won' : 'missed'}></slot></div>` : nothing}`;
      },
    });
  }
}

/** "100, 1000,10000" → [100, 1000, 10000], or why not. */
function parseThresholds(text: string | undefined): number[] | StatsError {
  const parts = (text ?? '').split(',').map((part) => part.trim());
  const ok = parts.every((part) => /^\d{1,13}$/.test(part) && Number(part) >= 1 && Number(part) <= 1e12);
  if (!ok) {
    const said = text ? `threshold "${text}" must be` : 'Set threshold to';
    return badAttribute(`${said} a whole number from 1, or several separated by commas, like 100,1000.`);
  }
  return [...new Set(parts.map(Number))].sort((a, b) => a - b);
}

define('wistia-milestone', WistiaMilestone);

declare global {
  interface HTMLElementTagNameMap {
    'wistia-milestone': WistiaMilestone;
  }
}
