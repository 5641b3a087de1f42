/**
 * What every Wistia stats element shares: `endpoint`, `refresh` and `locale` from its own
 * attributes or from the nearest `<wistia-stats>`, checked once; a typed `emit()`; and a
 * `define()` that tolerates the bundle being loaded twice.
 */
import { consume } from '@lit/context';
import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { statsConfigContext, type StatsConfig } from './config-context.ts';
import type { StatsError } from './events.ts';
import { checkLocale } from './format.ts';

export interface CheckedConfig {
  /** Without a trailing slash. */
  endpoint: string;
  refresh: number | undefined;
  locale: string | undefined;
}

export const badAttribute = (message: string): StatsError => ({ status: 0, code: 'bad_attribute', message });
export const isError = (value: unknown): value is StatsError =>
  typeof value === 'object' && value !== null && 'code' in value && 'message' in value;

export abstract class WistiaElement extends LitElement {
  /** The Worker's base URL, e.g. `https://stats.example.com`; overrides the provider's. */
  @property() endpoint?: string;

  /** Seconds between refreshes (at least 1); overrides the provider's. None: load once. */
  @property({ type: Number }) refresh?: number;

  /** A BCP 47 language tag for numbers, e.g. `de`; overrides the provider's. None: the browser's. */
  @property() locale?: string;

  @consume({ context: statsConfigContext, subscribe: true })
  @state()
  protected provided?: StatsConfig;

  /** The element's own settings over the provider's, unchecked. */
  protected merged(): StatsConfig {
    return {
      endpoint: this.endpoint ?? this.provided?.endpoint,
      refresh: this.refresh ?? this.provided?.refresh,
      locale: this.locale ?? this.provided?.locale,
    };
  }

  /** The effective configuration, or what is wrong with it. */
  protected config(): CheckedConfig | StatsError {
    const { endpoint, refresh, locale } = this.merged();
    if (!endpoint) return badAttribute('Set endpoint (the stats Worker’s URL) here or on a <wistia-stats> around it.');
    let url: URL;
    try {
      url = new URL(endpoint, document.baseURI);
    } catch {
      return badAttribute(`endpoint "${endpoint}" is not a URL.`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return badAttribute(`endpoint "${endpoint}" must be an http(s) URL.`);
    if (refresh !== undefined && !(Number.isFinite(refresh) && refresh >= 1)) {
      return badAttribute('refresh must be a number of seconds, at least 1.');
    }
    const localeProblem = locale ? checkLocale(locale) : undefined;
    if (localeProblem) return badAttribute(localeProblem);
    return { endpoint: url.href.replace(/\/+$/, ''), refresh, locale: locale || undefined };
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

/** Defines a tag unless this page already has it (a CMS may load the bundle twice). */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
