/**
 * StatsShield: one per resource (and PII mode), worldwide. It alone calls Wistia for
 * its resource, so however many locations and requests want it at once, the upstream
 * sees one request per `CACHE_TTL`:
 * - concurrent reads share one upstream request (`refreshing`);
 * - a fresh copy is answered from memory, a stale one at once while it refreshes;
 * - the last good answer lives in durable storage and is served for up to `STALE_TTL`
 *   while Wistia fails, also after a restart;
 * - a failed attempt is not retried within the TTL (or Wistia's Retry-After), and a 404
 *   is remembered for `NEGATIVE_TTL`, so neither errors nor guessed ids spend the budget.
 */
import { DurableObject } from 'cloudflare:workers';
import { readConfig, type Config, type Env } from '../config.ts';
import { etagOf, freshnessOf, type Freshness, type StoredAnswer } from '../answers.ts';
import type { ErrorValue } from '../errors.ts';
import type { Resource } from '../resources.ts';
import { fetchWithinBudget } from '../upstream.ts';

export type ShieldAnswer =
  | { kind: 'answer'; answer: StoredAnswer; freshness: Freshness; fromUpstream: boolean }
  | { kind: 'error'; error: ErrorValue };

type Attempt = { ok: true; answer: StoredAnswer } | { ok: false; error: ErrorValue };

export class StatsShield extends DurableObject<Env> {
  private stored: StoredAnswer | undefined;
  private refreshing: Promise<Attempt> | undefined;
  private lastFailure: { error: ErrorValue; retryAt: number } | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void ctx.blockConcurrencyWhile(async () => {
      this.stored = await ctx.storage.get<StoredAnswer>('answer');
    });
  }

  /**
   * The resource's answer. With `waitForFresh` (a background revalidation from an edge
   * location) a stale copy is refreshed before answering instead of being returned.
   */
  async read(resource: Resource, options: { waitForFresh: boolean }): Promise<ShieldAnswer> {
    const config = readConfig(this.env);
    const stored = this.stored;
    const freshness = stored && freshnessOf(stored, config, Date.now());
    if (stored && freshness === 'fresh') return { kind: 'answer', answer: stored, freshness, fromUpstream: false };

    const stale = freshness === 'stale' ? stored : undefined;
    if (stale && !options.waitForFresh) {
      void this.refresh(resource, config);
      return { kind: 'answer', answer: stale, freshness: 'stale', fromUpstream: false };
    }
    const attempt = await this.refresh(resource, config);
    if (attempt.ok) return { kind: 'answer', answer: attempt.answer, freshness: 'fresh', fromUpstream: true };
    if (stale) return { kind: 'answer', answer: stale, freshness: 'stale', fromUpstream: false };
    return { kind: 'error', error: attempt.error };
  }

  private refresh(resource: Resource, config: Config): Promise<Attempt> {
    this.refreshing ??= this.attempt(resource, config).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async attempt(resource: Resource, config: Config): Promise<Attempt> {
    if (this.lastFailure && Date.now() < this.lastFailure.retryAt) return { ok: false, error: this.lastFailure.error };

    const result = await fetchWithinBudget(this.env, config, resource);
    if (result.kind === 'failed') {
      const waitSeconds = Math.max(config.cacheTtlSeconds, result.error.retryAfterSeconds ?? 0);
      this.lastFailure = { error: result.error, retryAt: Date.now() + waitSeconds * 1000 };
      console.warn(JSON.stringify({ event: 'upstream_failed', resource: resource.path, code: result.error.code, status: result.error.status }));
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
    await this.ctx.storage.put('answer', answer);
    return { ok: true, answer };
  }
}
