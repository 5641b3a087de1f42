/**
 * StatsShield: one per resource (and view), worldwide. It alone calls Wistia for
 * its resource, so however many locations and requests want it at once, the upstream
 * sees one request per `CACHE_TTL`:
 * - concurrent reads share one upstream request (`refreshing`);
 * - a fresh copy is answered from memory, a stale one at once while it refreshes;
 * - the last good answer lives in durable storage and is served for up to `STALE_TTL`
 *   while Wistia fails, also after a restart;
 * - a failed attempt is not retried within the TTL (or Wistia's Retry-After), and a 404
 *   is remembered for `NEGATIVE_TTL`, so neither errors nor guessed ids spend the budget;
 * - the storage goes when its answer can no longer be used (an alarm), so guessed ids
 *   leave nothing behind.
 *
 * Who pays (docs/architecture.md, "Hostile clients"): refreshing a good stored answer draws on
 * the budget's reserved share and costs the asking client nothing; anything else (a new id, a
 * new list page, a remembered 404 that has run out) counts against the client's own limit of
 * upstream requests a minute (`MISSES_PER_CLIENT`) and the unreserved share of the budget.
 */
import { DurableObject } from 'cloudflare:workers';
import { readConfig, type Config, type Env } from '../config.ts';
import { etagOf, freshnessOf, keepSecondsOf, lifetimeOf, type Freshness, type StoredAnswer } from '../answers.ts';
import type { ErrorValue } from '../errors.ts';
import type { Resource } from '../resources.ts';
import { fetchWithinBudget } from '../upstream.ts';
import type { Spending } from './upstream-budget.ts';

export type ShieldAnswer =
  /** `outdated`: a stale copy Wistia could not refresh (its last attempt failed); one just not asked for in a while is not. */
  | { kind: 'answer'; answer: StoredAnswer; freshness: Freshness; fromUpstream: boolean; outdated?: boolean }
  | { kind: 'error'; error: ErrorValue };

export interface ReadOptions {
  /** A background revalidation from an edge location: refresh a stale copy before answering. */
  waitForFresh: boolean;
  /** Who asks (their address): a new resource counts against their own limit. */
  client: string;
}

type Attempt = { ok: true; answer: StoredAnswer } | { ok: false; error: ErrorValue };

const MISS_LIMIT_PERIOD_SECONDS = 60;

export class StatsShield extends DurableObject<Env> {
  private stored: StoredAnswer | undefined;
  /** Whether the stored answer is one person's history, kept a short time (answers.ts). */
  private personal: boolean | undefined;
  private refreshing: Promise<Attempt> | undefined;
  private lastFailure: { error: ErrorValue; retryAt: number } | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void ctx.blockConcurrencyWhile(async () => {
      const kept = await ctx.storage.get<StoredAnswer | boolean>(['answer', 'personal']);
      this.stored = kept.get('answer') as StoredAnswer | undefined;
      this.personal = kept.get('personal') as boolean | undefined;
    });
  }

  /** The resource's answer, from memory, storage, or (within the client's limit and the budget) Wistia. */
  async read(resource: Resource, options: ReadOptions): Promise<ShieldAnswer> {
    const config = lifetimeOf(resource.personal, readConfig(this.env));
    const stored = this.stored;
    const freshness = stored && freshnessOf(stored, config, Date.now());
    if (stored && freshness === 'fresh') return { kind: 'answer', answer: stored, freshness, fromUpstream: false };

    const stale = freshness === 'stale' ? stored : undefined;
    if (stale && !options.waitForFresh) {
      void this.refresh(resource, config, 'refresh');
      return { kind: 'answer', answer: stale, freshness: 'stale', fromUpstream: false, outdated: this.lastFailure !== undefined };
    }
    if (!stale && !this.refreshing && !(await this.withinClientLimit(options.client))) {
      return {
        kind: 'error',
        error: {
          status: 429,
          code: 'rate_limited',
          message: 'Too many requests for resources that are not cached, from this address; try again in a minute.',
          retryAfterSeconds: MISS_LIMIT_PERIOD_SECONDS,
        },
      };
    }
    const attempt = await this.refresh(resource, config, stale ? 'refresh' : 'new');
    if (attempt.ok) return { kind: 'answer', answer: attempt.answer, freshness: 'fresh', fromUpstream: true };
    if (stale) return { kind: 'answer', answer: stale, freshness: 'stale', fromUpstream: false, outdated: true };
    return { kind: 'error', error: attempt.error };
  }

  /** Nothing is stored past its last use: a 404 after NEGATIVE_TTL, a 200 after CACHE_TTL + STALE_TTL. */
  override async alarm(): Promise<void> {
    const stored = this.stored;
    if (stored && freshnessOf(stored, lifetimeOf(this.personal, readConfig(this.env)), Date.now()) !== undefined) return;
    this.stored = undefined;
    await this.ctx.storage.deleteAll();
  }

  private async withinClientLimit(client: string): Promise<boolean> {
    return (await this.env.MISSES_PER_CLIENT.limit({ key: client })).success;
  }

  private refresh(resource: Resource, config: Config, spending: Spending): Promise<Attempt> {
    this.refreshing ??= this.attempt(resource, config, spending).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async attempt(resource: Resource, config: Config, spending: Spending): Promise<Attempt> {
    if (this.lastFailure && Date.now() < this.lastFailure.retryAt) return { ok: false, error: this.lastFailure.error };

    const result = await fetchWithinBudget(this.env, config, resource, spending);
    if (result.kind === 'failed') {
      const waitSeconds = Math.max(config.cacheTtlSeconds, result.error.retryAfterSeconds ?? 0);
      this.lastFailure = { error: result.error, retryAt: Date.now() + waitSeconds * 1000 };
      console.warn(
        JSON.stringify({ event: 'upstream_failed', resource: resource.path, code: result.error.code, status: result.error.status }),
      );
      return { ok: false, error: result.error };
    }

    this.lastFailure = undefined;
    const body = result.kind === 'ok' ? result.body : JSON.stringify({ error: { code: 'not_found', message: 'No such resource.' } });
    const answer: StoredAnswer = {
      status: result.kind === 'ok' ? 200 : 404,
      body,
      etag: await etagOf(body),
      fetchedAt: Date.now(),
    };
    this.stored = answer;
    this.personal = resource.personal === true;
    await this.ctx.storage.put({ answer, personal: this.personal });
    const keepSeconds = keepSecondsOf(answer, config);
    await this.ctx.storage.setAlarm(answer.fetchedAt + keepSeconds * 1000);
    return { ok: true, answer };
  }
}
