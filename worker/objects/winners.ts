/**
 * Winners: one per account, the owner's list of every milestone won (`GET
 * /v1/milestones/winners.json`). Each Milestone object writes its winner here before the
 * winning answer leaves, so the list holds every receipt ever handed out.
 */
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../config.ts';
import type { WinnerEntry } from '../milestones.ts';

export class Winners extends DurableObject<Env> {
  /** Idempotent: one entry per milestone. */
  async record(milestone: string, entry: WinnerEntry): Promise<void> {
    await this.ctx.storage.put(`winner:${milestone}`, entry);
  }

  /** Oldest win first. */
  async all(): Promise<WinnerEntry[]> {
    const entries = await this.ctx.storage.list<WinnerEntry>({ prefix: 'winner:' });
    return [...entries.values()].sort((a, b) => a.won_at.localeCompare(b.won_at));
  }
}
