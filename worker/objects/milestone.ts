/**
 * Milestone: one Durable Object per milestone (scope, id, metric, threshold). Exactly one
 * visitor can win it, because:
 * - every claim for this milestone, from anywhere in the world, reaches this one object;
 * - `blockConcurrencyWhile` lets no other claim in until the current one is decided,
 *   so two claims never both see "no winner";
 * - the winner is written to durable storage (and to the owner's list of winners) before the
 *   answer leaves, and is loaded before any claim is handled after a restart.
 *
 * The value it decides on is the one a page reads (the Worker reads it through the caches
 * before asking), so polling the claim route learns of a crossing no sooner than a page does;
 * and no answer carries it.
 */
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../config.ts';
import type { ErrorValue } from '../errors.ts';
import { makeReceipt, milestoneName, type Claim, type ClaimAnswer, type WinnerEntry } from '../milestones.ts';

interface Winner {
  visitorKey: string;
  /** The value when it was won. */
  value: number;
  wonAt: number;
  receipt: string;
  /** Whether the owner's list has it (a failed write there is retried by the next claim). */
  listed: boolean;
}

export interface Decision {
  claim: Claim;
  /** The scope's value as a page reads it now. */
  value: number;
  /** Whether the claimant may win (always, unless CLAIM_VERIFY=viewer found no viewing session). */
  eligible: boolean;
}

export class Milestone extends DurableObject<Env> {
  private winner: Winner | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void ctx.blockConcurrencyWhile(async () => {
      this.winner = await ctx.storage.get<Winner>('winner');
    });
  }

  async claim(decision: Decision): Promise<{ answer: ClaimAnswer } | { error: ErrorValue }> {
    return this.ctx.blockConcurrencyWhile(() => this.decide(decision));
  }

  private async decide({ claim, value, eligible }: Decision): Promise<{ answer: ClaimAnswer } | { error: ErrorValue }> {
    const answer = (won: boolean, receipt?: string): { answer: ClaimAnswer } => ({
      answer: { won, scope: claim.scope, id: claim.id, metric: claim.metric, threshold: claim.threshold, ...(receipt && { receipt }) },
    });
    // Decided once, answered the same way for ever after. The receipt went out once, with the
    // win: whoever learns the winner's visitor key later is told `won` but cannot show a receipt.
    if (this.winner) {
      if (!this.winner.listed) await this.list(claim);
      return answer(this.winner.visitorKey === claim.visitorKey);
    }
    if (value < claim.threshold) {
      return { error: { status: 409, code: 'not_reached', message: 'The milestone has not been reached yet; nobody has won it.' } };
    }
    if (!eligible) {
      return {
        error: {
          status: 403,
          code: 'not_eligible',
          message: 'Wistia has no viewing session by this visitor key here; only a viewer can win.',
        },
      };
    }
    const wonAt = Date.now();
    const receipt = await makeReceipt(this.env.WISTIA_API_TOKEN ?? '', milestoneName(claim), claim.visitorKey, wonAt);
    this.winner = { visitorKey: claim.visitorKey, value, wonAt, receipt, listed: false };
    await this.ctx.storage.put('winner', this.winner);
    await this.list(claim);
    return answer(true, receipt);
  }

  private async list(claim: Claim): Promise<void> {
    const winner = this.winner!;
    const entry: WinnerEntry = {
      scope: claim.scope,
      id: claim.id,
      metric: claim.metric,
      threshold: claim.threshold,
      visitor_key: winner.visitorKey,
      value: winner.value,
      won_at: new Date(winner.wonAt).toISOString(),
      receipt: winner.receipt,
    };
    await this.env.WINNERS.get(this.env.WINNERS.idFromName('account')).record(milestoneName(claim), entry);
    winner.listed = true;
    await this.ctx.storage.put('winner', winner);
  }
}
