import { readdirSync } from 'node:fs';
import { minifyTemplateLiterals } from 'rollup-plugin-minify-template-literals';
import { defineConfig } from 'vite';

/**
 * `vite build`: dist/wistia-stats.js, one self-contained, minified ES module (Lit inside)
 * for a script tag. `vite build --mode modules`: dist/esm/, one module per source file with
 * Lit left to the app's bundler, for npm users.
 */
export default defineConfig(({ mode }) =>
  mode === 'modules'
    ? {
        build: {
          outDir: 'dist/esm',
          emptyOutDir: true,
          target: 'es2021',
          lib: {
            entry: Object.fromEntries(
              readdirSync('src', { recursive: true, encoding: 'utf8' })
                .filter((file) => file.endsWith('.ts'))
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
        // Lit's css`` and html`` templates keep their whitespace unless a plugin takes it out.
        plugins: [minifyTemplateLiterals()],
        // Lit's license notices stay (BSD-3 asks for them in redistributions); annotations go.
        build: {
          outDir: 'dist',
          emptyOutDir: false,
          target: 'es2021',
          lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'wistia-stats.js' },
          rolldownOptions: { output: { minify: true, codeSplitting: false, comments: { legal: true, annotation: false, jsdoc: false } } },
        },
      },
);
