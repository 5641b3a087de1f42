/**
 * What every Wistia stats element shares: `endpoint`, `refresh` and `locale` from its own
 * attributes or from the nearest `<wistia-stats>`, checked once, and a typed `emit()`.
 * See docs/architecture.md, "The page side".
 */
import { ContextConsumer } from '@lit/context';
import { LitElement, type PropertyDeclarations } from 'lit';
import { statsConfigContext, type StatsConfig } from './config-context.ts';
import { badAttribute, type StatsError } from './events.ts';
import { checkLocale } from './format.ts';

export interface CheckedConfig {
  /** Without a trailing slash. */
  endpoint: string;
  refresh: number | undefined;
  locale: string | undefined;
}

/** Set to `true` by the drop-in build only (vite.config.ts), whose files the Worker itself serves. */
declare const __WISTIA_DROP_IN__: boolean | undefined;

/** Loaded from a Worker as the drop-in, elements ask that Worker unless told otherwise. */
const dropInEndpoint = typeof __WISTIA_DROP_IN__ === 'boolean' && __WISTIA_DROP_IN__ ? new URL(import.meta.url).origin : undefined;

/**
 * A number given as a number or as a string: frameworks (React 19, Vue 3) set properties,
 * so `refresh="3"` arrives as `"3"`. Anything else comes back as NaN, for the caller to refuse.
 */
export const numeric = (value: unknown): number | undefined =>
  value === undefined || value === null || value === '' ? undefined : typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;

export abstract class WistiaElement extends LitElement {
  static override properties: PropertyDeclarations = {
    endpoint: {},
    refresh: { type: Number },
    locale: {},
  };

  /** The Worker's base URL, e.g. `https://stats.example.com`; overrides the provider's. Default: the Worker this script was loaded from. */
  declare endpoint?: string;

  /** Seconds between refreshes (at least 1); overrides the provider's. None: load once. */
  declare refresh?: number;

  /** A BCP 47 language tag for numbers, e.g. `de`; overrides the provider's. None: the browser's. */
  declare locale?: string;

  private readonly provider = new ContextConsumer(this, { context: statsConfigContext, subscribe: true });

  /** The element's own settings over the provider's, unchecked. */
  merged(): StatsConfig {
    const provided = this.provider.value;
    return {
      endpoint: this.endpoint || provided?.endpoint || dropInEndpoint,
      refresh: this.refresh ?? provided?.refresh,
      locale: this.locale || provided?.locale || undefined,
    };
  }

  /** The effective configuration, or what is wrong with it. */
  config(): CheckedConfig | StatsError {
    const { endpoint, refresh: given, locale } = this.merged();
    if (!endpoint) return badAttribute('Set endpoint (the stats Worker’s URL) here or on a <wistia-stats> around it.');
    let url: URL;
    try {
      url = new URL(endpoint, document.baseURI);
    } catch {
      return badAttribute(`endpoint "${endpoint}" is not a URL.`);
    }
    if (!url.protocol.startsWith('http')) return badAttribute(`endpoint "${endpoint}" must be an http(s) URL.`);
    const refresh = numeric(given);
    if (refresh !== undefined && !(refresh >= 1 && refresh < 1e6)) return badAttribute('refresh must be a number of seconds, at least 1.');
    const localeProblem = locale && checkLocale(locale);
    if (localeProblem) return badAttribute(localeProblem);
    return { endpoint: url.href.replace(/\/+$/, ''), refresh, locale };
  }

  /** Fires a bubbling, composed event that crosses shadow roots, as every Wistia event does. */
  emit<K extends keyof GlobalEventHandlersEventMap>(name: K, detail: DetailOf<K>): void {
    fire(this, name, detail);
  }
}

type DetailOf<K extends keyof GlobalEventHandlersEventMap> = GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never;

// Outside the class, so the manifest lists each element's documented events, not a generic one.
function fire(target: EventTarget, name: string, detail: unknown): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

export { define } from './define.ts';
