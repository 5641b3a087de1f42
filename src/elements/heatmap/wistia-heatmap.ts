import { css, html } from 'lit';
import { numeric } from '../../core/base-element.ts';
import { WistiaElement } from '../../core/template-element.ts';
import { define } from '../../core/define.ts';
import { checkRedirect } from '../../core/client.ts';
import { badAttribute, isError, type StatsError } from '../../core/events.ts';
import { ResourceController } from '../../core/resource-controller.ts';
import { checkId } from '../../core/resources.ts';
import type { Loader } from '../../core/store.ts';
import { loadingView, stateStyles } from '../../core/styles.ts';
import { EVENT_KEY } from '../../wistia-api.ts';

/** The Worker path of a session's heatmap, or why there is none: here, not in the core, which every counter downloads. */
const heatmapResource = (eventKey: string | undefined): string | StatsError =>
  eventKey === undefined
    ? badAttribute('Set event-key to a viewing session’s event key.')
    : (checkId(EVENT_KEY, 'event-key', eventKey) ?? `/v1/stats/events/${eventKey}/iframe.html`);

/** The heatmap route answers with a redirect to Wistia's iframe; anything else is its JSON error. */
const checkHeatmap: Loader = async (url, _etag, signal) => {
  const checked = await checkRedirect(url, signal);
  return isError(checked) ? checked : { data: url, etag: null, stale: false };
};

/**
 * Wistia's heatmap of one viewing session, in an iframe through the Worker's heatmap route
 * (which adds the account's public token). Needs `heatmap` in the Worker's `EXPOSE`.
 *
 * @element wistia-heatmap
 * @fires {StatsUpdateDetail} wistia-stats-update - The route answered with the heatmap. `detail: {resource, data}` (data: the iframe's URL).
 * @fires {StatsErrorDetail} wistia-error - The route refused or an attribute is wrong. `detail: {resource, status, code, message}`.
 * @csspart frame - The `<iframe>`.
 * @csspart loading - Shown while the route is checked.
 * @csspart error - The readable error.
 * @cssprop --wistia-heatmap-border - The iframe's border. Default: none.
 */
export class WistiaHeatmap extends WistiaElement {
  static override styles = [
    stateStyles,
    css`
      :host {
        display: block;
      }
      iframe {
        display: block;
        width: 100%;
        border: var(--wistia-heatmap-border, none);
      }
    `,
  ];

  static override properties = {
    eventKey: { attribute: 'event-key' },
    height: { type: Number },
  };

  /** The viewing session's event key (as in the Stats API's events). */
  declare eventKey?: string;

  /** Height of the iframe in pixels. */
  declare height: number;

  private readonly heatmap = new ResourceController<string>(this, {
    need: () => {
      const resource = heatmapResource(this.eventKey);
      if (isError(resource)) return resource;
      return this.heightPx > 0 && this.heightPx < 1e4
        ? { resource, load: checkHeatmap }
        : badAttribute('height must be a number of pixels above 0.');
    },
    read: (url) => url as string,
  });

  constructor() {
    super();
    this.height = 70;
  }

  private get heightPx(): number {
    return numeric(this.height) ?? NaN;
  }

  protected override render() {
    return this.heatmap.render({
      loading: () => loadingView(this.heightPx),
      value: (url) =>
        html`<iframe part="frame" src=${url} height=${this.heightPx} title="Heatmap of one viewing session" loading="lazy"></iframe>`,
    });
  }
}

define('wistia-heatmap', WistiaHeatmap);

declare global {
  interface HTMLElementTagNameMap {
    'wistia-heatmap': WistiaHeatmap;
  }
}
