import { LitElement, type PropertyDeclarations } from 'lit';

/**
 * The three settings every Wistia element takes, and `<wistia-stats>` hands down to the
 * elements inside it. Declared once here for both. See docs/architecture.md, "The page side".
 */
export abstract class SettingsElement extends LitElement {
  static override properties: PropertyDeclarations = {
    endpoint: {},
    refresh: { type: Number },
    locale: {},
  };

  /** The Worker's base URL, e.g. `https://stats.example.com`. An element's own wins over a `<wistia-stats>` around it. Default: the Worker this script was loaded from. */
  declare endpoint?: string;

  /** Seconds between refreshes (at least 1); numbers given as strings are accepted. None: load once. */
  declare refresh?: number;

  /** A BCP 47 language tag for numbers, e.g. `de`. None: the browser's. */
  declare locale?: string;
}
