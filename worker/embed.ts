/**
 * Embeds, for the places that take only an iframe: `GET /embed/{element}?{attributes}` is a
 * tiny page, on the Worker's origin, that shows one element with the drop-in from this same
 * Worker, on a transparent background; `GET /oembed?url=…` tells a CMS how to embed such a URL
 * pasted on its own line (oEmbed 1.0, "rich"), and the page links to it for discovery.
 * Only known elements and their known attributes pass; every value is escaped. The page reads
 * nothing itself: its element asks the Worker's stats routes, under their policy, as any page
 * does (docs/architecture.md, "Embeds").
 */
import type { Config } from './config.ts';
import { AppError, badRequest, notFound } from './errors.ts';
import { checkQuery, type ParamCheck } from './resources.ts';
import { escapeXml } from './svg/xml.ts';

interface Embeddable {
  /** The attributes it may be given, in the order they are written. */
  attributes: readonly string[];
  /** Shows a number inline (sized to it), rather than a block as wide as the frame. */
  inline: boolean;
  /** Takes `?label=`, the text after its number (its slot). */
  label: boolean;
  /** The frame's size in the oEmbed answer, in CSS pixels. */
  size: readonly [width: number, height: number];
}

const SETTINGS = ['locale', 'refresh'] as const;
const COUNTER: Embeddable = {
  attributes: ['media-id', 'project-id', 'format', 'count-up', ...SETTINGS],
  inline: true,
  label: true,
  size: [240, 40],
};

/** The elements an embed can show: every one of the drop-in but the provider, which shows nothing. */
const EMBEDDABLE: Record<string, Embeddable> = {
  'wistia-stat': { ...COUNTER, attributes: ['metric', 'action', ...COUNTER.attributes] },
  'wistia-play-count': COUNTER,
  'wistia-load-count': COUNTER,
  'wistia-visitor-count': COUNTER,
  'wistia-hours-watched': COUNTER,
  'wistia-play-rate': COUNTER,
  'wistia-engagement': { attributes: ['media-id', 'height', 'bars', ...SETTINGS], inline: false, label: false, size: [600, 120] },
  'wistia-milestone': {
    attributes: ['media-id', 'project-id', 'metric', 'threshold', ...SETTINGS],
    inline: false,
    label: false,
    size: [400, 64],
  },
  'wistia-heatmap': { attributes: ['event-key', ...SETTINGS], inline: false, label: false, size: [640, 360] },
  'wistia-trend': { attributes: ['media-id', 'metric', 'days', ...SETTINGS], inline: false, label: false, size: [400, 160] },
  'wistia-recommendations': {
    attributes: ['project-id', 'visitor-key', 'mode', 'limit', ...SETTINGS],
    inline: false,
    label: false,
    size: [640, 280],
  },
};

const MAX_VALUE_CHARACTERS = 200;

/** An attribute's value is the element's to judge (it shows a readable error); here it need only be text. */
const attributeValue: ParamCheck = (value, name) => {
  if (value.length > MAX_VALUE_CHARACTERS || /[\p{Cc}\p{Cs}]/u.test(value)) {
    throw badRequest(`${name} must be at most ${MAX_VALUE_CHARACTERS} characters of text.`);
  }
  return value;
};

export interface Embed {
  element: string;
  /** Known attributes only, in the table's order. */
  attributes: Array<[string, string]>;
  label: string | undefined;
  /** The embed's own URL path and query, rebuilt from what passed: `/embed/wistia-play-count?media-id=…`. */
  path: string;
  spec: Embeddable;
}

/** Reads `/embed/{element}?…`: an unknown element does not exist; unknown parameters are dropped. */
export function parseEmbed(element: string | undefined, search: string): Embed {
  const spec = element && Object.hasOwn(EMBEDDABLE, element) ? EMBEDDABLE[element]! : undefined;
  if (!element || !spec) throw notFound('No such element to embed.');
  const table: Record<string, ParamCheck> = Object.fromEntries(spec.attributes.map((name) => [name, attributeValue]));
  if (spec.label) table.label = attributeValue;
  const query = checkQuery(search, table);
  const params = new URLSearchParams(query);
  return {
    element,
    attributes: [...params].filter(([name]) => name !== 'label'),
    label: params.get('label') ?? undefined,
    path: `/embed/${element}${query ? `?${query}` : ''}`,
    spec,
  };
}

/**
 * Reports the page's size to the page that frames it, for hosts that size their iframe to the
 * content: `{"wistia-stats-embed": {width, height, src}}`. Its hash is in the page's CSP.
 */
