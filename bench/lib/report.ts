/**
 * What a figure hands back, and the table `npm run bench` prints and writes to
 * bench/RESULTS.md. Every figure is a ratio or a count against a baseline measured in the
 * same run: absolute times on a shared machine mean little.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { cpus, loadavg } from 'node:os';

export interface Figure {
  number: number;
  name: string;
  /** What this project does, in the figure's unit. */
  measured: string;
  /** The same thing measured the plain way in the same run. */
  baseline: string;
  /** The ratio or count the target is about. */
  result: string;
  target: string;
  /** `undefined`: reported, no target. */
  met: boolean | undefined;
  /** Lines under the table: the sub-measurements, and why a target is missed. */
  details: string[];
}

const started = performance.now();

/** A progress line with the time since the bench started. */
export function progress(message: string): void {
  console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);
}

const verdict = (met: boolean | undefined): string => (met === undefined ? 'reported' : met ? 'yes' : '**no**');
const cell = (text: string): string => text.replaceAll('|', '\\|');

export function table(figures: Figure[]): string {
  const lines = [
    '| # | figure | measured | baseline (same run) | result | target | met |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...figures.map(
      (f) =>
        `| ${f.number} | ${cell(f.name)} | ${cell(f.measured)} | ${cell(f.baseline)} | ${cell(f.result)} | ${cell(f.target)} | ${verdict(f.met)} |`,
    ),
  ];
  return lines.join('\n');
}

export function details(figures: Figure[]): string {
  return figures.map((f) => [`**${f.number}. ${f.name}**`, '', ...f.details.map((line) => `- ${line}`)].join('\n')).join('\n\n');
}

/** The machine the run was on: figures are ratios, but the reader should know how busy it was. */
export function machine(loadAtStart: number[]): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, Node ${process.version}, load average at start ${loadAtStart.map((n) => n.toFixed(2)).join(' / ')}, at end ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ')}`;
}

export function writeResults(path: string, figures: Figure[], loadAtStart: number[], seconds: number): void {
  const met = figures.filter((f) => f.met === true).length;
  const targets = figures.filter((f) => f.met !== undefined).length;
  writeFileSync(
    path,
    `# Bench results

Written by \`npm run bench\` (bench/main.ts) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, in ${seconds.toFixed(0)} s.
Machine: ${machine(loadAtStart)}.
Every figure is measured against its baseline in the same run, on loopback, against the simulated
Wistia account; ${met} of ${targets} targets met.

${table(figures)}

## Details

${details(figures)}
`,
  );
}

const START = '<!-- bench:start (written by npm run bench) -->';
const END = '<!-- bench:end -->';

/** Replaces the table the README quotes (between its bench markers) with this run's. */
export function quoteInReadme(path: string, figures: Figure[], loadAtStart: number[]): void {
  const readme = readFileSync(path, 'utf8');
  const [before, rest] = readme.split(START);
  const after = rest?.split(END)[1];
  if (before === undefined || after === undefined) throw new Error(`${path} has no ${START} … ${END} block`);
  const met = figures.filter((f) => f.met === true).length;
  const targets = figures.filter((f) => f.met !== undefined).length;
  const quoted = `${START}\nMeasured ${new Date().toISOString().slice(0, 10)} on ${machine(loadAtStart)}; ${met} of ${targets} targets met.\n\n${table(figures)}\n${END}`;
  writeFileSync(path, `${before}${quoted}${after}`);
}

/** Rewrites Markdown files as `npm run format` would. */
export async function formatMarkdown(paths: string[]): Promise<void> {
  for (const path of paths) {
    const options = await resolveConfig(path);
    writeFileSync(path, await format(readFileSync(path, 'utf8'), { ...options, filepath: path }));
  }
}
