import { createContext } from '@lit/context';

/** What `<wistia-stats>` hands down to every element inside it. */
export interface StatsConfig {
  /** The Worker's base URL, e.g. `https://stats.example.com`. */
  endpoint?: string | undefined;
  /** Seconds between refreshes; none: load once. */
  refresh?: number | undefined;
  /** A BCP 47 language tag for number formatting; none: the browser's. */
  locale?: string | undefined;
}

// A string key, so that two copies of the bundle on one page (a CMS may load it twice) still match.
export const statsConfigContext = createContext<StatsConfig>('wistia-stats-config');
