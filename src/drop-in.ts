/**
 * The drop-in, `dist/wistia-stats.js`, served by the Worker at `/wistia-stats.js`. It carries
 * what nearly every page shows, the counters and `<wistia-stats>`, on Lit's ReactiveElement
 * alone, so a page of counters downloads this one file and asks for its stats as it runs.
 * The other families (Lit templates: graphs, milestone, lists) load from beside it when their
 * first tag appears — in the page now, or later (a CMS block, a framework). Elements loaded
 * this way ask the Worker they came from unless given an `endpoint`. See docs/architecture.md,
 * "The page side" and "Size".
 */
// The provider first: elements ask a <wistia-stats> around them for their settings as they are defined.
import './elements/stats-provider/wistia-stats.ts';
import './elements/stat/index.ts';

const families: Record<string, () => Promise<unknown>> = {
  'wistia-engagement': () => import('./elements/engagement/wistia-engagement.ts'),
  'wistia-heatmap': () => import('./elements/heatmap/wistia-heatmap.ts'),
  'wistia-milestone': () => import('./elements/milestone/wistia-milestone.ts'),
  'wistia-trend': () => import('./elements/trend/wistia-trend.ts'),
  'wistia-recommendations': () => import('./elements/recommendations/wistia-recommendations.ts'),
};

// Until a family's code has arrived, its tags show none of their own content, in every root
// discover() watches: a milestone's "the puppy is yours" must not flash before the element
// decides. Without constructable style sheets (Safari before 16.4), nothing is hidden.
// See docs/architecture.md, "The drop-in".
const waiting = 'adoptedStyleSheets' in document ? new CSSStyleSheet() : undefined;
waiting?.replaceSync(`:is(${Object.keys(families).join()}):not(:defined){display:none}`);

const asked = new Set<string>();

/**
 * Loads the family of every Wistia tag in `root` (itself included) not loaded yet, and of every
 * one added to it later. The page is discovered by itself; a shadow root of your own
 * components is not visible from the page, so hand it over:
 * `import { discover } from 'https://stats.example.com/wistia-stats.js'; discover(this.shadowRoot)`.
 */
export function discover(root: ParentNode): void {
  if (!(root instanceof Element) && !observed.has(root)) {
    observed.add(root);
    observer.observe(root, { childList: true, subtree: true });
    const styled = root as Partial<DocumentOrShadowRoot>; // a plain fragment has no style sheets
    if (waiting && styled.adoptedStyleSheets) styled.adoptedStyleSheets = [...styled.adoptedStyleSheets, waiting];
  }
  const tags = [...root.querySelectorAll(':not(:defined)')].map((element) => element.localName);
  if (root instanceof Element) tags.push(root.localName);
  for (const tag of tags) if (families[tag] && !asked.has(tag) && !customElements.get(tag)) load(tag);
}

function load(tag: string): void {
  asked.add(tag);
  // lit-html is asked for at once, so it downloads beside the family rather than after it.
  void import('./core/template-element.ts');
  families[tag]!().catch((error: unknown) => {
    asked.delete(tag); // the next sighting tries again
    console.error(`wistia-stats: could not load <${tag}>`, error);
  });
}

const observed = new WeakSet<ParentNode>();
const observer = new MutationObserver((mutations) => {
  for (const { addedNodes } of mutations) for (const node of addedNodes) if (node instanceof Element) discover(node);
});
discover(document);
