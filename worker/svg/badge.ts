/**
 * A badge in the shields.io look: the label on grey at the left, the value on colour at the
 * right, each box as wide as its words in Verdana (text-width.ts), in three of shields.io's
 * styles. Every piece of text goes through `escapeXml` (docs/architecture.md, "Badges and cards").
 */
import { FONT_FAMILY, measure, round, type Weight } from './text-width.ts';
import { escapeXml } from './xml.ts';

export const BADGE_STYLES = ['flat', 'plastic', 'for-the-badge'] as const;
export type BadgeStyle = (typeof BADGE_STYLES)[number];

export interface BadgeLook {
  /** Left; an empty label leaves only the value. */
  label: string;
  /** Right: the value. */
  message: string;
  style: BadgeStyle;
  /** `#rgb` or `#rrggbb`. */
  color: string;
  labelColor: string;
  /** What screen readers and a hover say; default `label: message`. */
  description?: string;
}

interface StyleRules {
  heightPx: number;
  fontPx: number;
  /** Room either side of each text. */
  paddingPx: number;
  radiusPx: number;
  baselinePx: number;
  /** A dark copy 1px under each text. */
  shadow: boolean;
  /** The sheen over both boxes: [offset, colour, opacity]. */
  sheen: Array<[number, string, number]>;
  uppercase: boolean;
  letterSpacingPx: number;
  messageWeight: Weight;
}

const STYLES: Record<BadgeStyle, StyleRules> = {
  flat: {
    heightPx: 20,
    fontPx: 11,
    paddingPx: 5,
    radiusPx: 3,
    baselinePx: 14,
    shadow: true,
    sheen: [
      [0, '#bbb', 0.1],
      [1, '#000', 0.1],
    ],
    uppercase: false,
    letterSpacingPx: 0,
    messageWeight: 'normal',
  },
  plastic: {
    heightPx: 18,
    fontPx: 11,
    paddingPx: 5,
    radiusPx: 4,
    baselinePx: 13,
    shadow: true,
    sheen: [
      [0, '#fff', 0.7],
      [0.1, '#aaa', 0.1],
      [0.9, '#000', 0.3],
      [1, '#000', 0.5],
    ],
    uppercase: false,
    letterSpacingPx: 0,
    messageWeight: 'normal',
  },
  'for-the-badge': {
    heightPx: 28,
    fontPx: 10,
    paddingPx: 12,
    radiusPx: 0,
    baselinePx: 17.5,
    shadow: false,
    sheen: [],
    uppercase: true,
    letterSpacingPx: 1.25,
    messageWeight: 'bold',
  },
};

/**
 * The room a text takes: whole pixels, odd, so its middle falls on a pixel. `exact` when every
 * character was measured: only then is the text held to that width (`textLength`), else a
 * guessed width would stretch or squeeze it.
 */
function fitted(text: string, rules: StyleRules, weight: Weight): { width: number; exact: boolean } {
  if (!text) return { width: 0, exact: true };
  const measured = measure(text, rules.fontPx, weight);
  const width = Math.floor(measured.width + rules.letterSpacingPx * [...text].length);
  return { width: width % 2 === 0 ? width + 1 : width, exact: measured.exact };
}

/** Light text on a dark box, dark text on a light one (the brightness formula of WCAG 1.0). */
function inkOn(background: string): { text: string; shadow: string } {
  const hex = background.length === 4 ? background.replace(/[0-9a-f]/gi, (digit) => digit + digit) : background;
  const [red, green, blue] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
  const brightness = (red! * 299 + green! * 587 + blue! * 114) / 255_000;
  return brightness > 0.69 ? { text: '#333', shadow: '#ccc' } : { text: '#fff', shadow: '#010101' };
}

export function renderBadge(look: BadgeLook): string {
  const rules = STYLES[look.style];
  const label = rules.uppercase ? look.label.toUpperCase() : look.label;
  const message = rules.uppercase ? look.message.toUpperCase() : look.message;
  const labelText = fitted(label, rules, 'normal');
  const messageText = fitted(message, rules, rules.messageWeight);
  const labelBox = label ? labelText.width + 2 * rules.paddingPx : 0;
  const messageBox = messageText.width + 2 * rules.paddingPx;
  const [width, height] = [labelBox + messageBox, rules.heightPx];
  const description = escapeXml(look.description ?? (label ? `${look.label}: ${look.message}` : look.message));

  const text = (content: string, left: number, room: { width: number; exact: boolean }, background: string, weight: Weight) => {
    if (!content) return '';
    const ink = inkOn(background);
    const x = round(left + rules.paddingPx + room.width / 2);
    const attributes = `x="${x}"${room.exact ? ` textLength="${room.width}"` : ''}${weight === 'bold' ? ' font-weight="bold"' : ''}`;
    const shadow = rules.shadow
      ? `<text aria-hidden="true" ${attributes} y="${rules.baselinePx + 1}" fill="${ink.shadow}" fill-opacity=".3">${escapeXml(content)}</text>`
      : '';
    return `${shadow}<text ${attributes} y="${rules.baselinePx}" fill="${ink.text}">${escapeXml(content)}</text>`;
  };

  const sheen = rules.sheen.length
    ? `<linearGradient id="s" x2="0" y2="100%">${rules.sheen
        .map(([offset, color, opacity]) => `<stop offset="${offset}" stop-color="${color}" stop-opacity="${opacity}"/>`)
        .join('')}</linearGradient>`
    : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="${description}">` +
    `<title>${description}</title>${sheen}` +
    `<clipPath id="r"><rect width="${width}" height="${height}" rx="${rules.radiusPx}" fill="#fff"/></clipPath>` +
    `<g clip-path="url(#r)"><rect width="${labelBox}" height="${height}" fill="${escapeXml(look.labelColor)}"/>` +
    `<rect x="${labelBox}" width="${messageBox}" height="${height}" fill="${escapeXml(look.color)}"/>` +
    (sheen ? `<rect width="${width}" height="${height}" fill="url(#s)"/>` : '') +
    `</g><g text-anchor="middle" font-family="${FONT_FAMILY}" text-rendering="geometricPrecision" font-size="${rules.fontPx}">` +
    text(label, 0, labelText, look.labelColor, 'normal') +
    text(message, labelBox, messageText, look.color, rules.messageWeight) +
    `</g></svg>`
  );
}
