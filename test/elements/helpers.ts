/** What the element tests share: the test world's URLs and ways to steer the simulated account. */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';

export interface TestEnv {
  /** The Worker under test, behind a door that counts what reaches it (scripts/counting-proxy.ts). */
  worker: string;
  /** A Worker whose configuration does not parse (`CACHE_TTL=often`). */
  misconfigured: string;
  /** The simulated account (for its /__sim/ control routes). */
  account: string;
  /** The run is on Lit's development build (LIT_DEV=1). */
  litDev: boolean;
  /** The pinned drop-in's file name in dist/ (`wistia-stats-<hash>.js`), if it is built. */
  pinned: string | null;
}

/** What reached the Worker through the counting door since the last reset: `{"GET 200": 3, "OPTIONS 204": 1}`. */
export async function doorCounts(reset = false): Promise<Record<string, number>> {
  const { worker } = await testEnv();
  return (await fetch(`${worker}/__counts${reset ? '?reset' : ''}`, { cache: 'no-store' })).json() as Promise<Record<string, number>>;
}

/** The sum of the counts whose key starts with `prefix` (`GET`, `OPTIONS`, `GET 304`). */
export const total = (counts: Record<string, number>, prefix: string): number =>
  Object.entries(counts).reduce((sum, [key, count]) => sum + (key.startsWith(prefix) ? count : 0), 0);

/** The text a person reads in an element: its shadow root, with each slot replaced by what is slotted there. */
export function visibleText(node: Node): string {
  if (node instanceof HTMLSlotElement) return node.assignedNodes({ flatten: true }).map(visibleText).join('');
  if (
    node instanceof HTMLElement &&
    (node.hidden || getComputedStyle(node).display === 'none' || node.classList.contains('visually-hidden'))
  )
    return '';
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  const children = node instanceof Element && node.shadowRoot ? node.shadowRoot.childNodes : node.childNodes;
  return [...children].map(visibleText).join('');
}

/** Whether a computed colour is fully transparent, in any of the forms Chromium writes (rgba(…, 0), color(srgb … / 0)). */
export const transparent = (color: string): boolean => color === 'transparent' || /[,/]\s*0(\.0+)?\s*\)$/.test(color);

// On Lit's development build (LIT_DEV=1), a warning Lit issues fails the test during which it came.
const seenWarnings = new Set<string>();
afterEach(async () => {
  if (!(await testEnv()).litDev) return;
  const issued = [...((globalThis as { litIssuedWarnings?: Set<string> }).litIssuedWarnings ?? [])];
  const fresh = issued.filter((warning) => !seenWarnings.has(warning) && !warning.includes('lit.dev/msg/dev-mode'));
  issued.forEach((warning) => seenWarnings.add(warning));
  expect(fresh, 'Lit warnings').to.deep.equal([]);
});

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

/**
 * A tag whose attributes cannot work: it shows a readable error, fires `wistia-error` with
 * `bad_attribute`, and asks for nothing whose URL contains `fragment` ('' for nothing at all).
 */
export async function expectBadAttributes(tag: string, attributes: string, fragment: string): Promise<void> {
  const { worker } = await testEnv();
  const before = fetched.length;
  const parent = await fixture(html`<div></div>`);
  const errors = record(parent, 'wistia-error');
  parent.innerHTML = `<${tag} endpoint="${worker}" ${attributes}></${tag}>`;
  await settled(parent.firstElementChild!, 'error');
  expect(errors[0]!.detail.code).to.equal('bad_attribute');
  expect(fetched.slice(before).filter((url) => url.includes(fragment))).to.deep.equal([]);
}

/** The UTC day `offset` days from today, as Wistia writes dates (`2026-11-26`). */
export const utcDay = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
