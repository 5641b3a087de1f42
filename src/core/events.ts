/** The events every element fires: bubbling, composed `CustomEvent`s with a typed `detail`. */

/** A failure, as the store and the elements report it. */
export interface StatsError {
  /** The HTTP status, or 0 when there was no answer (network, timeout) or no request (a bad attribute). */
  status: number;
  /** `bad_attribute`, `network_error`, `timeout`, `bad_response`, or the Worker's code (`not_found`, …). */
  code: string;
  message: string;
}

export interface StatsUpdateDetail<T = unknown> {
  /** The resource's path on the Worker, e.g. `/v1/stats/medias/abc123.json`: the same name the Worker caches it under. */
  resource: string;
  data: T;
}

export interface StatsErrorDetail extends StatsError {
  /** The resource that failed, or null when no request was made (a bad attribute). */
  resource: string | null;
}

/** A milestone: which number, of what, and where it must get to. */
export interface MilestoneRef {
  metric: string;
  threshold: number;
  scope: 'account' | 'project' | 'media';
  /** The project's or media's hashed id; null for the account. */
  id: string | null;
}

export interface MilestoneDetail extends MilestoneRef {
  /** The value that crossed the threshold. */
  value: number;
}

export interface MilestoneClaimDetail extends MilestoneRef {
  /** True for the one visitor, worldwide, who won this milestone. */
  won: boolean;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wistia-stats-update': CustomEvent<StatsUpdateDetail>;
    'wistia-error': CustomEvent<StatsErrorDetail>;
    'wistia-milestone': CustomEvent<MilestoneDetail>;
    'wistia-milestone-claim': CustomEvent<MilestoneClaimDetail>;
  }
}
