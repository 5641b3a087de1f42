/**
 * The drop-in, `dist/wistia-stats.js`, served by the Worker at `/wistia-stats.js`. It is
 * small: it defines the elements a page uses, loading each family from beside itself when
 * its first tag appears — in the page now, or later (a CMS block, a framework). A page with
 * one counter downloads Lit, the shared core and the counters, never the graph or the
 * milestone. Elements loaded this way ask the Worker they came from unless given an
 * `endpoint`. See docs/architecture.md, "The page side".
 */
import type { EarlyRequests } from './core/client.ts';

const stat = () => import('./elements/stat/index.ts');

const families: Record<string, () => Promise<unknown>> = {
  'wistia-stats': () => import('./elements/stats-provider/wistia-stats.ts'),
  'wistia-stat': stat,
  'wistia-play-count': stat,
  'wistia-load-count': stat,
  'wistia-visitor-count': stat,
  'wistia-hours-watched': stat,
  'wistia-play-rate': stat,
  'wistia-engagement': () => import('./elements/engagement/wistia-engagement.ts'),
  'wistia-heatmap': () => import('./elements/heatmap/wistia-heatmap.ts'),
  'wistia-milestone': () => import('./elements/milestone/wistia-milestone.ts'),
  'wistia-trend': () => import('./elements/trend/wistia-trend.ts'),
  'wistia-recommendations': () => import('./elements/recommendations/wistia-recommendations.ts'),
};

const asked = new Set<() => Promise<unknown>>();
/**
 * Elements ask a <wistia-stats> around them for their settings when they are defined, so
 * once a page shows one, every other family is defined after it.
 */
let providerDefined: Promise<unknown> = Promise.resolve();

/**
 * Loads the family of every Wistia tag in `root` (itself included) not loaded yet, and of every
 * one added to it later. The page is discovered by itself; a shadow root of your own
 * components is not visible from the page, so hand it over:
 * `import { discover } from 'https://stats.example.com/wistia-stats.js'; discover(this.shadowRoot)`.
 */
export function discover(root: ParentNode): void {
  const tags = [...root.querySelectorAll(':not(:defined)')].map((element) => element.localName);
  if (root instanceof Element) tags.push(root.localName);
  if (!(root instanceof Element) && !observed.has(root)) {
    observed.add(root);
    observer.observe(root, { childList: true, subtree: true });
  }
  if (root instanceof Element) startEarly(root);
  root.querySelectorAll(COUNTERS.join()).forEach(startEarly);
  const wanted = [...new Set(tags)].filter((tag) => families[tag] && !asked.has(families[tag]) && !customElements.get(tag));
  if (!wanted.length) return;
  // The core is asked for at once, so it downloads beside the families rather than after them.
  void import('./core/resource-controller.ts');
  if (wanted.includes('wistia-stats')) providerDefined = load('wistia-stats');
  for (const tag of wanted) if (tag !== 'wistia-stats') void providerDefined.then(() => load(tag));
}

function load(tag: string): Promise<unknown> {
  const family = families[tag]!;
  if (asked.has(family)) return Promise.resolve();
  asked.add(family);
  return family().catch((error: unknown) => {
    asked.delete(family);
    console.error(`wistia-stats: could not load <${tag}>`, error);
  });
}

/**
 * A counter's stats, asked for while its code downloads: its first value comes a round trip
 * sooner. Only where the URL is certain: a counter not yet defined, in the page, on the
 * drop-in's own Worker (no `endpoint` on it or its provider), with at most a well-formed
 * `media-id` or `project-id`: the URL the store would ask (src/core/resources.ts; the
 * drop-in's test fails if they part). The store takes the request over (src/core/client.ts);
 * one nobody takes in 10 s (a counter with a bad `metric`, or one whose resource another
 * element already shows) is given up. docs/architecture.md, "The first value".
 */
const COUNTERS = Object.keys(families).filter((tag) => families[tag] === stat);
/** The Worker this file came from, where the elements will ask. */
const WORKER = new URL(import.meta.url).origin;
const early = ((globalThis as Record<symbol, unknown>)[Symbol.for('wistia-stats.early')] ??= new Map()) as EarlyRequests;

function startEarly(element: Element): void {
  const media = element.getAttribute('media-id');
  const project = element.getAttribute('project-id');
  const id = media ?? project;
  if (!COUNTERS.includes(element.localName) || element.matches(':defined') || element.getRootNode() !== document) return;
  // An endpoint of its own or its provider's, as an attribute or set by a script: not ours to guess.
  const provider = element.closest('wistia-stats');
  if ([element, provider].some((each) => each?.hasAttribute('endpoint') || (each as { endpoint?: unknown } | null)?.endpoint)) return;
  if ((media !== null && project !== null) || (id !== null && !/^[a-z0-9]{1,32}$/.test(id))) return;
  const url = `${WORKER}/v1/stats/${media ? `medias/${media}` : project ? `projects/${project}` : 'account'}.json`;
  if (early.has(url)) return;
  const controller = new AbortController();
  const started = { response: fetch(url, { cache: 'no-cache', signal: controller.signal }), controller };
  started.response.catch(() => {}); // whoever takes it hears of a failure
  early.set(url, started);
  setTimeout(() => {
    if (early.get(url) !== started) return;
    early.delete(url);
    controller.abort();
  }, 10_000);
}

const observed = new WeakSet<ParentNode>();
const observer = new MutationObserver((mutations) => {
  for (const { addedNodes } of mutations) for (const node of addedNodes) if (node instanceof Element) discover(node);
});
discover(document);
