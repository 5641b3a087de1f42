/** The events every element fires: bubbling, composed `CustomEvent`s with a typed `detail`. */

/** A failure, as the store and the elements report it. */
export interface StatsError {
  /** The HTTP status, or 0 when there was no answer (network, timeout) or no request (a bad attribute). */
  status: number;
  /** `bad_attribute`, `network_error`, `timeout`, `bad_response`, or the Worker's code (`not_found`, …). */
  code: string;
  message: string;
  /** Seconds the Worker asked to wait before asking again (its `Retry-After`, on a 429 or 503). */
  retryAfterSeconds?: number;
}

/** Errors are values, made here and only here. */
export const problem = (status: number, code: string, message: string, retryAfterSeconds?: number): StatsError =>
  retryAfterSeconds === undefined ? { status, code, message } : { status, code, message, retryAfterSeconds };

/** An attribute that cannot work: no request is made. */
export const badAttribute = (message: string): StatsError => problem(0, 'bad_attribute', message);

export const isError = (value: unknown): value is StatsError =>
  typeof value === 'object' && value !== null && 'code' in value && 'message' in value && 'status' in value;

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
  /** For the winner: the Worker's code proving the win, which the site owner finds in the winners list. */
  receipt?: string;
}

/** A recommended video the viewer picked. */
export interface RecommendationSelectDetail {
  hashed_id: string;
  name: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wistia-recommendation-select': CustomEvent<RecommendationSelectDetail>;
    'wistia-stats-update': CustomEvent<StatsUpdateDetail>;
    'wistia-error': CustomEvent<StatsErrorDetail>;
    'wistia-milestone': CustomEvent<MilestoneDetail>;
    'wistia-milestone-claim': CustomEvent<MilestoneClaimDetail>;
  }
}
