/**
 * UpstreamBudget: one per account, worldwide. Every upstream request first asks it for
 * a permit, so the whole deployment spends at most `UPSTREAM_BUDGET` requests in any
 * sixty seconds, and stops entirely while Wistia has told us to back off (a 429).
 */
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../config.ts';

const WINDOW_MS = 60_000;

export type Permit = { granted: true } | { granted: false; retryAfterSeconds: number };

interface BudgetState {
  /** When each permit of the last minute was granted, oldest first. */
  grantedAt: number[];
  pausedUntil: number;
}

export class UpstreamBudget extends DurableObject<Env> {
  private state: BudgetState = { grantedAt: [], pausedUntil: 0 };

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // A restart must not hand out a fresh minute's budget: load what was spent first.
    void ctx.blockConcurrencyWhile(async () => {
      this.state = (await ctx.storage.get<BudgetState>('state')) ?? this.state;
    });
  }

  async spend(limitPerMinute: number): Promise<Permit> {
    const now = Date.now();
    const { state } = this;
    if (now < state.pausedUntil) return { granted: false, retryAfterSeconds: Math.ceil((state.pausedUntil - now) / 1000) };
    state.grantedAt = state.grantedAt.filter((at) => now - at < WINDOW_MS);
    if (state.grantedAt.length >= limitPerMinute) {
      const oldest = state.grantedAt[state.grantedAt.length - limitPerMinute]!;
      return { granted: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000)) };
    }
    state.grantedAt.push(now);
    await this.ctx.storage.put('state', state);
    return { granted: true };
  }

  /** Wistia said 429: nobody in this account calls it again before `seconds` have passed. */
  async pause(seconds: number): Promise<void> {
    this.state.pausedUntil = Math.max(this.state.pausedUntil, Date.now() + seconds * 1000);
    await this.ctx.storage.put('state', this.state);
  }
}
