/**
 * Reading what the caches serve, for routes that make their answer from other answers (the
 * claim, the badges and cards, the recommendations): a 404 stays a 404, and an answer without
 * the number asked for is Wistia's fault, a 502.
 */
import type { Scope } from '../src/wistia-api.ts';
import { textOf, type Served } from './edge-cache.ts';
import { AppError, notFound } from './errors.ts';
import * as resources from './resources.ts';
import type { Resource } from './resources.ts';

/** Reads a resource as a page would (edge cache, then shield); how index.ts wires it. */
export type Read = (resource: Resource) => Promise<Served>;

/** The JSON of a served answer; a remembered 404 is this route's 404. */
export async function bodyOf(served: Served, missing: string): Promise<unknown> {
  if (served.answer.status === 404) throw notFound(missing);
  return JSON.parse(await textOf(served.answer)) as unknown;
}

/** A scope's stats answer as an object of numbers (a 404 when Wistia has no such media or project). */
export const statsIn = async (served: Served, scope: Scope): Promise<Record<string, unknown>> =>
  (await bodyOf(served, `No such ${scope}.`)) as Record<string, unknown>;

/** One metric of a stats answer. */
export function numberIn(stats: Record<string, unknown>, metric: string): number {
  const value = stats[metric];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new AppError({ status: 502, code: 'upstream_error', message: `Wistia’s answer has no ${metric}.` });
  }
  return value;
}

/** A scope's own stats (where a claim reads its value, and a badge its number). */
export function scopeResource({ scope, id }: { scope: Scope; id: string | null }): Resource {
  return scope === 'account' ? resources.account() : scope === 'project' ? resources.project(id!) : resources.media(id!);
}
