/**
 * `npm run size`: what a page downloads of the built drop-in, gzip -9 and brotli: a page with
 * one <wistia-play-count>, a page with every element, and each family. A page's bytes are the
 * entry plus the family's chunk and every chunk it imports (followed here from the files).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export interface Size {
  raw: number;
  gzip: number;
  brotli: number;
}

/** Bytes of `files` in `dir`: raw, gzip -9 and brotli 11, summed file by file (as a browser downloads them). */
export function sizeOf(dir: string, files: Iterable<string>): Size {
  let [raw, gzip, brotli] = [0, 0, 0];
  for (const file of files) {
    const bytes = readFileSync(join(dir, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
    brotli += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { raw, gzip, brotli };
}

export const DIST_DIR = join(import.meta.dirname, '..', 'dist');
const read = (file: string) => readFileSync(join(DIST_DIR, file));
const chunks = () => readdirSync(join(DIST_DIR, 'chunks')).map((name) => `chunks/${name}`);

/** The file and every chunk it imports statically, once each. */
function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const [, spec] of read(file)
    .toString()
    .matchAll(/import\s*(?:\{[^}]*\}\s*from\s*)?["'](\.\.?\/[^"']+)["']/g)) {
    closure(join(file, '..', spec!), seen);
  }
  return seen;
}

/** A page with one element of a family: the entry, the family's chunk and what it imports. */
const pageWith = (family: string): Set<string> =>
  new Set(['wistia-stats.js', ...closure(chunks().find((file) => file.startsWith(`chunks/${family}-`))!)]);

/** The files of dist/ a page loads: with one counter (the entry carries the counters), and with every element. */
export function pages(): { oneCounter: Set<string>; everyElement: string[] } {
  return { oneCounter: closure('wistia-stats.js'), everyElement: ['wistia-stats.js', ...chunks()] };
}

/** The pinned drop-in: every element in one file (vite.config.ts). */
const pinned = (): string => readdirSync(DIST_DIR).find((name) => /^wistia-stats-.+\.js$/.test(name))!;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { oneCounter, everyElement } = pages();
  const pinnedFile = pinned();
  const rows: Array<[string, Iterable<string>]> = [
    ['a page with one <wistia-play-count>', oneCounter],
    ['a page with one <wistia-trend>', pageWith('wistia-trend')],
    ['a page with one <wistia-recommendations>', pageWith('wistia-recommendations')],
    ['a page with every element', everyElement],
    ...chunks().map((file): [string, Iterable<string>] => [`  ${file}`, [file]]),
    ['  wistia-stats.js (the entry)', ['wistia-stats.js']],
    [`${pinnedFile} (pinned, every element in one file)`, [pinnedFile]],
  ];
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`.padStart(9);
  console.log(`${'what'.padEnd(50)}${'raw'.padStart(9)}${'gzip -9'.padStart(10)}${'brotli'.padStart(10)}`);
  for (const [what, files] of rows) {
    const { raw, gzip, brotli } = sizeOf(DIST_DIR, files);
    console.log(`${what.padEnd(50)}${kb(raw)} ${kb(gzip)} ${kb(brotli)}`);
  }
}
