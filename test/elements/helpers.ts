/** What the element tests share: the test world's URLs and ways to steer the simulated account. */
import { waitUntil } from '@open-wc/testing';

export interface TestEnv {
  /** The Worker under test. */
  worker: string;
  /** The simulated account (for its /__sim/ control routes). */
  account: string;
}

let env: Promise<TestEnv> | undefined;
export function testEnv(): Promise<TestEnv> {
  env ??= fetch('/__test-env.json').then((response) => response.json() as Promise<TestEnv>);
  return env;
}

/** What Wistia (the simulated account) itself answers for a path, asked with the token. */
export async function wistia<T = Record<string, unknown>>(path: string): Promise<T> {
  return (await fetch(`/__wistia${path}`, { cache: 'no-store' })).json() as Promise<T>;
}

/** Calls one of the simulated account's control routes. */
export async function sim(path: string, body?: unknown, method = 'POST'): Promise<void> {
  const { account } = await testEnv();
  const response = await fetch(`${account}/__sim/${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`sim ${path}: ${response.status} ${await response.text()}`);
}

/** Every URL this page passed to fetch, in order: the spy calls through to the real fetch. */
export const fetched: string[] = [];
const realFetch = window.fetch.bind(window);
window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
  fetched.push(input instanceof Request ? input.url : String(input));
  return realFetch(input, init);
};

/** How many requests this page made for URLs containing `fragment` (the browser's own record). */
export function requestsFor(fragment: string): number {
  return performance.getEntriesByType('resource').filter((entry) => entry.name.includes(fragment)).length;
}

/** The text a shadow root shows in one part. */
export function partText(element: Element, part: string): string | undefined {
  return element.shadowRoot?.querySelector(`[part~="${part}"]`)?.textContent?.trim();
}

/** Waits until the element shows a value (or an error), as a visitor would. */
export async function settled(element: Element, part: 'value' | 'error' | 'graph' | 'frame' | 'progress' = 'value'): Promise<void> {
  await waitUntil(() => element.shadowRoot?.querySelector(`[part~="${part}"]`), `no ${part} part appeared`, { timeout: 14_000 });
}

/** Records the events of one kind an element fires. */
export function record<K extends keyof GlobalEventHandlersEventMap>(element: EventTarget, name: K): Array<GlobalEventHandlersEventMap[K]> {
  const seen: Array<GlobalEventHandlersEventMap[K]> = [];
  element.addEventListener(name, (event) => seen.push(event as GlobalEventHandlersEventMap[K]));
  return seen;
}
