/**
 * The milestone claim: `POST /v1/milestones/claim` with `{scope, id, metric, threshold,
 * visitor_key}`. Checked here before anything else happens; decided by the milestone's own
 * Durable Object (objects/milestone.ts), so that exactly one visitor can ever win it.
 */
import { ID_PATTERNS, METRICS_BY_SCOPE, type Scope } from '../src/wistia-api.ts';
import { badRequest } from './errors.ts';
import * as resources from './resources.ts';
import type { Resource } from './resources.ts';

export interface Claim {
  scope: Scope;
  /** The project's or media's hashed id; null for the account. */
  id: string | null;
  metric: string;
  threshold: number;
  visitorKey: string;
}

/** What the claimant is told. */
export interface ClaimAnswer {
  won: boolean;
  scope: Scope;
  id: string | null;
  metric: string;
  threshold: number;
}

export const MAX_CLAIM_BYTES = 2048;
const MAX_THRESHOLD = 1e12;

/** Reads and checks a claim's JSON body; every problem is a 400 naming the field. */
export function parseClaim(text: string): Claim {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest('A claim is a JSON object: {scope, id, metric, threshold, visitor_key}.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('A claim is a JSON object: {scope, id, metric, threshold, visitor_key}.');
  }
  const { scope, id, metric, threshold, visitor_key: visitorKey } = body as Record<string, unknown>;
  if (typeof scope !== 'string' || !Object.hasOwn(METRICS_BY_SCOPE, scope)) {
    throw badRequest('scope must be account, project or media.');
  }
  const checkedScope = scope as Scope;
  if (checkedScope === 'account') {
    if (id !== undefined && id !== null) throw badRequest('The account scope takes no id.');
  } else if (typeof id !== 'string' || !ID_PATTERNS.hashedId.test(id)) {
    throw badRequest(`id must be the ${checkedScope}'s hashed id, matching ${ID_PATTERNS.hashedId.source}.`);
  }
  const metrics: readonly string[] = METRICS_BY_SCOPE[checkedScope];
  if (typeof metric !== 'string' || !metrics.includes(metric)) {
    throw badRequest(`metric must be one of ${metrics.join(', ')} for the ${checkedScope} scope.`);
  }
  if (typeof threshold !== 'number' || !Number.isInteger(threshold) || threshold < 1 || threshold > MAX_THRESHOLD) {
    throw badRequest('threshold must be a whole number from 1 to 1000000000000.');
  }
  if (typeof visitorKey !== 'string' || !ID_PATTERNS.visitorKey.test(visitorKey)) {
    throw badRequest(`visitor_key must match ${ID_PATTERNS.visitorKey.source}.`);
  }
  return { scope: checkedScope, id: checkedScope === 'account' ? null : (id as string), metric, threshold, visitorKey };
}

/** One milestone, one Durable Object. */
export const milestoneName = ({ scope, id, metric, threshold }: Claim): string => `${scope}:${id ?? ''}:${metric}:${threshold}`;

/** Where the live value is read from (upstream, bypassing every cache). */
export function liveResource({ scope, id }: Claim): Resource {
  return scope === 'account' ? resources.account() : scope === 'project' ? resources.project(id!) : resources.media(id!);
}
