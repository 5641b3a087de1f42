/** Defines a tag unless this page already has it (a CMS may load the bundle twice). */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
