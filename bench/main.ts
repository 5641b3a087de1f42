/**
 * `npm run bench`: every performance promise, each against its baseline in the same run
 * (absolute times on a shared machine mean little), printed with its target and whether it
 * is met, and written to bench/RESULTS.md (the table also to README.md, between its bench
 * markers). Loopback only; the Workers run under `wrangler dev` against the simulated Wistia
 * account; the browser figures drive Debian's Chromium. docs/architecture.md, "Measuring".
 *
 * `npm run bench -- 6 7` runs only those figures (and writes no RESULTS.md);
 * `--no-build` skips building the drop-in (the browser figures and figure 1 need it in dist/).
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { size } from './figures/1-size.ts';
import { requestsPerPage } from './figures/2-3-requests.ts';
import { firstValue } from './figures/4-first-value.ts';
import { memory } from './figures/5-memory.ts';
import { edgeThroughput } from './figures/6-edge-throughput.ts';
import { locations } from './figures/7-8-locations.ts';
import { claims } from './figures/9-claims.ts';
import { details, formatMarkdown, progress, quoteInReadme, table, writeResults, type Figure } from './lib/report.ts';
import { ROOT, stopEverything } from './lib/stack.ts';

type Run = () => Promise<Figure | Figure[]>;
const FIGURES: Array<[number[], Run]> = [
  [[1], size],
  [[2, 3], requestsPerPage],
  [[4], firstValue],
  [[5], memory],
  [[6], edgeThroughput],
  [[7, 8], locations],
  [[9], claims],
];

const args = process.argv.slice(2);
const only = args.filter((arg) => /^\d+$/.test(arg)).map(Number);
const chosen = FIGURES.filter(([numbers]) => !only.length || numbers.some((n) => only.includes(n)));
const loadAtStart = loadavg();
const started = performance.now();

const figures: Figure[] = [];
let exitCode = 0;
try {
  if (!args.includes('--no-build')) {
    // The drop-in alone, as npm start builds it: the npm modules and types are measured by nothing here.
    progress('building the drop-in (vite build)…');
    await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  }
  for (const [numbers, run] of chosen) {
    progress(`figure ${numbers.join(' and ')}…`);
    let result: Figure[];
    try {
      result = [await run()].flat();
    } catch (error) {
      // One figure failing says nothing about the others: record it and go on.
      exitCode = 1;
      console.error(error);
      result = numbers.map((number) => ({
        number,
        name: 'failed',
        measured: '—',
        baseline: '—',
        result: 'error',
        target: '—',
        met: false,
        details: [`The run failed: ${String(error).split('\n')[0]}`],
      }));
    }
    for (const figure of result) {
      figures.push(figure);
      progress(
        `figure ${figure.number}, ${figure.name}: ${figure.result} (target ${figure.target}) ${figure.met === undefined ? '' : figure.met ? '— met' : '— NOT met'}`,
      );
    }
  }
} catch (error) {
  exitCode = 1;
  console.error(error);
} finally {
  progress('stopping what the bench started…');
  await stopEverything();
}

figures.sort((a, b) => a.number - b.number);
console.log(`\n${table(figures)}\n\n${details(figures)}\n`);
if (!only.length && exitCode === 0) {
  writeResults(join(ROOT, 'bench/RESULTS.md'), figures, loadAtStart, (performance.now() - started) / 1000);
  quoteInReadme(join(ROOT, 'README.md'), figures, loadAtStart);
  // In the repository's style, so `npm test`'s format check passes after a bench run.
  await formatMarkdown([join(ROOT, 'bench/RESULTS.md'), join(ROOT, 'README.md')]);
  progress('wrote bench/RESULTS.md and the table in README.md');
}
process.exit(exitCode);
