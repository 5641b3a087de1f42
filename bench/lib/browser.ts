/**
 * The browser figures' world: Debian's Chromium driven by playwright-core (no browser
 * download), pages served from an origin of their own, and the Worker behind the counting door
 * (scripts/counting-proxy.ts), which records every request that reaches it. Pages load the
 * drop-in from the door, so the elements ask the Worker through it.
 */
import { createServer } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.ts';
import { startCountingProxy, type Passed } from '../../scripts/counting-proxy.ts';
import { sharedStack } from './context.ts';
import { atEnd } from './stack.ts';

let browser: Promise<Browser> | undefined;

export function launch(): Promise<Browser> {
  browser ??= (async () => {
    // Pages in tabs nobody looks at must poll as a shown one does.
    const launched = await launchChromium([
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows',
    ]);
    atEnd(() => launched.close());
    return launched;
  })();
  return browser;
}

export interface Door {
  /** The Worker behind the door: what pages load the drop-in from. */
  url: string;
  /** Every request that reached the Worker through the door so far. */
  passed: Passed[];
}

let door: Promise<Door> | undefined;

/** The shared Worker behind the counting door. */
export function countedWorker(): Promise<Door> {
  door ??= (async () => {
    const { worker } = await sharedStack();
    const passed: Passed[] = [];
    const proxy = await startCountingProxy(worker.url, (request) => passed.push(request));
    atEnd(() => proxy.close());
    return { url: proxy.url, passed };
  })();
  return door;
}

/** Requests for stats (not the drop-in's files) that reached the Worker, optionally only for some paths and from a time on. */
export function statsRequests(passed: Passed[], { since = 0, paths }: { since?: number; paths?: string[] } = {}): Passed[] {
  return passed.filter(
    (request) => request.at >= since && request.url.startsWith('/v1/') && (!paths || paths.some((path) => request.url.startsWith(path))),
  );
}

let pageServer: Promise<{ url: string; pages: Map<string, string> }> | undefined;

/** Serves `html` at a path of an origin of its own (neither the Worker's nor the door's); returns its URL. */
export async function servePage(name: string, html: string): Promise<string> {
  pageServer ??= (async () => {
    const pages = new Map<string, string>();
    const server = createServer((request, response) => {
      const page = pages.get(request.url ?? '');
      response.writeHead(page === undefined ? 404 : 200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      response.end(page ?? 'not found');
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    atEnd(() => new Promise<void>((done) => server.close(() => done())));
    const address = server.address();
    return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, pages };
  })();
  const { url, pages } = await pageServer;
  pages.set(`/${name}`, html);
  return `${url}/${name}`;
}

/** A page of another origin with the drop-in and `body`. */
export const dropInPage = (door: Door, body: string): string =>
  `<!doctype html><html><head><meta charset="utf-8"><script type="module" src="${door.url}/wistia-stats.js"></script></head><body>${body}</body></html>`;

/** JS heap in use after a forced garbage collection (bytes). */
export async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

/** Every element matching `selector` shows a value (a `[part~=value]` in its shadow root, or text for plain elements). */
export const allShown = (selector: string, count: number): string =>
  `(() => { const all = [...document.querySelectorAll(${JSON.stringify(selector)})];
     return all.length === ${count} && all.every((e) => e.shadowRoot ? e.shadowRoot.querySelector('[part~="value"]') : e.textContent.trim() !== ''); })()`;
