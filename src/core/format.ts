/**
 * Numbers as people read them, through `Intl.NumberFormat` in the element's locale. The
 * Worker's badges and cards format with this module too, so a badge and an element on the
 * same page read the same (docs/architecture.md, "Badges and cards"): it uses nothing but `Intl`.
 */
import { SHARE_METRICS } from '../wistia-api.ts';

export const FORMATS = ['standard', 'compact', 'percent'] as const;
export type StatFormat = (typeof FORMATS)[number];

/** Shares between 0 and 1, an action's `rate` among them: shown as a percentage unless told otherwise. */
const SHARES = new Set<string>([...SHARE_METRICS, 'rate']);

const formatters = new Map<string, Intl.NumberFormat>();

/** Formatters are costly to make and a count-up formats every frame: each is made once. */
export function formatter(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let made = formatters.get(key);
  if (!made) formatters.set(key, (made = new Intl.NumberFormat(locale, options)));
  return made;
}

/** A share compact is a whole percentage ("43%"), not a compact fraction ("0.4"). */
export function formatStat(value: number, metric: string, format: StatFormat | undefined, locale: string | undefined): string {
  if (metric === 'hours_watched' && format !== 'standard') return formatHours(value, locale, format === 'compact');
  const share = SHARES.has(metric);
  const chosen = format ?? (share ? 'percent' : 'standard');
  const options: Intl.NumberFormatOptions =
    chosen === 'percent' || (share && chosen === 'compact')
      ? { style: 'percent', maximumFractionDigits: chosen === 'percent' ? 1 : 0 }
      : chosen === 'compact'
        ? { notation: 'compact', maximumFractionDigits: 1 }
        : { maximumFractionDigits: 2 };
  return formatter(locale, options).format(value);
}

/** "24 minutes", "21.9 hours", "3,815 hours" (or "3.8K hours", compact). */
function formatHours(hours: number, locale: string | undefined, compact = false): string {
  const unit = (name: 'minute' | 'hour', extra: Intl.NumberFormatOptions) =>
    formatter(locale, { style: 'unit', unit: name, unitDisplay: 'long', ...extra });
  if (hours < 1) return unit('minute', { maximumFractionDigits: 0 }).format(Math.round(hours * 60));
  if (compact) return unit('hour', { notation: 'compact', maximumFractionDigits: 1 }).format(hours);
  return unit('hour', { maximumFractionDigits: hours < 100 ? 1 : 0 }).format(hours);
}

/** A locale tag `Intl` accepts, or an explanation of why not. */
export function checkLocale(locale: string): string | undefined {
  try {
    Intl.NumberFormat.supportedLocalesOf(locale);
    return undefined;
  } catch {
    return `locale "${locale}" is not a language tag such as en-US or de.`;
  }
}
