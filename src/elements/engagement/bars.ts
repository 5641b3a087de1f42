/**
 * The engagement graph's bars, from Wistia's points. `<wistia-engagement>` draws them, and so
 * does the Worker's media card (docs/architecture.md, "Badges and cards"): one way to read
 * the data, in whichever place it is drawn.
 */

/** The largest point and where it is, for lists of any length (spreading a million into Math.max overflows the stack). */
export function largest(points: number[]): { value: number; index: number } {
  let best = { value: 0, index: -1 };
  points.forEach((value, index) => {
    if (value > best.value) best = { value, index };
  });
  return best;
}

/**
 * Averages neighbouring points down to at most `count` bars, over a timeline of `length`
 * points (the views'): rewatches are bucketed on the views' timeline, so bar i of both
 * covers the same moments, and rewatches past the end have no bar.
 */
export function bucket(points: number[], count: number, length = points.length): number[] {
  if (length <= count) return points.slice(0, length);
  return Array.from({ length: count }, (_, index) => {
    const [from, to] = [Math.floor((index * length) / count), Math.floor(((index + 1) * length) / count)];
    let sum = 0;
    for (let at = from; at < to; at++) sum += points[at] ?? 0;
    return sum / Math.max(1, to - from);
  });
}
