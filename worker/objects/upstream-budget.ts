/**
 * UpstreamBudget: one per account, worldwide. Every upstream request first asks it for
 * a permit, so the whole deployment spends at most `UPSTREAM_BUDGET` requests in any
 * sixty seconds, and stops entirely while Wistia has told us to back off (a 429).
 *
 * The budget has two shares (docs/architecture.md, "Hostile clients"): a refresh of a
 * resource that already has a good stored answer may spend all of it, while anything else
 * (a new id, a new list page, a claim's eligibility check) stops at the unreserved share.
 * So however many new ids a flood asks for, the resources pages already show keep refreshing.
 */
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../config.ts';

const WINDOW_MS = 60_000;

/** `refresh`: a resource with a good stored answer; `new`: anything else. */
export type Spending = 'refresh' | 'new';

export interface BudgetRule {
  limitPerMinute: number;
  /** Percent of the limit that only refreshes may spend. */
  reservePercent: number;
}

export type Permit = { granted: true } | { granted: false; reason: 'spent' | 'paused'; retryAfterSeconds: number };

interface BudgetState {
  /** When each permit of the last minute was granted, oldest first. */
  grantedAt: number[];
  pausedUntil: number;
}

/** How many permits of a minute `spending` may use. */
function shareOf(spending: Spending, { limitPerMinute, reservePercent }: BudgetRule): number {
  if (spending === 'refresh') return limitPerMinute;
  return Math.max(1, limitPerMinute - Math.ceil((limitPerMinute * reservePercent) / 100));
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

  async spend(spending: Spending, rule: BudgetRule): Promise<Permit> {
    const now = Date.now();
    const { state } = this;
    if (now < state.pausedUntil) {
      return { granted: false, reason: 'paused', retryAfterSeconds: Math.ceil((state.pausedUntil - now) / 1000) };
    }
    state.grantedAt = state.grantedAt.filter((at) => now - at < WINDOW_MS);
    const share = shareOf(spending, rule);
    if (state.grantedAt.length >= share) {
      const oldest = state.grantedAt[state.grantedAt.length - share]!;
      return { granted: false, reason: 'spent', retryAfterSeconds: Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000)) };
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
