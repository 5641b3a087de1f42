/**
 * The Worker's resource paths, named as the Worker names them (its cache key), and the
 * checks an element makes before it asks for one.
 */
import { ACTION_TYPES, HASHED_ID, METRICS_BY_SCOPE, type IdForm, type Scope } from '../wistia-api.ts';
import { badAttribute, problem, type StatsError } from './events.ts';

export { METRICS_BY_SCOPE, type Scope };

export function checkId(form: IdForm, attribute: string, value: string): StatsError | undefined {
  return form.pattern.test(value) ? undefined : badAttribute(`${attribute} "${value}" must be ${form.rule}.`);
}

export const METRICS = [...new Set(Object.values(METRICS_BY_SCOPE).flat())];

export interface ScopeIds {
  mediaId?: string | undefined;
  projectId?: string | undefined;
}

/** The stats resource for a scope: media, project, or (neither id) the account. */
function statsResource({ mediaId, projectId }: ScopeIds): { scope: Scope; resource: string } | StatsError {
  if (mediaId !== undefined && projectId !== undefined) return badAttribute('Set media-id or project-id, not both.');
  if (mediaId !== undefined) {
    return checkId(HASHED_ID, 'media-id', mediaId) ?? { scope: 'media', resource: `/v1/stats/medias/${mediaId}.json` };
  }
  if (projectId !== undefined) {
    return checkId(HASHED_ID, 'project-id', projectId) ?? { scope: 'project', resource: `/v1/stats/projects/${projectId}.json` };
  }
  return { scope: 'account', resource: '/v1/stats/account.json' };
}

/** A metric of a scope: the resource to read it from, or why that cannot be. */
export function scopedMetric(ids: ScopeIds, metric: string | undefined): { scope: Scope; resource: string; metric: string } | StatsError {
  const scoped = statsResource(ids);
  if ('code' in scoped) return scoped;
  if (!metric || !METRICS.includes(metric as never)) {
    return badAttribute(`${metric ? `metric "${metric}" must be` : 'Set metric to'} one of ${METRICS.join(', ')}.`);
  }
  const available: readonly string[] = METRICS_BY_SCOPE[scoped.scope];
  if (!available.includes(metric)) {
    const which = scoped.scope === 'account' ? 'the account' : `a ${scoped.scope}`;
    return badAttribute(`${metric} is not kept for ${which}, which has ${available.join(', ')}.`);
  }
  return { ...scoped, metric };
}

/** What a media's `actions` (Turnstile, Annotation, Call to Action) count. */
export const ACTION_METRICS = ['action_count', 'impression_count', 'rate'] as const;

/** One number of one of a media's actions: read from the media's stats. */
export function actionMetric(
  { mediaId, projectId }: ScopeIds,
  action: string,
  metric: string | undefined,
): { resource: string } | StatsError {
  if (mediaId === undefined || projectId !== undefined)
    return badAttribute('action needs media-id (and no project-id): a video has the actions.');
  if (!ACTION_TYPES.includes(action as never)) return badAttribute(`action "${action}" must be one of ${ACTION_TYPES.join(', ')}.`);
  if (!ACTION_METRICS.includes(metric as never)) return badAttribute(`With action, metric must be one of ${ACTION_METRICS.join(', ')}.`);
  return checkId(HASHED_ID, 'media-id', mediaId) ?? { resource: `/v1/stats/medias/${mediaId}.json` };
}

/** A metric of the action of that `type` in a media's stats, or why there is none. */
export function actionNumberIn(data: unknown, type: string, metric: string): number | StatsError {
  const actions = (data as { actions?: unknown } | null)?.actions;
  if (!Array.isArray(actions)) return problem(200, 'bad_response', 'The answer has no actions.');
  const action: unknown = actions.find((candidate: { type?: unknown } | null) => candidate?.type === type);
  return action === undefined ? problem(200, 'no_action', `This video has no ${type}.`) : numberIn(action, metric);
}

/** The number an answer has for a metric, or an error saying it has none. */
export function numberIn(data: unknown, metric: string | undefined): number | StatsError {
  const value = metric === undefined ? undefined : (data as Record<string, unknown> | null)?.[metric];
  return typeof value === 'number' && Number.isFinite(value) ? value : problem(200, 'bad_response', `The answer has no ${metric}.`);
}
