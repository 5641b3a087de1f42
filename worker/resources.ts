/**
 * Validation: a request becomes a `Resource` — a checked, normalized description of
 * what to read — or a 400. Nothing upstream is ever called with anything that has not
 * passed through here, and the upstream URL is built from these parts alone.
 */
import { EVENT_KEY, HASHED_ID, VISITOR_FILTERS, VISITOR_KEY, type IdForm } from '../src/wistia-api.ts';
import { badRequest } from './errors.ts';
import type { FieldSet } from './policy.ts';

export interface Resource {
  /** Wistia's path under the API base, with `.json`: `/stats/medias/abc123.json`. */
  path: string;
  /** Checked parameters in a fixed order, without `?`; `''` when none. */
  query: string;
  /** The answer is a JSON object or a bare array. */
  shape: 'object' | 'array';
  /** Which allow-list its answer passes through (policy.ts). */
  fields: FieldSet;
  /** One person's viewing history: kept a short time only (answers.ts, `lifetimeOf`). */
  personal?: true;
}

/** One resource, one name: the same for the edge cache key and the shield's identity. */
export function resourceKey(resource: Resource): string {
  return `/v1${resource.path}${resource.query ? `?${resource.query}` : ''}`;
}

/**
 * An event key as the Worker takes it: the shared form (src/wistia-api.ts) and one rule more,
 * dots only between letters and digits and no `.json` ending (`/events/..json` and
 * `/events/x.json.json` are not keys). The other ids are checked by the shared forms alone.
 */
const STRICT_EVENT_KEY: IdForm = {
  pattern: /^(?!.*\.json$)(?=.{1,64}$)[0-9a-z]+(?:\.[0-9a-z]+)*$/,
  rule: `${EVENT_KEY.rule} (a dot only between two letters or digits), not ending in .json`,
};

function checkId({ pattern, rule }: IdForm, label: string, value: string | undefined): string {
  if (value === undefined || !pattern.test(value)) throw badRequest(`${label} must be ${rule}.`);
  return value;
}

const one = (resource: Omit<Resource, 'query' | 'shape'>): Resource => ({ ...resource, query: '', shape: 'object' });

export const account = (): Resource => one({ path: '/stats/account.json', fields: 'account' });

export const project = (projectId: string | undefined): Resource =>
  one({ path: `/stats/projects/${checkId(HASHED_ID, 'project id', projectId)}.json`, fields: 'project' });

export const media = (mediaId: string | undefined): Resource =>
  one({ path: `/stats/medias/${checkId(HASHED_ID, 'media id', mediaId)}.json`, fields: 'media' });

export const engagement = (mediaId: string | undefined): Resource =>
  one({ path: `/stats/medias/${checkId(HASHED_ID, 'media id', mediaId)}/engagement.json`, fields: 'engagement' });

export const visitor = (visitorKey: string | undefined): Resource =>
  one({ path: `/stats/visitors/${checkId(VISITOR_KEY, 'visitor key', visitorKey)}.json`, fields: 'visitor' });

export const event = (eventKey: string | undefined): Resource =>
  one({ path: `/stats/events/${checkId(STRICT_EVENT_KEY, 'event key', eventKey)}.json`, fields: 'event' });

/** Which medias a project holds (Wistia's Data API); never answered to the public. */
export const projectMedias = (projectId: string): Resource =>
  one({ path: `/projects/${checkId(HASHED_ID, 'project id', projectId)}.json`, fields: 'projectMedias' });

// ---- query parameters ------------------------------------------------------

/** A checked value; `undefined` when it is the parameter's default (the same as leaving it out). */
export type ParamCheck = (value: string, name: string) => string | undefined;

const page: ParamCheck = (value, name) => {
  if (!/^[1-9]\d{0,5}$/.test(value)) throw badRequest(`${name} must be a whole number from 1 to 999999.`);
  return value === '1' ? undefined : value;
};

/** A whole number from 1 to 100, written plainly (`007` is `7`). */
const oneTo100: ParamCheck = (value, name) => {
  if (!/^\d{1,3}$/.test(value) || Number(value) < 1 || Number(value) > 100) {
    throw badRequest(`${name} must be a whole number from 1 to 100.`);
  }
  return String(Number(value));
};

/** Wistia's lists give at most 100 a page, and 100 when not told: `per_page=100` is no parameter. */
const perPage: ParamCheck = (value, name) => {
  const checked = oneTo100(value, name);
  return checked === '100' ? undefined : checked;
};

const date: ParamCheck = (value, name) => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const [year, month, day] = (match ?? []).slice(1).map(Number);
  const valid = match && new Date(Date.UTC(year!, month! - 1, day!)).toISOString().slice(0, 10) === value && year! >= 2000;
  if (!valid) throw badRequest(`${name} must be a date written YYYY-MM-DD.`);
  return value;
};

export const oneOf =
  (values: readonly string[]): ParamCheck =>
  (value, name) => {
    if (!values.includes(value)) throw badRequest(`${name} must be one of ${values.join(', ')}.`);
    return value;
  };

