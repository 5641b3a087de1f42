/**
 * Text into SVG or HTML: the one escape every badge, card and embed page writes its text and
 * attribute values through. With `&`, `<`, `>` and both quotes escaped, no text can close an
 * element, an attribute or a CDATA section (`]]>` is written `]]&gt;`).
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character]!);
}
