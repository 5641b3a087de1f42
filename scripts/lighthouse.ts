/**
 * `npm run lighthouse`: Lighthouse's accessibility and best-practices scores for every page of
 * the demo, in headless Chromium (Debian's /usr/bin/chromium, or CHROME_PATH) while `npm start`
 * runs on free ports. Exits 1 when a score is under 100, naming the audits that cost it
 * (docs/architecture.md, "The demo"). Not part of `npm test`: it takes about 40 s.
 */
import lighthouse from 'lighthouse';
import { launchChromium } from './chromium.ts';
import { startDemo } from './start-process.ts';
import { freePort } from './worker-process.ts';

const CATEGORIES = ['accessibility', 'best-practices'];

console.log('lighthouse: starting the demo (npm start)…');
const demo = await startDemo();
// Lighthouse drives the browser over the DevTools port; the browser is launched as the e2e tests launch it.
const port = await freePort();
const browser = await launchChromium([`--remote-debugging-port=${port}`]);
const rows: Array<{ name: string; scores: number[] }> = [];
const lost: string[] = [];
try {
  for (const [name, url] of demo.pages) {
    console.log(`lighthouse: ${name} (${url})…`);
    const result = await lighthouse(url, { port, onlyCategories: CATEGORIES, logLevel: 'error' });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { categories, audits, runtimeError } = result.lhr;
    if (runtimeError) throw new Error(`Lighthouse could not run on ${url}: ${runtimeError.code} ${runtimeError.message}`);
    rows.push({ name, scores: CATEGORIES.map((id) => Math.round((categories[id]?.score ?? 0) * 100)) });
    // What cost a point: every weighted audit of these categories that did not pass.
    for (const id of CATEGORIES) {
      for (const { id: audit, weight } of categories[id]?.auditRefs ?? []) {
        const { score, title, details } = audits[audit]!;
        if (weight > 0 && score !== null && score < 1) lost.push(`${name}, ${id}: ${audit} (${title})${found(details)}`);
      }
    }
  }
} finally {
  await browser.close();
  await demo.stop();
}

/** An audit's findings, one a line: the console message, the URL or the element it names. */
function found(details: unknown): string {
  const items = (details as { items?: Array<Record<string, unknown>> } | undefined)?.items ?? [];
  const what = (item: Record<string, unknown>): unknown => item.description ?? item.url ?? (item.node as { snippet?: string })?.snippet;
  return items.map((item) => `\n  ${String(what(item))}`).join('');
}

const table = [
  ['page', ...CATEGORIES],
  ['---', ...CATEGORIES.map(() => '---:')],
  ...rows.map(({ name, scores }) => [name, ...scores.map(String)]),
];
console.log(`\n${table.map((row) => `| ${row.join(' | ')} |`).join('\n')}\n`);
for (const line of lost) console.log(`lighthouse: lost points on ${line}`);
if (rows.some(({ scores }) => scores.some((score) => score < 100))) {
  console.error('lighthouse: a score is under 100');
  process.exitCode = 1;
} else {
  console.log('lighthouse: every page scores 100 in both');
}