const idParam =
  (form: IdForm): ParamCheck =>
  (value, name) =>
    checkId(form, name, value);

/** An empty search is no search: it is not forwarded. */
const searchText: ParamCheck = (value, name) => {
  if (value.length > 100 || /[\u0000-\u001f\u007f]/.test(value)) {
    throw badRequest(`${name} must be at most 100 printable characters.`);
  }
  return value === '' ? undefined : value;
};

/**
 * Reads the allowed parameters, in the table's order, from a raw query string. Unknown
 * parameters are dropped, and so are defaults (a parameter left out and its default value
 * are one resource); a known one given twice, or malformed, is a 400.
 */
export function checkQuery(search: string, table: Record<string, ParamCheck>): string {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    throw badRequest('The query string cannot be read.');
  }
  const out = new URLSearchParams();
  for (const [name, check] of Object.entries(table)) {
    const values = params.getAll(name);
    if (values.length === 0) continue;
    if (values.length > 1) throw badRequest(`${name} may be given once.`);
    const checked = check(values[0]!, name);
    if (checked !== undefined) out.set(name, checked);
  }
  return out.toString();
}

export function visitors(search: string, options: { exposePii: boolean }): Resource {
  // Searching by name or email would tell anyone whether a person watched: only with PII exposed.
  if (!options.exposePii && new URLSearchParams(search).getAll('search').some(Boolean)) {
    throw badRequest('search looks people up by name or email; it needs EXPOSE_PII=true.');
  }
  return {
    path: '/stats/visitors.json',
    query: checkQuery(search, {
      filter: oneOf(VISITOR_FILTERS),
      search: searchText,
      page,
      per_page: perPage,
    }),
    shape: 'array',
    fields: 'visitor',
  };
}

export function events(search: string): Resource {
  const query = checkQuery(search, {
    media_id: idParam(HASHED_ID),
    visitor_key: idParam(VISITOR_KEY),
    start_date: date,
    end_date: date,
    page,
    per_page: perPage,
  });
  checkDateRange(query);
  const personal = new URLSearchParams(query).has('visitor_key');
  return { path: '/stats/events.json', query, shape: 'array', fields: 'event', ...(personal && { personal }) };
}

/** A by-date answer has one item a day: a range longer than this (two years and more) is refused. */
export const MAX_BY_DATE_DAYS = 732;
const DAY_MS = 86_400_000;

/** `start_date` not after `end_date`; with `maxDays`, at most that many days (a missing end is today, as for Wistia). */
function checkDateRange(query: string, maxDays?: number): void {
  const params = new URLSearchParams(query);
  const [start, end] = [params.get('start_date'), params.get('end_date')];
  if (start && end && start > end) throw badRequest('start_date must not be after end_date.');
  const last = end ?? new Date().toISOString().slice(0, 10);
  if (maxDays !== undefined && start && (Date.parse(last) - Date.parse(start)) / DAY_MS + 1 > maxDays) {
    throw badRequest(`A by-date range is at most ${maxDays} days.`);
  }
}

function byDate(path: string, search: string): Resource {
  const query = checkQuery(search, { start_date: date, end_date: date });
  checkDateRange(query, MAX_BY_DATE_DAYS);
  return { path, query, shape: 'array', fields: 'byDate' };
}

/** `GET /v1/stats/account/by_date.json?start_date&end_date` (Wistia v1): the account's counts day by day. */
export const accountByDate = (search: string): Resource => byDate('/stats/account/by_date.json', search);

/** `GET /v1/stats/medias/{id}/by_date.json?start_date&end_date`: one media's counts day by day. */
export const mediaByDate = (mediaId: string | undefined, search: string): Resource =>
  byDate(`/stats/medias/${checkId(HASHED_ID, 'media id', mediaId)}/by_date.json`, search);

// ---- recommendations (not a Wistia resource: made by the Worker from two that are) ----

const RECOMMENDATION_MODES = ['unwatched', 'unfinished'] as const;
export type RecommendationMode = (typeof RECOMMENDATION_MODES)[number];

export interface RecommendationRequest {
  projectId: string;
  /** None: nobody known, so every media is unwatched and none unfinished. */
  visitorKey: string | undefined;
  mode: RecommendationMode;
  /** At most this many; none: all. */
  limit: number | undefined;
}

/** `GET /v1/recommendations.json?project_id&visitor_key[&mode][&limit]`, checked. */
export function recommendationRequest(search: string): RecommendationRequest {
  const params = new URLSearchParams(
    checkQuery(search, {
      project_id: idParam(HASHED_ID),
      visitor_key: idParam(VISITOR_KEY),
      mode: oneOf(RECOMMENDATION_MODES),
      limit: oneTo100,
    }),
  );
  const projectId = params.get('project_id');
  if (!projectId) throw badRequest('project_id is required: the hashed id of the project to recommend from.');
  const limit = params.get('limit');
  return {
    projectId,
    visitorKey: params.get('visitor_key') ?? undefined,
    mode: (params.get('mode') as RecommendationMode | null) ?? 'unwatched',
    limit: limit === null ? undefined : Number(limit),
  };
}
