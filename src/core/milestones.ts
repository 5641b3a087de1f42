/**
 * What a browser remembers about milestones (in localStorage, so a reload or a second tab
 * does not fire one again), who this visitor is, and the claim request to the Worker.
 */
import { ID_PATTERNS } from '../wistia-api.ts';
import type { MilestoneClaimDetail, MilestoneRef, StatsError } from './events.ts';
import { errorOf, unreachable } from './store.ts';

const PREFIX = 'wistia-stats:';

/** localStorage where it can be used; a private window or a sandboxed frame may refuse it. */
function remember(key: string, value?: string): string | null {
  try {
    if (value !== undefined) localStorage.setItem(PREFIX + key, value);
    return localStorage.getItem(PREFIX + key);
  } catch {
    return value ?? null;
  }
}

const keyOf = ({ scope, id, metric, threshold }: MilestoneRef) => `milestone:${scope}:${id ?? ''}:${metric}:${threshold}`;

/** True the first time it is asked for a milestone in this browser; false ever after. */
export function firstCrossing(milestone: MilestoneRef): boolean {
  if (remember(keyOf(milestone)) === 'fired') return false;
  remember(keyOf(milestone), 'fired');
  return true;
}

/** Whether this browser has claimed the milestone before (so it can ask again for the stored answer). */
export const hasClaimed = (milestone: MilestoneRef): boolean => remember(`${keyOf(milestone)}:claimed`) === '1';

/** This browser's visitor key: made once, then kept. */
export function browserVisitorKey(): string {
  const kept = remember('visitor-key');
  if (kept && ID_PATTERNS.visitorKey.test(kept)) return kept;
  return remember('visitor-key', crypto.randomUUID().replaceAll('-', '')) ?? '';
}

/** Asks the Worker whether this visitor won; the answer for a milestone never changes once decided. */
export async function claimMilestone(
  endpoint: string,
  milestone: MilestoneRef,
  visitorKey: string,
): Promise<MilestoneClaimDetail | StatsError> {
  remember(`${keyOf(milestone)}:claimed`, '1');
  try {
    const response = await fetch(`${endpoint}/v1/milestones/claim`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...milestone, visitor_key: visitorKey }),
      cache: 'no-store',
    });
    if (!response.ok) return await errorOf(response);
    const { won } = (await response.json()) as { won?: unknown };
    return { ...milestone, won: won === true };
  } catch {
    return unreachable;
  }
}
