/**
 * A media's card: an optional title, its main numbers in columns as wide as their words, and a
 * small engagement graph drawn like `<wistia-engagement>` (the same bars, the same colours).
 * Every piece of text goes through `escapeXml` (docs/architecture.md, "Badges and cards").
 */
import { bucket, largest } from '../../src/elements/engagement/bars.ts';
import { FONT_FAMILY, round, textWidth } from './text-width.ts';
import { escapeXml } from './xml.ts';

export const CARD_THEMES = ['light', 'dark'] as const;
export type CardTheme = (typeof CARD_THEMES)[number];

export interface CardLook {
  title: string;
  /** Each column: the formatted value above, its label below. */
  numbers: Array<{ value: string; label: string }>;
  /** Wistia's engagement_data and rewatch_data; absent when the graph may not be shown. */
  graph?: { views: number[]; rewatches: number[] };
  theme: CardTheme;
}

const THEMES: Record<CardTheme, { background: string; border: string; text: string; muted: string }> = {
  light: { background: '#ffffff', border: '#d0d7de', text: '#1f2328', muted: '#59636e' },
  dark: { background: '#0d1117', border: '#30363d', text: '#e6edf3', muted: '#9198a1' },
};
/** `<wistia-engagement>`'s default bar and rewatch colours. */
const BAR_COLOR = '#54bbff';
const REWATCH_COLOR = '#1b72c4';

const PADDING = 16;
const GAP = 24;
const MIN_WIDTH = 320;
const TITLE_PX = 14;
const VALUE_PX = 20;
const LABEL_PX = 11;
const GRAPH_HEIGHT = 48;
/** Enough bars to show the shape; each more adds bytes, not information, to an image this small. */
const MAX_BARS = 64;

/** The title, cut with an ellipsis where it would run past `maxWidth`. */
function fit(title: string, maxWidth: number): string {
  if (textWidth(title, TITLE_PX, 'bold') <= maxWidth) return title;
  const characters = [...title];
  while (characters.length && textWidth(`${characters.join('')}…`, TITLE_PX, 'bold') > maxWidth) characters.pop();
  return `${characters.join('').trimEnd()}…`;
}

export function renderCard(look: CardLook): string {
  const colors = THEMES[look.theme];
  const columns = look.numbers.map(({ value, label }) =>
    Math.ceil(Math.max(textWidth(value, VALUE_PX, 'bold'), textWidth(label, LABEL_PX))),
  );
  const numbersWidth = columns.reduce((sum, width) => sum + width, 0) + GAP * (columns.length - 1);
  const width = Math.max(MIN_WIDTH, numbersWidth + 2 * PADDING);
  const inner = width - 2 * PADDING;

  const parts: string[] = [];
  let y = PADDING;
  if (look.title) {
    y += TITLE_PX;
    parts.push(
      `<text x="${PADDING}" y="${y}" font-size="${TITLE_PX}" font-weight="bold" fill="${colors.text}">${escapeXml(fit(look.title, inner))}</text>`,
    );
    y += 12;
  }
  let x = PADDING;
  const valueY = y + VALUE_PX;
  const labelY = valueY + 6 + LABEL_PX;
  look.numbers.forEach(({ value, label }, index) => {
    parts.push(
      `<text x="${x}" y="${valueY}" font-size="${VALUE_PX}" font-weight="bold" fill="${colors.text}">${escapeXml(value)}</text>` +
        `<text x="${x}" y="${labelY}" font-size="${LABEL_PX}" fill="${colors.muted}">${escapeXml(label)}</text>`,
    );
    x += columns[index]! + GAP;
  });
  y = labelY + 4;

  if (look.graph && look.graph.views.length) {
    const top = y + 12;
    const count = MAX_BARS;
    const views = bucket(look.graph.views, count);
    const rewatches = bucket(look.graph.rewatches, count, look.graph.views.length);
    const barWidth = inner / views.length;
    const tallest = Math.max(1, largest(views).value, largest(rewatches).value);
    const inset = barWidth > 4 ? barWidth * 0.1 : 0;
    // One path a series, a closed box a bar: a fifth of the bytes of a <rect> each.
    const bars = (points: number[], color: string) =>
      `<path fill="${color}" d="${points
        .map((value, index) => {
          const barHeight = round((Math.min(value, tallest) / tallest) * GRAPH_HEIGHT);
          return barHeight > 0
            ? `M${round(PADDING + index * barWidth + inset / 2)} ${round(top + GRAPH_HEIGHT - barHeight)}h${round(barWidth - inset)}v${barHeight}h${-round(barWidth - inset)}z`
            : '';
        })
        .join('')}"/>`;
    parts.push(`<g aria-hidden="true">${bars(views, BAR_COLOR)}${bars(rewatches, REWATCH_COLOR)}</g>`);
    y = top + GRAPH_HEIGHT;
  }
  const height = Math.ceil(y + PADDING);

  const description = escapeXml(
    [look.title, look.numbers.map(({ value, label }) => `${value} ${label}`).join(', ')].filter(Boolean).join(': '),
  );
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${description}">` +
    `<title>${description}</title>` +
    `<rect x=".5" y=".5" width="${width - 1}" height="${height - 1}" rx="6" fill="${colors.background}" stroke="${colors.border}"/>` +
    `<g font-family="${FONT_FAMILY}">${parts.join('')}</g></svg>`
  );
}
