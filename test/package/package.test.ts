/**
 * docs/architecture.md, "Types for frameworks and editors": what `npm pack` would publish, used
 * the way an npm user uses it. One JSX app, under React 19, Preact and Solid in turn, and a Vue
 * 3 app compile against the packed package with its generated types (props and typed event
 * details), and a string given for a number does not compile. Needs `npm run build` first (npm
 * test builds before it runs).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomElementDeclaration, Package } from 'custom-elements-manifest';

const ROOT = resolve(import.meta.dirname, '../..');
/** What the package's types import, and what the apps import: taken from this checkout. */
const DEPENDENCIES = ['lit', 'lit-html', 'lit-element', '@lit', 'react', 'preact', 'solid-js', 'vue', '@vue', '@types', 'csstype'];

let app: string;
let manifest: Package;

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/types/frameworks/jsx.d.ts'))) throw new Error('No framework types in dist/: run `npm run build` first.');
  app = mkdtempSync(join(tmpdir(), 'wse-consumer-'));
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', app], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  ) as Array<{ filename: string }>;
  const installed = join(app, 'node_modules/wistia-stats-elements');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', join(app, packed!.filename), '-C', installed, '--strip-components=1']);
  for (const name of DEPENDENCIES) symlinkSync(join(ROOT, 'node_modules', name), join(app, 'node_modules', name));
  cpSync(join(import.meta.dirname, 'consumer'), app, { recursive: true });
  manifest = JSON.parse(readFileSync(join(installed, 'custom-elements.json'), 'utf8')) as Package;
}, 60_000);
afterAll(() => {
  if (app) rmSync(app, { recursive: true, force: true });
});

/** Runs a type checker on one of the apps; its errors as `file(line): TSxxxx`. */
function typecheck(bin: string, project: string): { errors: string[]; output: string } {
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', bin), '-p', project, '--pretty', 'false'], {
    cwd: app,
    encoding: 'utf8',
  });
  const output = `${result.stdout}${result.stderr}`;
  const errors = [...output.matchAll(/^(\S+?)\((\d+),\d+\): error (TS\d+)/gm)].map(([, file, line, code]) => `${file}(${line}): ${code}`);
  return { errors, output };
}

const elements = () =>
  manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration): declaration is CustomElementDeclaration => 'customElement' in declaration && Boolean(declaration.tagName));

for (const [framework, checker, project, mistake] of [
  ['React 19', 'typescript/bin/tsc', 'tsconfig.react.json', 'jsx/mistake.tsx(2)'],
  ['Preact', 'typescript/bin/tsc', 'tsconfig.preact.json', 'jsx/mistake.tsx(2)'],
  ['Solid', 'typescript/bin/tsc', 'tsconfig.solid.json', 'jsx/mistake.tsx(2)'],
  ['Vue 3', 'vue-tsc/bin/vue-tsc.js', 'tsconfig.vue.json', 'vue/Mistake.vue(7)'],
] as const) {
  describe(`the packed package, in a ${framework} app`, () => {
    it('compiles the app (typed props and event details); a string for a number does not compile', () => {
      const { errors, output } = typecheck(checker, project);
      expect(errors, output).toEqual([`${mistake}: TS2322`]);
      expect(output).toMatch(/Type 'string' is not assignable to type 'number'/);
    }, 60_000);
  });
}

describe('what npm would publish', () => {
  const installed = () => join(app, 'node_modules/wistia-stats-elements');

  // No repository, homepage or bugs URL yet: the project has no public home to point at.
  it('says that it needs its Worker, under the MIT license, with its changelog and deploy guide', () => {
    const pkg = JSON.parse(readFileSync(join(installed(), 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg.license).toBe('MIT');
    expect(pkg.description).toMatch(/Cloudflare Worker/);
    expect(readFileSync(join(installed(), 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(readFileSync(join(installed(), 'CHANGELOG.md'), 'utf8')).toMatch(/^# Changelog/);
    expect(readFileSync(join(installed(), 'README.md'), 'utf8')).toMatch(/## Deploy/);
  });

  it('the drop-in names the package and its version on its first line', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(readFileSync(join(installed(), 'dist/wistia-stats.js'), 'utf8').split('\n')[0]).toBe(
      `/*! wistia-stats-elements ${version} | MIT License */`,
    );
  });
});

describe('what the manifest says, and the editors get', () => {
  it('every event carries its detail type', () => {
    const events = elements().flatMap((element) =>
      (element.events ?? []).map((event) => `${element.tagName} ${event.name}: ${event.type?.text ?? 'none'}`),
    );
    expect(events.length).toBeGreaterThan(0);
    expect(events.filter((event) => event.endsWith(': none'))).toEqual([]);
  });

  it('a fixed-metric element lists no metric attribute, and no element lists internal state', () => {
    for (const element of elements()) {
      const names = (element.attributes ?? []).map((attribute) => attribute.name);
      if (
        ['wistia-play-count', 'wistia-load-count', 'wistia-visitor-count', 'wistia-hours-watched', 'wistia-play-rate'].includes(
          element.tagName!,
        )
      ) {
        expect(names, element.tagName).not.toContain('metric');
      }
      for (const internal of ['hasLabel', 'claimed', 'width']) expect(names, element.tagName).not.toContain(internal);
    }
  });

  it('VS Code gets every element and its custom properties', () => {
    const html = JSON.parse(
      readFileSync(join(app, 'node_modules/wistia-stats-elements/dist/types/vscode/html-custom-data.json'), 'utf8'),
    ) as { tags: Array<{ name: string }> };
    expect(html.tags.map((tag) => tag.name).sort()).toEqual(
      elements()
        .map((element) => element.tagName)
        .sort(),
    );
    const css = readFileSync(join(app, 'node_modules/wistia-stats-elements/dist/types/vscode/css-custom-data.json'), 'utf8');
    expect(css).toContain('--wistia-value-color');
  });
});
