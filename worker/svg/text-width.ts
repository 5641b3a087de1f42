/**
 * How wide text is in Verdana, so a badge is as wide as its words (docs/architecture.md,
 * "Badges and cards"). The widths are anafanafo's, the tables shields.io measures its badges
 * with, kept for the scripts labels and numbers are written in (scripts/font-widths.ts).
 */
import { VERDANA } from './verdana-widths.ts';

export type Weight = keyof typeof VERDANA;

/** Marks and format characters (a right-to-left mark, say) take no room of their own. */
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]$/u;

/** The width of one code point in 1/100 px at the table's size, or undefined when the table lacks it. */
function advance(ranges: readonly number[], codePoint: number): number | undefined {
  let [low, high] = [0, ranges.length / 3 - 1];
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [first, last] = [ranges[middle * 3]!, ranges[middle * 3 + 1]!];
    if (codePoint < first) high = middle - 1;
    else if (codePoint > last) low = middle + 1;
    else return ranges[middle * 3 + 2];
  }
  return undefined;
}

/**
 * Characters the table lacks (other scripts, CJK, emoji) are guessed, on the wide side so the
 * text fits its box: an "m" for the wide scripts of East Asia, more for emoji, an "n" for the rest.
 */
const WIDE = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]$/u;
const PICTOGRAPH = /^\p{Extended_Pictographic}$/u;
const GUESSES = {
  normal: { wide: advance(VERDANA.normal.ranges, 0x6d)!, narrow: advance(VERDANA.normal.ranges, 0x6e)! },
  bold: { wide: advance(VERDANA.bold.ranges, 0x6d)!, narrow: advance(VERDANA.bold.ranges, 0x6e)! },
};

export interface Measure {
  /** Pixels, set in Verdana at the size asked. */
  width: number;
  /** Every character was in the table: the width can be imposed on the text (`textLength`). */
  exact: boolean;
}

export function measure(text: string, sizePx: number, weight: Weight = 'normal'): Measure {
  const table = VERDANA[weight];
  const guess = GUESSES[weight];
  let [hundredths, exact] = [0, true];
  for (const character of text) {
    const known = advance(table.ranges, character.codePointAt(0)!);
    if (known !== undefined) hundredths += known;
    else if (ZERO_WIDTH.test(character)) continue;
    else {
      exact = false;
      hundredths += PICTOGRAPH.test(character) ? guess.wide * 1.25 : WIDE.test(character) ? guess.wide : guess.narrow;
    }
  }
  return { width: (hundredths / 100) * (sizePx / table.sizePx), exact };
}

/** The width of `text` in pixels, set in Verdana at `sizePx`. */
export const textWidth = (text: string, sizePx: number, weight: Weight = 'normal'): number => measure(text, sizePx, weight).width;

/** The font the widths are measured in, with what stands in for it where Verdana is missing. */
export const FONT_FAMILY = 'Verdana,Geneva,DejaVu Sans,sans-serif';

/** A coordinate to a tenth of a pixel: finer than any screen shows, and shorter SVG. */
export const round = (n: number): number => Math.round(n * 10) / 10;
