/**
 * 1. Script bytes, gzip -9 and brotli: what a page downloads of the built drop-in with one
 * <wistia-play-count>, and with every element (scripts/size.ts follows the imports), against
 * Lit alone built the same way (vite, library mode, es2022, minified, legal comments kept).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { DIST_DIR, pages, sizeOf, type Size } from '../../scripts/size.ts';
import { progress, type Figure } from '../lib/report.ts';
import { ROOT, tempDir } from '../lib/stack.ts';

const ONE_TARGET_KB = 9;
const ALL_TARGET_KB = 16;

async function litAlone(): Promise<Size> {
  const outDir = tempDir('lit-alone');
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    build: {
      outDir,
      target: 'es2022',
      lib: { entry: join(ROOT, 'bench/lit-alone.ts'), formats: ['es'], fileName: () => 'lit.js' },
      rolldownOptions: { output: { minify: true, comments: { legal: true, annotation: false, jsdoc: false } } },
    },
  });
  return sizeOf(outDir, ['lit.js']);
}

/** A development build of Lit would make every figure here wrong (it is several KB larger). */
function assertProduction(dir: string, files: Iterable<string>): void {
  for (const file of files) {
    if (readFileSync(join(dir, file), 'utf8').includes('Lit is in dev mode'))
      throw new Error(`figure 1: ${file} holds Lit's development build`);
  }
}

export async function size(): Promise<Figure> {
  progress('figure 1: building Lit alone the same way…');
  const lit = await litAlone();
  const { oneCounter, everyElement } = pages();
  assertProduction(DIST_DIR, everyElement);
  const one = sizeOf(DIST_DIR, oneCounter);
  const all = sizeOf(DIST_DIR, everyElement);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
  const met = one.gzip <= ONE_TARGET_KB * 1024 && all.gzip <= ALL_TARGET_KB * 1024;
  return {
    number: 1,
    name: 'Script bytes (gzip / brotli)',
    measured: `one counter ${kb(one.gzip)} / ${kb(one.brotli)}; every element ${kb(all.gzip)} / ${kb(all.brotli)}`,
    baseline: `Lit alone ${kb(lit.gzip)} / ${kb(lit.brotli)}`,
    result: `one counter ${kb(one.gzip)} gzip (Lit ×${(one.gzip / lit.gzip).toFixed(2)}); every element ${kb(all.gzip)}`,
    target: `one ≤ ${ONE_TARGET_KB} KB, all ≤ ${ALL_TARGET_KB} KB gzip`,
    met,
    details: [
      `A page with one <wistia-play-count> loads ${[...oneCounter].join(', ')} (the entry carries the counters, on Lit's ReactiveElement): ${kb(one.raw)} raw, ${kb(one.gzip)} gzip -9, ${kb(one.brotli)} brotli; every element ${everyElement.length} files: ${kb(all.raw)} raw, ${kb(all.gzip)} gzip, ${kb(all.brotli)} brotli. Each file compressed on its own, as a browser downloads them.`,
      `Lit alone (\`export * from 'lit'\`, built with the drop-in's options): ${kb(lit.raw)} raw, ${kb(lit.gzip)} gzip, ${kb(lit.brotli)} brotli. A counter page needs no lit-html, so it is smaller than Lit alone plus the project's code would suggest.`,
    ],
  };
}
