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

export default defineConfig(({ mode }) =>
  mode === 'modules'
    ? {
        define: { __WISTIA_DROP_IN__: 'false' },
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
        define: { __WISTIA_DROP_IN__: 'true' },
        // Lit's production build, whatever NODE_ENV says: vite's default condition follows it,
        // and npm start run from the tests (NODE_ENV=test) built Lit's development build into dist/.
        resolve: { conditions: ['module', 'browser', 'production'] },
        plugins: [minifyCssTemplates(), dropInFiles()],
        build: {
          outDir: 'dist',
          // Afresh each time: old chunks would otherwise pile up, be counted and be deployed.
          emptyOutDir: true,
          target: 'es2022',
          lib: { entry: 'src/drop-in.ts', formats: ['es'], fileName: () => 'wistia-stats.js' },
          rolldownOptions: {
            output: {
              minify: true,
              chunkFileNames: 'chunks/[name]-[hash].js',
              // What every element needs is one file, fetched beside the element's own (src/drop-in.ts).
              codeSplitting: { groups: [{ name: 'core', test: inCore }] },
              // Lit's license notices stay (BSD-3 asks for them in redistributions); annotations go.
              comments: { legal: true, annotation: false, jsdoc: false },
              // Which release a page runs, for anyone reading the script (chunks are named by their content).
              banner: (chunk) => (chunk.isEntry ? `/*! wistia-stats-elements ${VERSION} | MIT License */` : ''),
            },
          },
        },
      },
);

/**
 * The core chunk: Lit, the context consumer, and src/core but for what one element alone
 * uses (the count-up, the milestone's memory). The provider stays in its own chunk.
 */
function inCore(id: string): boolean {
  const path = id.replaceAll('\\', '/');
  if (/\/node_modules\/@lit\/context\//.test(path)) return !/context-provider|value-notifier|context-root|decorators/.test(path);
  if (/\/node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element)\//.test(path)) return true;
  return /\/src\/(wistia-api\.ts|core\/)/.test(path) && !/count-up|milestones|wistia-player/.test(path);
}

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
 * Beside the drop-in: its versioned copy, the Worker's `_headers` for these files, and an
 * `.assetsignore` so the Worker serves the drop-in only (not dist/esm or dist/types).
 */
function dropInFiles(): Plugin {
  return {
    name: 'wistia-drop-in-files',
    generateBundle(_options, bundle) {
      const entry = bundle['wistia-stats.js'];
      if (entry?.type !== 'chunk') throw new Error('no wistia-stats.js in the bundle');
      const hash = createHash('sha256').update(entry.code).digest('hex').slice(0, 10);
      this.emitFile({ type: 'asset', fileName: `wistia-stats-${hash}.js`, source: entry.code });
      const integrity = `sha384-${createHash('sha384').update(entry.code).digest('base64')}`;
      console.log(`\npinned drop-in: /wistia-stats-${hash}.js integrity="${integrity}"`);
      this.emitFile({ type: 'asset', fileName: '_headers', source: readFileSync('worker/assets/_headers', 'utf8') });
      this.emitFile({ type: 'asset', fileName: '.assetsignore', source: 'esm\ntypes\n' });
    },
  };
}
