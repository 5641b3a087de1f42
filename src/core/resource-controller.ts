/**
 * One resource's whole lifecycle for an element, in the shape of `@lit/task`: it checks the
 * element's configuration, subscribes to the page-wide store (again when what the element
 * needs changes), derives the element's status in one place — `loading`, `value`, `stale`
 * or `error` — fires `wistia-stats-update` and `wistia-error`, keeps the `stale` attribute
 * true to what is shown, and renders the shared loading and error views.
 * See docs/architecture.md, "The page side".
 */
import type { ReactiveController } from '@lit/reactive-element';
import type { WistiaHost } from './base-element.ts';
import { isError, type StatsError } from './events.ts';
import { store, type Loader, type ResourceState } from './store.ts';
import { errorView, loadingView } from './styles.ts';

export type Status = 'loading' | 'value' | 'stale' | 'error';

/** What an element needs: the Worker's name for a resource (e.g. `/v1/stats/medias/abc123.json`). */
export interface Need {
  resource: string;
  /** How to ask for it; default: a stats GET. */
  load?: Loader;
}

export interface ResourceOptions<V> {
  /**
   * Asked before every update: what the element needs, or what is wrong with its attributes;
   * `null` while it cannot know yet (the recommendations wait for the player's visitor key):
   * loading, and nothing asked.
   */
  need: () => Need | StatsError | null;
  /** The element's value in an answer, or why the answer will not do. */
  read: (data: unknown) => V | StatsError;
  /** Each new value, before it renders (a count-up follows it; a milestone looks for crossings). */
  onValue?: (value: V) => void;
}

export class ResourceController<V> implements ReactiveController {
  status: Status = 'loading';
  value: V | undefined;
  error: StatsError | undefined;
  private state: ResourceState = { stale: false };
  private resource: string | null = null;
  /** The store's key for it (endpoint and resource). */
  private url: string | undefined;
  private key: string | undefined;
  private unsubscribe: (() => void) | undefined;
  private announcedData: unknown;
  private reportedError: StatsError | undefined;
  private errorNode: Node | undefined;

  constructor(
    private readonly host: WistiaHost,
    private readonly options: ResourceOptions<V>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // The first sync waits for the first update, by when a <wistia-stats> around it has answered.
    if (this.host.hasUpdated) this.host.requestUpdate();
  }

  hostUpdate(): void {
    this.sync();
    this.derive();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = this.key = undefined;
  }

  /** The value through `value`; loading and errors as every element shows them. */
  render(views: { value: (value: V) => unknown; loading?: () => Node }): unknown {
    return this.stateView(views.loading) ?? views.value(this.value!);
  }

  /** The loading or error view, or null when there is a value to show. */
  stateView(loading: () => Node = loadingView): Node | null {
    if (this.status === 'loading') return loading();
    if (this.status !== 'error') return null;
    // One node while the error stays the same: a new one would be announced again.
    if (this.errorNode?.textContent !== this.error!.message) this.errorNode = errorView(this.error!);
    return this.errorNode;
  }

  /** Asks the Worker again now, rather than at the next refresh (a viewer finished a video). */
  refresh(): void {
    if (this.url) store.refresh(this.url);
  }

  /** What to subscribe to: the element's need on its endpoint, what is wrong, or null (not known yet). */
  private target(): (Need & { url: string; refresh: number | undefined }) | StatsError | null {
    const config = this.host.config();
    if (isError(config)) return config;
    const need = this.options.need();
    return need === null || isError(need) ? need : { ...need, url: `${config.endpoint}${need.resource}`, refresh: config.refresh };
  }

  /** Subscribes to what the element needs now, if that changed. */
  private sync(): void {
    const target = this.target();
    const key = target === null ? 'waiting' : isError(target) ? `error:${target.message}` : `${target.url}@${target.refresh}`;
    if (key === this.key) return;
    this.key = key;
    this.unsubscribe?.();
    this.unsubscribe = this.url = undefined;
    if (target === null || isError(target)) {
      this.resource = null;
      this.state = target === null ? { stale: false } : { error: target, stale: false };
      return;
    }
    this.url = target.url;
    this.resource = target.resource;
    let subscribing = true;
    const listener = (state: ResourceState): void => {
      this.state = state;
      // The first call comes during the host's own update, which derives and renders it anyway.
      if (!subscribing) this.host.requestUpdate();
    };
    this.unsubscribe = store.subscribe(target.url, target.refresh, listener, target.load);
    subscribing = false;
  }

  /** The one place the element's status is decided, from the store's state and the element's reading of it. */
  private derive(): void {
    const { data, stale } = this.state;
    let error = this.state.error;
    if (data === undefined) {
      this.status = error ? 'error' : 'loading';
    } else {
      const read = this.options.read(data);
      if (isError(read)) {
        this.status = 'error';
        error = read;
      } else {
        if (read !== this.value) this.options.onValue?.(read);
        this.value = read;
        this.status = error || stale ? 'stale' : 'value';
      }
      if (data !== this.announcedData) this.host.emit('wistia-stats-update', { resource: this.resource!, data });
    }
    this.announcedData = data;
    this.error = error;
    // Reported when it says something new: a refresh failing the same way again is not news.
    if (error && !sameError(error, this.reportedError)) this.host.emit('wistia-error', { ...error, resource: this.resource });
    this.reportedError = error;
    this.host.toggleAttribute('stale', this.status === 'stale');
  }
}

const sameError = (a: StatsError, b: StatsError | undefined): boolean =>
  b !== undefined && a.code === b.code && a.status === b.status && a.message === b.message;
