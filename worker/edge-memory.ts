/**
 * This isolate's memory of hot answers, in front of the location's Cache API
 * (docs/architecture.md, "Caching and the upstream"). An edge hit answered from here costs
 * no Cache API round trip, the largest part of a hit's cost.
 *
 * It never answers what the Cache API layer would not: it holds only fresh 200s, under the
 * Cache API's own key (so the view, PII or heatmap, is part of it), and judges them by the
 * one freshness rule (answers.ts). A stale one is forgotten when met, and the request goes on
 * to the Cache API's stale path, which refreshes once per location and marks what Wistia
 * failed to refresh. What it may hold at all, edge-cache.ts decides.
 *
 * Bounded, whatever clients ask for: at most `maxEntries` answers and `maxBytes` in all (each
 * counted at 2 bytes a character, the most V8 spends on a string), the least recently used
 * going first. A single answer of more than a sixteenth of `maxBytes` is not held: one large
 * list must not push out the many small answers pages poll.
 */
import { freshnessOf, type Lifetimes, type StoredAnswer } from './answers.ts';

/** What an entry costs beyond its strings: the entry, the answer object, the Map's slot (a generous guess). */
const ENTRY_OVERHEAD_BYTES = 200;

interface Entry {
  answer: StoredAnswer;
  bytes: number;
}

export class EdgeMemory {
  /** In order of use, least recent first (a Map iterates in insertion order). */
  private readonly entries = new Map<string, Entry>();
  private heldBytes = 0;

  constructor(
    readonly maxEntries: number,
    readonly maxBytes: number,
  ) {}

  /** How many answers are held, and their cost in bytes. */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.heldBytes };
  }

  /** Whether an answer of `characters` (its body's length) could be held at all. */
  mayHold(characters: number): boolean {
    return 2 * characters + ENTRY_OVERHEAD_BYTES <= this.maxBytes / 16;
  }

  /** The fresh answer held for `key`. A stale one is forgotten: the Cache API's stale path takes over. */
  get(key: string, config: Lifetimes, now: number): StoredAnswer | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (freshnessOf(entry.answer, config, now) !== 'fresh') {
      this.forget(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.answer;
  }

  /** Holds a fresh 200 for `key`; anything else (a 404, a stale copy) replaces what was held with nothing. */
  set(key: string, answer: StoredAnswer, config: Lifetimes, now: number): void {
    this.forget(key);
    if (answer.status !== 200 || freshnessOf(answer, config, now) !== 'fresh') return;
    if (!this.mayHold(answer.body.length)) return;
    const bytes = 2 * (key.length + answer.body.length + answer.etag.length) + ENTRY_OVERHEAD_BYTES;
    for (const [oldest] of this.entries) {
      if (this.entries.size < this.maxEntries && this.heldBytes + bytes <= this.maxBytes) break;
      this.forget(oldest);
    }
    this.entries.set(key, { answer, bytes });
    this.heldBytes += bytes;
  }

  forget(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.heldBytes -= entry.bytes;
  }
}
