/**
 * What a browser remembers about milestones (in localStorage, so a reload or a second tab
 * does not fire one again), who this visitor is, and the claim request to the Worker.
 */
import { VISITOR_KEY } from '../wistia-api.ts';
import { postJson } from './client.ts';
import { isError, type MilestoneClaimDetail, type MilestoneRef, type StatsError } from './events.ts';

/** A claim the Worker could not take now (503, 429) is sent again after its `Retry-After`, a few times. */
const CLAIM_ATTEMPTS = 4;
const LONGEST_WAIT_SECONDS = 60;

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
  if (kept && VISITOR_KEY.pattern.test(kept)) return kept;
  return remember('visitor-key', crypto.randomUUID().replaceAll('-', '')) ?? '';
}

/**
 * Asks the Worker whether this visitor won; the answer for a milestone never changes once
 * decided. A busy Worker (503, 429 with `Retry-After`) is asked again after the wait it
 * names, while `stillWanted()` (the element is still on the page).
 */
export async function claimMilestone(
  endpoint: string,
  milestone: MilestoneRef,
  visitorKey: string,
  stillWanted: () => boolean,
): Promise<MilestoneClaimDetail | StatsError> {
  remember(`${keyOf(milestone)}:claimed`, '1');
  for (let attempt = 1; ; attempt++) {
    const answer = await postJson(`${endpoint}/v1/milestones/claim`, { ...milestone, visitor_key: visitorKey });
    if (!isError(answer)) {
      const { won, receipt } = (answer.body ?? {}) as { won?: unknown; receipt?: unknown };
      return { ...milestone, won: won === true, ...(typeof receipt === 'string' && { receipt }) };
    }
    const wait = answer.retryAfterSeconds;
    const busy = answer.status === 503 || answer.status === 429;
    if (!busy || wait === undefined || attempt === CLAIM_ATTEMPTS || !stillWanted()) return answer;
    await new Promise((resume) => setTimeout(resume, Math.min(wait, LONGEST_WAIT_SECONDS) * 1000));
  }
}
