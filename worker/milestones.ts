/**
 * The milestone claim: `POST /v1/milestones/claim` with `{scope, id, metric, threshold,
 * visitor_key}`. Checked here before anything else happens; decided by the milestone's own
 * Durable Object (objects/milestone.ts), so that exactly one visitor can ever win it
 * (docs/architecture.md, "Milestone claims").
 */
import { HASHED_ID, METRICS_BY_SCOPE, SHARE_METRICS, VISITOR_KEY, type Scope } from '../src/wistia-api.ts';
import type { Exposable } from './config.ts';
import { badRequest } from './errors.ts';
import { bodyOf, numberIn, scopeResource, statsIn, type Read } from './reads.ts';
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

/** What the claimant is told; `receipt` only in the answer that won. */
export interface ClaimAnswer {
  won: boolean;
  scope: Scope;
  id: string | null;
  metric: string;
  threshold: number;
  receipt?: string;
}

/** One winner, as the owner route lists it. */
export interface WinnerEntry {
  scope: Scope;
  id: string | null;
  metric: string;
  threshold: number;
  visitor_key: string;
  value: number;
  /** ISO 8601. */
  won_at: string;
  receipt: string;
}

/** A scope's milestones exist only where the scope itself may be read. */
export const SCOPE_EXPOSED_BY: Record<Scope, Exposable> = { account: 'account', project: 'projects', media: 'medias' };

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
  } else if (typeof id !== 'string' || !HASHED_ID.pattern.test(id)) {
    throw badRequest(`id must be the ${checkedScope}'s hashed id, ${HASHED_ID.rule}.`);
  }
  // A share (play_rate, engagement) never reaches a whole-number threshold: refused, as the element refuses it.
  const metrics: readonly string[] = METRICS_BY_SCOPE[checkedScope].filter((name) => !(SHARE_METRICS as readonly string[]).includes(name));
  if (typeof metric !== 'string' || !metrics.includes(metric)) {
    throw badRequest(`A milestone counts up: metric must be one of ${metrics.join(', ')} for the ${checkedScope} scope.`);
  }
  if (typeof threshold !== 'number' || !Number.isInteger(threshold) || threshold < 1 || threshold > MAX_THRESHOLD) {
    throw badRequest('threshold must be a whole number from 1 to 1000000000000.');
  }
  if (typeof visitorKey !== 'string' || !VISITOR_KEY.pattern.test(visitorKey)) {
    throw badRequest(`visitor_key must be ${VISITOR_KEY.rule}.`);
  }
  return { scope: checkedScope, id: checkedScope === 'account' ? null : (id as string), metric, threshold, visitorKey };
}

/** One milestone, one Durable Object. */
export const milestoneName = ({ scope, id, metric, threshold }: Claim): string => `${scope}:${id ?? ''}:${metric}:${threshold}`;

/**
 * Where `CLAIM_VERIFY=viewer` looks for the claimant's viewing session: that visitor's events
 * on the media, or all of that visitor's events (for a project, checked against its medias).
 */
function sessionsResource({ scope, id, visitorKey }: Claim): Resource {
  const query = new URLSearchParams(scope === 'media' ? { media_id: id!, visitor_key: visitorKey } : { visitor_key: visitorKey });
  return resources.events(query.toString());
}

/**
 * The receipt: an HMAC of the milestone, the winner and the moment, keyed by a secret only the
 * Worker holds (derived from its Wistia token, so there is nothing more to configure). Nobody
 * can make one from a visitor key; the owner checks it against the winners route.
 */
export async function makeReceipt(secret: string, milestone: string, visitorKey: string, wonAt: number): Promise<string> {
  const encoder = new TextEncoder();
  const sign = async (key: ArrayBuffer | Uint8Array, text: string): Promise<ArrayBuffer> =>
    crypto.subtle.sign(
      'HMAC',
      await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
      encoder.encode(text),
    );
  const receiptKey = await sign(encoder.encode(secret), 'wistia-stats-elements milestone receipt v1');
  const mac = new Uint8Array(await sign(receiptKey, `${milestone}\n${visitorKey}\n${wonAt}`));
  return btoa(String.fromCharCode(...mac))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** The claim's metric as a page reads it now. */
export async function readValue(read: Read, claim: Claim): Promise<number> {
  return numberIn(await statsIn(await read(scopeResource(claim)), claim.scope), claim.metric);
}

/**
 * CLAIM_VERIFY=viewer: Wistia's events show a viewing session by this visitor key of the
 * media, of a media in the project, or of any media in the account. Read through the caches
 * and the budget like any resource (so once per visitor per CACHE_TTL at most).
 */
export async function checkEligible(read: Read, claim: Claim): Promise<boolean> {
  const sessions = (await bodyOf(await read(sessionsResource(claim)), 'No such visitor.')) as Array<{ media_id?: unknown }>;
  if (claim.scope !== 'project') return sessions.length > 0;
  if (sessions.length === 0) return false;
  const project = (await bodyOf(await read(resources.projectMedias(claim.id!)), 'No such project.')) as {
    medias?: Array<{ hashed_id: unknown }>;
  };
  const inProject = new Set((project.medias ?? []).map((media) => media.hashed_id));
  return sessions.some((session) => inProject.has(session.media_id));
}
