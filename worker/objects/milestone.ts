/**
 * Milestone: one Durable Object per milestone (scope, id, metric, threshold). Exactly one
 * visitor can win it, because:
 * - every claim for this milestone, from anywhere in the world, reaches this one object;
 * - `blockConcurrencyWhile` lets no other claim in until the current one is decided,
 *   including while it waits for Wistia's live value, so two claims never both see "no winner";
 * - the winner is written to durable storage before the answer leaves (the output gate holds
 *   it until the write is confirmed), and is loaded before any claim is handled after a restart.
 */
import { DurableObject } from 'cloudflare:workers';
import { readConfig, type Env } from '../config.ts';
import type { ErrorValue } from '../errors.ts';
import { liveResource, type Claim, type ClaimAnswer } from '../milestones.ts';
import { fetchWithinBudget } from '../upstream.ts';

interface Winner {
  visitorKey: string;
  /** The live value when it was won. */
  value: number;
  wonAt: number;
}

/** A refused claim's live value is reused this long, so a burst of early claims costs one upstream read. */
const LIVE_VALUE_REUSE_MS = 1_000;

export class Milestone extends DurableObject<Env> {
  private winner: Winner | undefined;
  private lastRead: { value: number; at: number } | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void ctx.blockConcurrencyWhile(async () => {
      this.winner = await ctx.storage.get<Winner>('winner');
    });
  }

  async claim(claim: Claim): Promise<{ answer: ClaimAnswer } | { error: ErrorValue }> {
    return this.ctx.blockConcurrencyWhile(() => this.decide(claim));
  }

  private async decide(claim: Claim): Promise<{ answer: ClaimAnswer } | { error: ErrorValue }> {
    const answer = (won: boolean): { answer: ClaimAnswer } => ({
      answer: { won, scope: claim.scope, id: claim.id, metric: claim.metric, threshold: claim.threshold },
    });
    // Decided once, answered the same way for ever after: the winner again wins, everyone else does not.
    if (this.winner) return answer(this.winner.visitorKey === claim.visitorKey);

    const live = await this.liveValue(claim);
    if ('error' in live) return live;
    if (live.value < claim.threshold) {
      return {
        error: {
          status: 409,
          code: 'not_reached',
          message: `The live ${claim.metric} is ${live.value}, below the threshold ${claim.threshold}; nobody has won yet.`,
        },
      };
    }
    this.winner = { visitorKey: claim.visitorKey, value: live.value, wonAt: Date.now() };
    await this.ctx.storage.put('winner', this.winner);
    return answer(true);
  }

  /** Wistia's value now, not a cached one: a stale count must not decide a winner. */
  private async liveValue(claim: Claim): Promise<{ value: number } | { error: ErrorValue }> {
    if (this.lastRead && Date.now() - this.lastRead.at < LIVE_VALUE_REUSE_MS) return { value: this.lastRead.value };
    const result = await fetchWithinBudget(this.env, readConfig(this.env), liveResource(claim));
    if (result.kind === 'failed') return { error: result.error };
    if (result.kind === 'not_found') return { error: { status: 404, code: 'not_found', message: `Wistia has no such ${claim.scope}.` } };
    const value = (JSON.parse(result.body) as Record<string, unknown>)[claim.metric];
    if (typeof value !== 'number') {
      return { error: { status: 502, code: 'upstream_error', message: `Wistia’s answer has no ${claim.metric}.` } };
    }
    this.lastRead = { value, at: Date.now() };
    return { value };
  }
}
