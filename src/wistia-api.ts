/**
 * The Wistia Stats API response shapes, field for field as Wistia documents them
 * (Wistia's Stats API documentation; docs/architecture.md, "The Worker" › "Routes"). The Worker, the simulated account and the elements
 * all import these, so a resource looks the same in every part of the project.
 */

/** `GET /v1/stats/account.json` */
export interface AccountStats {
  load_count: number;
  play_count: number;
  hours_watched: number;
}

/** `GET /v1/stats/projects/{project-id}.json` */
export interface ProjectStats extends AccountStats {
  number_of_videos: number;
}

/** The kinds of action a video may have, as Wistia names them in its `actions`. */
export const ACTION_TYPES = ['Turnstile', 'Annotation', 'Call to Action'] as const;

/** One entry of a media's `actions`: its Turnstile, Annotation or Call to Action. */
export interface MediaAction {
  type: string;
  action_count: number;
  impression_count: number;
  rate: number;
}

/** `GET /v1/stats/medias/{media-id}.json` */
export interface MediaStats extends AccountStats {
  /** Share of visitors who clicked play, between 0 and 1. */
  play_rate: number;
  /** Average share of the video viewed, between 0 and 1. */
  engagement: number;
  /** Unique people who loaded the video. */
  visitors: number;
  actions: MediaAction[];
}

/** `GET /v1/stats/medias/{media-id}/engagement.json` */
export interface MediaEngagement {
  engagement: number;
  /** Views per second of video (or per 1/1000 of it, for videos over 1000 s). */
  engagement_data: number[];
  /** Rewatches per second of video, on the same scale as `engagement_data`. */
  rewatch_data: number[];
}

/**
 * One day of `GET /v1/stats/account/by_date.json` or `/v1/stats/medias/{media-id}/by_date.json`
 * (Wistia v1): the answer is one of these a day, from `start_date` to `end_date`.
 */
export interface DayStats {
  /** `YYYY-MM-DD`. */
  date: string;
  load_count: number;
  play_count: number;
  hours_watched: number;
}

export interface VisitorIdentity {
  name: string | null;
  email: string | null;
  org: { name: string | null; title: string | null };
}

export interface UserAgentDetails {
  browser: string;
  browser_version: string;
  platform: string;
  mobile: boolean;
}

/** `GET /v1/stats/visitors/{visitor-key}.json` */
export interface Visitor {
  visitor_key: string;
  created_at: string;
  last_active_at: string;
  last_event_key: string;
  load_count: number;
  play_count: number;
  visitor_identity: VisitorIdentity;
  user_agent_details: UserAgentDetails;
}

/** One row of `GET /v1/stats/visitors.json` (the list also carries `identifying_event_key`). */
export interface VisitorListItem extends Visitor {
  identifying_event_key: string | number | null;
}

export interface EventThumbnail {
  url: string;
  width: number;
  height: number;
  fileSize: number;
  contentType: string;
  type: string;
}

/** `GET /v1/stats/events/{event-key}.json`, and one row of the events list. */
export interface StatsEvent {
  received_at: string;
  event_key: string;
  visitor_key: string;
  embed_url: string;
  percent_viewed: number;
  ip: string;
  org: string;
  country: string;
  region: string;
  city: string;
  lat: number;
  lon: number;
  email: string | null;
  conversion_type: string;
  conversion_data: Record<string, string>;
  iframe_heatmap_url: string;
  media_id: string;
  media_url: string;
  media_name: string;
  thumbnail: EventThumbnail;
}

/** One recommended video (`/v1/recommendations.json`): these four fields and nothing else. */
export interface Recommendation {
  hashed_id: string;
  name: string;
  thumbnail_url: string | null;
  /** Seconds. */
  duration: number | null;
}

/** Fields of an event that identify a person; the Worker strips them unless `EXPOSE_PII=true`. */
export const EVENT_PII_FIELDS = ['ip', 'org', 'region', 'city', 'lat', 'lon', 'email', 'conversion_data'] as const;

/** A media in `GET /v1/projects/{project-id}.json` (the Data API, used for recommendations). */
export interface ProjectMedia {
  id: number;
  hashed_id: string;
  name: string;
  type: string;
  created: string;
  updated: string;
  duration: number;
  description: string;
  progress: number;
  status: string;
  thumbnail: { url: string; width: number; height: number };
}

/** `GET /v1/projects/{project-id}.json` */
export interface Project {
  id: number;
  hashedId: string;
  name: string;
  description: string;
  mediaCount: number;
  created: string;
  updated: string;
  public: boolean;
  publicId: string;
  anonymousCanUpload: boolean;
  anonymousCanDownload: boolean;
  medias: ProjectMedia[];
}

/** How Wistia reports an error: `{"error": "message"}`. */
export interface WistiaError {
  error: string;
}

/** The three values Wistia accepts for the visitors list's `filter`. */
export const VISITOR_FILTERS = ['has_name', 'has_email', 'identified_by_email_gate'] as const;
export type VisitorFilter = (typeof VISITOR_FILTERS)[number];

/**
 * What one kind of Wistia id looks like: its pattern, and the same in the words error messages
 * use ("media-id "X" must be …"). The Worker refuses anything else before any upstream call,
 * and the elements refuse it before any request, in the same words (docs/architecture.md,
 * "Validation"). The pattern and its words side by side, one constant a kind.
 */
export interface IdForm {
  pattern: RegExp;
  rule: string;
}

/** Media and project hashed ids. */
export const HASHED_ID: IdForm = { pattern: /^[a-z0-9]{1,32}$/, rule: '1 to 32 lowercase letters and digits' };
export const VISITOR_KEY: IdForm = { pattern: /^[A-Za-z0-9]{1,64}$/, rule: '1 to 64 letters and digits' };
export const EVENT_KEY: IdForm = { pattern: /^[0-9a-z.]{1,64}$/, rule: '1 to 64 lowercase letters, digits and dots' };

/** Which numbers each stats scope answers (the account has no visitors; only a project counts videos). */
export const METRICS_BY_SCOPE = {
  account: ['load_count', 'play_count', 'hours_watched'],
  project: ['load_count', 'play_count', 'hours_watched', 'number_of_videos'],
  media: ['load_count', 'play_count', 'play_rate', 'hours_watched', 'engagement', 'visitors'],
} as const;
export type Scope = keyof typeof METRICS_BY_SCOPE;

/** The metrics that are shares between 0 and 1: shown as percentages, and never a milestone (they do not count up). */
export const SHARE_METRICS = ['play_rate', 'engagement'] as const;
/** The metrics that count up: every other one. */
export type CountingMetric = Exclude<(typeof METRICS_BY_SCOPE)[Scope][number], (typeof SHARE_METRICS)[number]>;
