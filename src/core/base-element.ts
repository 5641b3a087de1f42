/**
 * What every Wistia stats element shares: `endpoint`, `refresh` and `locale` from its own
 * attributes or from the nearest `<wistia-stats>`, checked once, and a typed `emit()`. A
 * mixin over Lit's ReactiveElement: the counters are bare ReactiveElements, the rest
 * LitElements (template-element.ts). See docs/architecture.md, "The page side".
 */
import { ContextConsumer, ContextRoot } from '@lit/context';
import type { ReactiveElement } from '@lit/reactive-element';
import { statsConfigContext, type StatsConfig } from './config-context.ts';
import { badAttribute, type StatsError } from './events.ts';
import { checkLocale } from './format.ts';
import { Settings, type ElementClass } from './settings-element.ts';

export interface CheckedConfig {
  /** Without a trailing slash. */
  endpoint: string;
  refresh: number | undefined;
  locale: string | undefined;
}

/** Set to `true` by the drop-in build only (vite.config.ts), whose files the Worker itself serves. */
declare const __WISTIA_DROP_IN__: boolean | undefined;

/** Loaded from a Worker as the drop-in, elements ask that Worker unless told otherwise. */
const isDropIn = typeof __WISTIA_DROP_IN__ === 'boolean' && __WISTIA_DROP_IN__;
const dropInEndpoint = isDropIn ? new URL(import.meta.url).origin : undefined;

/**
 * An app that imports the elements one by one may define <wistia-stats> after the elements
 * inside it: the root keeps their unanswered requests and hands them to the provider when it
 * arrives. The drop-in defines the provider first (src/drop-in.ts), so it goes without.
 */
if (!isDropIn) new ContextRoot().attach(document.documentElement);

/**
 * A number given as a number or as a string: frameworks (React 19, Vue 3) set properties,
 * so `refresh="3"` arrives as `"3"`. Anything else comes back as NaN, for the caller to refuse.
 */
export const numeric = (value: unknown): number | undefined =>
  value === undefined || value === null || value === ''
    ? undefined
    : typeof value === 'number'
      ? value
      : typeof value === 'string'
        ? Number(value)
        : NaN;

/** What the resource controller needs of its element. */
export interface WistiaHost extends ReactiveElement, StatsConfig {
  merged(): StatsConfig;
  config(): CheckedConfig | StatsError;
  emit<K extends keyof GlobalEventHandlersEventMap>(name: K, detail: DetailOf<K>): void;
}

export const Wistia = <T extends ElementClass>(base: T): T & ElementClass<WistiaHost> => {
  /**
   * @cssprop --wistia-font-family - Font of the whole element. Default: inherited.
   * @cssprop --wistia-color - Text colour. Default: inherited.
   * @cssprop --wistia-loading-color - The loading placeholder. Default: 15% of the text colour.
   * @cssprop --wistia-error-color - The error text. Default: `#b3261e`.
   * @cssprop --wistia-error-font-size - The error text's size. Default: `0.875em`.
   */
  abstract class WistiaElement extends Settings(base) implements WistiaHost {
    readonly #provider = new ContextConsumer(this, { context: statsConfigContext, subscribe: true });

    /** The element's own settings over the provider's, unchecked. */
    merged(): StatsConfig {
      const provided = this.#provider.value;
      return {
        endpoint: this.endpoint || provided?.endpoint || dropInEndpoint,
        refresh: this.refresh ?? provided?.refresh,
        locale: this.locale || provided?.locale || undefined,
      };
    }

    #checked?: { key: string; config: CheckedConfig | StatsError };

    /**
     * The effective configuration, or what is wrong with it. Asked on every update (a count-up
     * updates every frame), so it is checked again only when the settings change.
     */
    config(): CheckedConfig | StatsError {
      const merged = this.merged();
      const key = `${merged.endpoint}|${merged.refresh}|${merged.locale}`;
      if (this.#checked?.key !== key) this.#checked = { key, config: check(merged) };
      return this.#checked.config;
    }

    /** Fires a bubbling, composed event that crosses shadow roots, as every Wistia event does. */
    emit<K extends keyof GlobalEventHandlersEventMap>(name: K, detail: DetailOf<K>): void {
      fire(this, name, detail);
    }
  }
  return WistiaElement;
};

type DetailOf<K extends keyof GlobalEventHandlersEventMap> = GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never;

// Outside the class, so the manifest lists each element's documented events, not a generic one.
function fire(target: EventTarget, name: string, detail: unknown): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

/** Settings as they are, checked: the endpoint as a URL without a trailing slash, refresh as seconds, a real locale. */
function check({ endpoint, refresh: given, locale }: StatsConfig): CheckedConfig | StatsError {
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
