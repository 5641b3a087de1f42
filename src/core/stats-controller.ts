/**
 * Binds an element to one resource in the page-wide store: subscribes when the element
 * knows what it needs, re-subscribes when that changes, and turns the store's states into
 * the element's `state` and its `wistia-stats-update` / `wistia-error` events.
 */
import type { ReactiveController } from 'lit';
import { isError, type WistiaElement } from './base-element.ts';
import type { StatsError } from './events.ts';
import { store, type ResourceState } from './store.ts';

/** What an element needs: a resource path on an endpoint, polled every `refresh` seconds. */
export interface StatsTarget {
  endpoint: string;
  /** e.g. `/v1/stats/medias/abc123.json` */
  resource: string;
  refresh: number | undefined;
}

export class StatsController implements ReactiveController {
  state: ResourceState = { loading: true };
  private key: string | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: WistiaElement,
    /** Asked before every update: the target, or what is wrong with the element's attributes. */
    private readonly target: () => StatsTarget | StatsError,
    /** Called with every new answer, the one already in the store included, before it renders. */
    private readonly onData?: (data: unknown) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // The first sync waits for the first update, by when a <wistia-stats> around it has answered.
    if (this.host.hasUpdated) this.sync();
  }

  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = this.key = undefined;
  }

  private sync(): void {
    const target = this.target();
    const key = isError(target) ? `error:${target.message}` : `${target.endpoint}${target.resource}@${target.refresh}`;
    if (key === this.key) return;
    this.key = key;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (isError(target)) {
      this.state = { error: target, loading: false };
      this.host.emit('wistia-error', { ...target, resource: null });
      return;
    }
    let subscribing = true;
    this.unsubscribe = store.subscribe(`${target.endpoint}${target.resource}`, target.refresh, (next) => {
      const previous = this.state;
      this.state = next;
      if (next.data !== undefined && next.data !== previous.data) {
        this.host.emit('wistia-stats-update', { resource: target.resource, data: next.data });
        this.onData?.(next.data);
      }
      // Reported when it says something new: a refresh failing the same way again is not news.
      if (next.error && !sameError(next.error, previous.error)) this.host.emit('wistia-error', { ...next.error, resource: target.resource });
      // The first call comes during the host's own update: it renders this state anyway.
      if (!subscribing) this.host.requestUpdate();
    });
    subscribing = false;
  }
}

const sameError = (a: StatsError, b: StatsError | undefined): boolean =>
  b !== undefined && a.code === b.code && a.status === b.status && a.message === b.message;
