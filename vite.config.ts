import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { transform as transformCss } from 'lightningcss';
import { defineConfig, type Plugin } from 'vite';

/**
 * `vite build`: the drop-in the Worker serves (wrangler.jsonc `assets`): dist/wistia-stats.js,
 * a small entry that loads the element families a page uses from dist/chunks/ (content-hashed,
 * cached for good), plus dist/wistia-stats-<hash>.js, the same entry under a name that never
 * changes meaning, for pinning with Subresource Integrity.
 * `vite build --mode modules`: dist/esm/, one module per source file with Lit left to the
 * app's bundler, for npm users.
 * HTML template literals are not minified: the plugin that did it dropped meaningful spaces
 * and units from Lit templates, and saved about 120 bytes gzip. CSS ones are, by a CSS parser.
 */
const VERSION = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

/** What both builds write in: whether this is the drop-in (src/core/base-element.ts), and the release (src/core/store.ts). */
const defines = (dropIn: boolean) => ({ __WISTIA_DROP_IN__: String(dropIn), __WISTIA_VERSION__: JSON.stringify(VERSION) });

export default defineConfig(({ mode }) =>
  mode === 'modules'
    ? {
        define: defines(false),
        plugins: [minifyCssTemplates()],
        build: {
          outDir: 'dist/esm',
          emptyOutDir: true,
          target: 'es2021',
          lib: {
            entry: Object.fromEntries(
              readdirSync('src', { recursive: true, encoding: 'utf8' })
                .filter((file) => file.endsWith('.ts') && file !== 'drop-in.ts')
                .map((file) => [file.slice(0, -'.ts'.length), `src/${file}`]),
            ),
            formats: ['es'],
          },
          rolldownOptions: {
            external: [/^lit/, /^@lit\//],
            output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
          },
        },
      }
    : {
        define: defines(true),
        // Lit's production build, whatever NODE_ENV says: vite's default condition follows it,
        // and npm start run from the tests (NODE_ENV=test) built Lit's development build into dist/.
        resolve: { conditions: ['module', 'browser', 'production'] },
        plugins: [minifyCssTemplates(), dropInFiles()],
        build: {
          outDir: 'dist',
          // Afresh each time: old chunks would otherwise pile up, be counted and be deployed.
          emptyOutDir: true,
          target: 'es2022',
          // Two outputs (below), each an ES module: vite's lib.formats does not apply to an array of outputs.
          lib: { entry: 'src/drop-in.ts', fileName: () => 'wistia-stats.js' },
          rolldownOptions: {
            // The entry may export what the family chunks import of it: the core stays in the entry.
            preserveEntrySignatures: 'allow-extension',
            output: [
              {
                ...dropInOutput,
                chunkFileNames: 'chunks/[name]-[hash].js',
                // Every template family needs lit-html: one file, fetched beside the family's own.
                codeSplitting: {
                  includeDependenciesRecursively: false,
                  groups: [{ name: 'lit', test: /\/node_modules\/(lit|lit-html|lit-element)\/|\/src\/core\/template-element\.ts$/ }],
                },
              },
              // The pinned copy: everything in one file, so its integrity hash covers every byte it runs.
              { ...dropInOutput, entryFileNames: 'wistia-stats-[hash].js', codeSplitting: false },
            ],
          },
        },
      },
);

/** What both drop-in files share: minified, Lit's license notices kept, the release named. */
const dropInOutput = {
  minify: true,
  // Lit's license notices stay (BSD-3 asks for them in redistributions); annotations go.
  comments: { legal: true, annotation: false, jsdoc: false },
  // Which release a page runs, for anyone reading the script (chunks are named by their content).
  banner: (chunk: { isEntry: boolean }) => (chunk.isEntry ? `/*! wistia-stats-elements ${VERSION} | MIT License */` : ''),
} as const;

/**
 * Lit `css` templates without interpolations, minified by lightningcss (a CSS parser, so a
 * space that means something, a unit or a string survives; see docs/architecture.md, "Size").
 */
function minifyCssTemplates(): Plugin {
  return {
    name: 'wistia-minify-css-templates',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !code.includes('css`')) return null;
      return code.replace(/\bcss`([^`$\\]*)`/g, (_template, text: string) => {
        const { code: minified } = transformCss({ filename: id, code: Buffer.from(text), minify: true });
        return `css\`${minified.toString()}\``;
      });
    },
  };
}

/**
 * Beside the drop-in: the Worker's `_headers` for these files and an `.assetsignore` so the
 * Worker serves the drop-in only (not dist/esm or dist/types); and, for the pinned copy, the
 * integrity attribute a page pins it with.
 */
function dropInFiles(): Plugin {
  return {
    name: 'wistia-drop-in-files',
    generateBundle(_options, bundle) {
      const pinned = Object.values(bundle).find((file) => file.type === 'chunk' && file.isEntry && file.fileName !== 'wistia-stats.js');
      if (pinned?.type === 'chunk') {
        const integrity = `sha384-${createHash('sha384').update(pinned.code).digest('base64')}`;
        console.log(`\npinned drop-in (every element, one file): /${pinned.fileName} integrity="${integrity}"`);
        return;
      }
      const entry = bundle['wistia-stats.js'];
      if (entry?.type !== 'chunk') throw new Error('no wistia-stats.js in the bundle');
      // The counters' one file (docs/architecture.md, "Size"); a chunk it imported would import it back, a cycle.
      if (entry.imports.length) {
        throw new Error(`the drop-in imports ${entry.imports.join(', ')}: code the counters use imports lit, not @lit/reactive-element`);
      }
      this.emitFile({ type: 'asset', fileName: '_headers', source: readFileSync('worker/assets/_headers', 'utf8') });
      this.emitFile({ type: 'asset', fileName: '.assetsignore', source: 'esm\ntypes\n' });
    },
  };
}
