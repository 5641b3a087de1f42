/**
 * The manifest (custom-elements.json, written by `npm run build`) is what editors, the framework
 * types and the playground tell site owners. Its custom properties for each element must be the
 * ones that element's styles read: a missing one is a theme setting nobody hears of, an extra one
 * a setting that does nothing.
 */
import { expect } from '@open-wc/testing';
import type { CustomElementDeclaration, Package } from 'custom-elements-manifest';
import '../../src/index.ts';
import { ELEMENT_TAGS } from '../element-tags.ts';

const manifest = (await (await fetch('/custom-elements.json')).json()) as Package;
const elements = manifest.modules
  .flatMap((module) => module.declarations ?? [])
  .filter((declaration): declaration is CustomElementDeclaration => 'customElement' in declaration && Boolean(declaration.tagName));

/** The `--wistia-` properties an element's styles read. */
function propertiesRead(tag: string): string[] {
  const styles = (customElements.get(tag) as unknown as { elementStyles?: Array<{ cssText: string }> }).elementStyles ?? [];
  const names = styles.flatMap((style) => [...style.cssText.matchAll(/var\(\s*(--wistia-[\w-]+)/g)].map((match) => match[1]!));
  return [...new Set(names)].sort();
}

describe('the manifest’s custom properties', () => {
  it('lists every element', () => {
    expect(elements.map((element) => element.tagName).sort()).to.deep.equal([...ELEMENT_TAGS].sort());
  });

  for (const tag of ELEMENT_TAGS) {
    it(`<${tag}>: exactly the ones its styles read`, () => {
      const listed = (elements.find((element) => element.tagName === tag)?.cssProperties ?? []).map((property) => property.name);
      expect(listed.sort()).to.deep.equal(propertiesRead(tag));
    });
  }
});