const RESIZE_SCRIPT =
  "new ResizeObserver(()=>{const b=document.body.getBoundingClientRect();parent.postMessage({'wistia-stats-embed':{width:Math.ceil(b.width),height:Math.ceil(b.height),src:location.href}},'*')}).observe(document.body)";
let resizeHash: Promise<string> | undefined;
const hashOfResizeScript = (): Promise<string> =>
  (resizeHash ??= crypto.subtle
    .digest('SHA-256', new TextEncoder().encode(RESIZE_SCRIPT))
    .then((digest) => `'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`));

const titleOf = (embed: Embed): string => `Wistia stats: ${embed.element.replace(/^wistia-/, '').replace(/-/g, ' ')}`;

/**
 * The page: the element alone, on a transparent background, the page's margins gone so the
 * frame is the element's own size. Only this Worker may run script in it, and only pages the
 * site allows (`ALLOWED_ORIGINS`) may frame it.
 */
export async function embedPage(embed: Embed, origin: string, config: Config): Promise<Response> {
  const attributes = embed.attributes.map(([name, value]) => ` ${name}="${escapeXml(value)}"`).join('');
  const oembed = `${origin}/oembed?${new URLSearchParams({ url: `${origin}${embed.path}`, format: 'json' })}`;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(titleOf(embed))}</title>
<link rel="alternate" type="application/json+oembed" href="${escapeXml(oembed)}" title="${escapeXml(titleOf(embed))}">
<style>html,body{margin:0;padding:0;background:transparent}body{display:${embed.spec.inline ? 'inline-block' : 'block'};font:16px/1.5 system-ui,sans-serif}</style>
<script type="module" src="/wistia-stats.js"></script>
</head>
<body><${embed.element}${attributes}>${escapeXml(embed.label ?? '')}</${embed.element}>
<script>${RESIZE_SCRIPT}</script>
</body>
</html>
`;
  const frameAncestors = config.allowedOrigins.includes('*') ? '*' : config.allowedOrigins.join(' ');
  const wistia = new URL(config.apiBase).origin;
  return new Response(html, {
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
      'Content-Security-Policy': [
        "default-src 'none'",
        `script-src 'self' ${await hashOfResizeScript()}`,
        "connect-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        // The heatmap's frame: this Worker's route, which redirects to Wistia's page.
        `frame-src 'self' ${wistia}`,
        "base-uri 'none'",
        "form-action 'none'",
        `frame-ancestors ${frameAncestors}`,
      ].join('; '),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
    },
  });
}

const positive: ParamCheck = (value, name) => {
  if (!/^[1-9]\d{0,4}$/.test(value)) throw badRequest(`${name} must be a whole number of pixels from 1 to 99999.`);
  return value;
};
const OEMBED_QUERY: Record<string, ParamCheck> = {
  url: (value) => value,
  format: (value) => value,
  maxwidth: positive,
  maxheight: positive,
};

/**
 * `GET /oembed?url=…[&format=json][&maxwidth][&maxheight]`: the oEmbed 1.0 answer for an embed
 * URL of this Worker — a `rich` type whose `html` is the iframe. Another site's URL, or a URL
 * that is not an embed, is a 404 (the spec's "no response for this URL"); `format=xml` a 501.
 */
export function oembedAnswer(search: string, origin: string): Response {
  const query = new URLSearchParams(checkQuery(search, OEMBED_QUERY));
  const format = query.get('format') ?? 'json';
  if (format !== 'json') throw new AppError({ status: 501, code: 'not_implemented', message: 'oEmbed answers here are JSON only.' });
  let url: URL;
  try {
    url = new URL(query.get('url') ?? '');
  } catch {
    throw badRequest('url must be the URL of an embed of this Worker.');
  }
  const element = /^\/embed\/([a-z-]+)$/.exec(url.pathname)?.[1];
  if (url.origin !== origin || !element) throw notFound('Only this Worker’s /embed/ URLs have an oEmbed answer.');
  const embed = parseEmbed(element, url.search);
  const [width, height] = embed.spec.size.map((size, index) => {
    const most = query.get(index === 0 ? 'maxwidth' : 'maxheight');
    return most ? Math.min(size, Number(most)) : size;
  }) as [number, number];
  const src = `${origin}${embed.path}`;
  const title = titleOf(embed);
  return Response.json(
    {
      version: '1.0',
      type: 'rich',
      title,
      provider_name: 'wistia-stats-elements',
      provider_url: origin,
      cache_age: 300,
      html: `<iframe src="${escapeXml(src)}" width="${width}" height="${height}" title="${escapeXml(title)}" style="border:0;background:transparent" loading="lazy"></iframe>`,
      width,
      height,
    },
    { headers: { 'Cache-Control': 'public, max-age=300' } },
  );
}
