/**
 * docs/architecture.md, "Caching and the upstream": the isolate's memory of hot answers is
 * bounded however many distinct resources clients ask for. How much an isolate holds cannot be
 * seen over HTTP (an answer from memory and one from the Cache API are the same answer), so
 * these rules are checked on the module itself; caching.test.ts checks over HTTP that it never
 * answers what the Cache API would not.
 */
import { describe, expect, it } from 'vitest';
import type { Lifetimes, StoredAnswer } from '../../worker/answers.ts';
import { EdgeMemory } from '../../worker/edge-memory.ts';

const config: Lifetimes = { cacheTtlSeconds: 60, staleTtlSeconds: 86_400, negativeTtlSeconds: 300 };
const NOW = 1_000_000_000_000;
const answer = (body: string, overrides: Partial<StoredAnswer> = {}): StoredAnswer => ({
  status: 200,
  body,
  etag: '"0123456789abcdef0123456789abcdef01234567"',
  fetchedAt: NOW,
  ...overrides,
});
const key = (n: number): string => `http://127.0.0.1:8787/__edge-cache/public/v1/stats/medias/m${n}.json`;

describe('bounded: a flood of distinct resources cannot grow an isolate’s memory', () => {
  it('holds at most maxEntries answers, the least recently used going first', () => {
    const memory = new EdgeMemory(100, 1024 * 1024);
    for (let n = 0; n < 100; n++) memory.set(key(n), answer(`{"n":${n}}`), config, NOW);
    expect(memory.get(key(0), config, NOW)).toBeDefined(); // used: now the most recent
    for (let n = 100; n < 10_000; n++) memory.set(key(n), answer(`{"n":${n}}`), config, NOW);
    expect(memory.size.entries).toBe(100);
    expect(memory.get(key(9_999), config, NOW)?.body).toBe('{"n":9999}');
    expect(memory.get(key(0), config, NOW)).toBeUndefined();
  });

  it('holds at most maxBytes, counted at 2 bytes a character', () => {
    const memory = new EdgeMemory(1_000_000, 64 * 1024);
    const body = `{"data":"${'x'.repeat(1_000)}"}`;
    for (let n = 0; n < 10_000; n++) memory.set(key(n), answer(body), config, NOW);
    const { entries, bytes } = memory.size;
    expect(bytes).toBeLessThanOrEqual(64 * 1024);
    expect(entries * 2 * body.length).toBeLessThanOrEqual(bytes);
    expect(entries).toBeGreaterThan(20); // it holds what fits, not nothing
  });

  it('does not hold an answer of more than a sixteenth of maxBytes: one list must not push out the hot answers', () => {
    const memory = new EdgeMemory(1_000, 64 * 1024);
    memory.set(key(1), answer('{"small":1}'), config, NOW);
    memory.set(key(2), answer(`[${'1,'.repeat(1_100)}1]`), config, NOW);
    expect(memory.get(key(2), config, NOW)).toBeUndefined();
    expect(memory.get(key(1), config, NOW)).toBeDefined();
  });
});

describe('holds what the Cache API answers as a HIT, and nothing else', () => {
  it('a 404, or an answer already stale, replaces what was held with nothing', () => {
    const memory = new EdgeMemory(10, 64 * 1024);
    memory.set(key(1), answer('{"plays":1}'), config, NOW);
    memory.set(key(1), answer('{"error":{}}', { status: 404 }), config, NOW);
    expect(memory.get(key(1), config, NOW)).toBeUndefined();
    memory.set(key(2), answer('{"plays":2}'), config, NOW);
    memory.set(key(2), answer('{"plays":1}', { fetchedAt: NOW - 61_000 }), config, NOW);
    expect(memory.get(key(2), config, NOW)).toBeUndefined();
    expect(memory.size).toEqual({ entries: 0, bytes: 0 });
  });

  it('a held answer is forgotten once stale, at CACHE_TTL from when Wistia gave it', () => {
    const memory = new EdgeMemory(10, 64 * 1024);
    memory.set(key(1), answer('{"plays":1}'), config, NOW);
    expect(memory.get(key(1), config, NOW + 59_999)).toBeDefined();
    expect(memory.get(key(1), config, NOW + 60_000)).toBeUndefined();
    expect(memory.get(key(1), config, NOW)).toBeUndefined(); // forgotten, not just hidden
  });
});
