import type { PropertyDeclarations, ReactiveElement } from '@lit/reactive-element';
import type { StatsConfig } from './config-context.ts';

/** A class of elements, abstract or not: what the mixins here and in base-element.ts extend. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ElementClass<T = ReactiveElement> = abstract new (...args: any[]) => T;

/**
 * The three settings every Wistia element takes, and `<wistia-stats>` hands down to the
 * elements inside it. Declared once here for both. A mixin, so that an element may be a
 * LitElement (a template) or a bare ReactiveElement (the counters, which the drop-in keeps
 * free of lit-html). See docs/architecture.md, "The page side" and "Size".
 */
export const Settings = <T extends ElementClass>(base: T): T & ElementClass<StatsConfig> => {
  abstract class SettingsElement extends base {
    static properties: PropertyDeclarations = {
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
  return SettingsElement;
};
