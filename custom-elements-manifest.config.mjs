/**
 * `cem analyze` (npm run build, npm start) reads this. custom-elements.json is
 * what the framework types, the VS Code data and the README's tables come from
 * (docs/architecture.md, "Types for frameworks and editors").
 */
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.styles.ts'],
  litelement: true,
  // package.json names the manifest already; npm start writes its own copy elsewhere (--outdir).
  packagejson: false,
  plugins: [
    {
      // Internal state (`static properties` with `state: true`) is a private field, yet the
      // analyzer lists it as an attribute: frameworks would offer it and type it from a private member.
      name: 'private-fields-are-not-attributes',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            const hidden = new Set(
              (declaration.members ?? []).filter((member) => member.privacy && member.privacy !== 'public').map((member) => member.name),
            );
            if (declaration.attributes)
              declaration.attributes = declaration.attributes.filter((attribute) => !hidden.has(attribute.fieldName));
            // An attribute the element sets (`@attr reached`) and its read-only getter are one thing,
            // not an attribute and a second, settable property of the same name.
            for (const attribute of declaration.attributes ?? []) {
              const field = attribute.fieldName
                ? undefined
                : declaration.members?.find((member) => member.kind === 'field' && member.name === attribute.name);
              if (field) {
                attribute.fieldName = field.name;
                field.attribute = attribute.name;
              }
            }
          }
        }
      },
    },
    {
      // The analyzer reads `@cssprop` above the classes it lists. The class inside a mixin
      // (src/core/base-element.ts, what every element is built on) is not one of them: its
      // properties go to the mixin, and from it to every element, as its attributes do.
      name: 'mixin-class-css-properties',
      analyzePhase({ ts, node, moduleDoc }) {
        if (!ts.isClassDeclaration(node)) return;
        const variable = ts.findAncestor(node, ts.isVariableDeclaration);
        const mixin =
          variable &&
          moduleDoc.declarations?.find((declaration) => declaration.kind === 'mixin' && declaration.name === variable.name.getText());
        if (!mixin) return;
        for (const tag of ts.getJSDocTags(node).filter((tag) => tag.tagName.text === 'cssprop')) {
          const [, name, description] = /^(\S+)\s+-\s+(.*)$/s.exec(ts.getTextOfJSDocComment(tag.comment) ?? '') ?? [];
          if (name) (mixin.cssProperties ??= []).push({ description, name });
        }
      },
    },
  ],
};
