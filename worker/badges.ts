/**
 * Badges and cards: stats as SVG images, for the places that show an `<img>` but run no script
 * (READMEs, newsletters, locked-down CMSs). Each is drawn from the very same stats answer the
 * JSON route serves (the same resource, edge cache, shield and budget), so however many labels,
 * colours and styles are asked for, Wistia is asked once per resource per `CACHE_TTL`. The SVG
 * itself is drawn again for every request: that costs microseconds, while keeping it at the
 * edge would let every new label fill the cache (docs/architecture.md, "Badges and cards").
 */
import type { MiddlewareHandler } from 'hono';
import { checkLocale, formatStat, FORMATS, type StatFormat } from '../src/core/format.ts';
import { METRICS_BY_SCOPE, type MediaEngagement, type Scope } from '../src/wistia-api.ts';
import { etagOf } from './answers.ts';
import type { Config } from './config.ts';
import { cacheHeaders, type Served } from './edge-cache.ts';
import { badRequest, notFound, type ErrorCode } from './errors.ts';
import { numberIn, scopeResource, statsIn, type Read } from './reads.ts';
import * as resources from './resources.ts';
import { checkQuery, oneOf, type ParamCheck } from './resources.ts';
import { BADGE_STYLES, renderBadge, type BadgeStyle } from './svg/badge.ts';
import { CARD_THEMES, renderCard, type CardTheme } from './svg/card.ts';

/** What a badge says on its left when not told (`?label=`). */
const LABELS: Record<string, string> = {
  load_count: 'loads',
  play_count: 'plays',
  hours_watched: 'watched',
  play_rate: 'play rate',
  engagement: 'engagement',
  visitors: 'visitors',
  number_of_videos: 'videos',
};

/** The card's columns, in order. */
const CARD_METRICS = ['play_count', 'visitors', 'play_rate', 'engagement', 'hours_watched'] as const;

/** A badge is a line, not a paragraph. */
const MAX_TEXT_CHARACTERS = 100;
/**
 * Not text: controls (XML cannot even hold most of them), lone surrogates, U+FFFE/U+FFFF, and
 * the bidirectional embeddings, overrides and isolates, which would reorder what follows them.
 * Right-to-left text, and its marks, are welcome.
 */
const NOT_TEXT = /[\p{Cc}\p{Cs}\u202a-\u202e\u2066-\u2069\ufffe\uffff]/u;

const text: ParamCheck = (value, name) => {
  if ([...value].length > MAX_TEXT_CHARACTERS || NOT_TEXT.test(value)) {
    throw badRequest(`${name} must be at most ${MAX_TEXT_CHARACTERS} characters of text, without control characters.`);
  }
  return value;
};

/** A language tag `Intl` knows; the message never repeats what was sent. */
const locale: ParamCheck = (value, name) => {
  if (!/^[A-Za-z0-9]{1,8}(?:-[A-Za-z0-9]{1,8}){0,7}$/.test(value) || value.length > 35 || checkLocale(value)) {
    throw badRequest(`${name} must be a language tag such as en-US or de.`);
  }
  return value;
};

/** shields.io's colour names, with its values. */
const NAMED_COLORS: Record<string, string> = {
  brightgreen: '#4c1',
  green: '#97ca00',
  yellowgreen: '#a4a61d',
  yellow: '#dfb317',
  orange: '#fe7d37',
  red: '#e05d44',
  blue: '#007ec6',
  grey: '#555',
  gray: '#555',
  lightgrey: '#9f9f9f',
  lightgray: '#9f9f9f',
  success: '#4c1',
  important: '#fe7d37',
  critical: '#e05d44',
  informational: '#007ec6',
  inactive: '#9f9f9f',
};

/** A colour by name or as hex (`1b72c4`, `%231b72c4`, `fff`), always written `#rrggbb` or `#rgb`. */
const color: ParamCheck = (value, name) => {
  const named = NAMED_COLORS[value.toLowerCase()];
  if (named) return named;
  const hex = /^#?((?:[0-9a-f]{3}){1,2})$/i.exec(value)?.[1];
  if (!hex) throw badRequest(`${name} must be a colour name (${Object.keys(NAMED_COLORS).join(', ')}) or hex such as 1b72c4.`);
  return `#${hex.toLowerCase()}`;
};

const BADGE_QUERY = {
  label: text,
  locale,
  format: oneOf(FORMATS),
  style: oneOf(BADGE_STYLES),
  color,
  labelColor: color,
};
const CARD_QUERY = { title: text, locale, theme: oneOf(CARD_THEMES) };

/** Without `?locale=` a badge reads as in the United States: an image has no visitor to ask. */
const DEFAULT_LOCALE = 'en-US';
/** `<wistia-engagement>`'s rewatch blue, and shields.io's label grey. */
const DEFAULT_COLOR = '#1b72c4';
const DEFAULT_LABEL_COLOR = '#555';

/** The metric in `{metric}.svg`: a known one of the scope, or a 400; anything not `.svg` does not exist. */
function metricOf(file: string | undefined, scope: Scope): string {
  const metric = /^([a-z_]{1,32})\.svg$/.exec(file ?? '')?.[1];
  if (!metric) throw notFound();
  const metrics: readonly string[] = METRICS_BY_SCOPE[scope];
  if (!metrics.includes(metric)) throw badRequest(`A ${scope} badge shows one of ${metrics.join(', ')}.`);
  return metric;
}

/** `GET /v1/badges/{scope…}/{metric}.svg`: one number of a scope, formatted as the elements format it. */
export async function badge(
  read: Read,
  config: Config,
  scope: Scope,
  id: string | null,
  file: string | undefined,
  search: string,
): Promise<Response> {
  const metric = metricOf(file, scope);
  const resource = scopeResource({ scope, id });
  const query = new URLSearchParams(checkQuery(search, BADGE_QUERY));
  const served = await read(resource);
  const value = numberIn(await statsIn(served, scope), metric);
  const format = (query.get('format') ?? undefined) as StatFormat | undefined;
  const svg = renderBadge({
    label: query.get('label') ?? LABELS[metric]!,
    message: formatStat(value, metric, format, query.get('locale') ?? DEFAULT_LOCALE),
    style: (query.get('style') ?? 'flat') as BadgeStyle,
    color: query.get('color') ?? DEFAULT_COLOR,
    labelColor: query.get('labelColor') ?? DEFAULT_LABEL_COLOR,
  });
  return imageResponse(svg, [served], config);
}

/**
 * `GET /v1/cards/medias/{id}.svg`: a media's main numbers, and its engagement graph when
 * `engagement` is exposed too (a card shows nothing its JSON routes would not).
 */
export async function mediaCard(read: Read, config: Config, file: string | undefined, search: string): Promise<Response> {
  const mediaId = /^(.*)\.svg$/.exec(file ?? '')?.[1];
  if (mediaId === undefined) throw notFound();
  const statsResource = resources.media(mediaId);
  const engagementResource = config.expose.has('engagement') ? resources.engagement(mediaId) : undefined;
  const query = new URLSearchParams(checkQuery(search, CARD_QUERY));
  const [stats, engagement] = await Promise.all([read(statsResource), engagementResource && read(engagementResource)]);
  const numbers = await statsIn(stats, 'media');
  const graph = engagement && graphOf(await statsIn(engagement, 'media'));
  const svg = renderCard({
    title: query.get('title') ?? '',
    numbers: CARD_METRICS.map((metric) => ({
      value: formatStat(numberIn(numbers, metric), metric, undefined, query.get('locale') ?? DEFAULT_LOCALE),
      label: LABELS[metric]!,
    })),
    graph,
    theme: (query.get('theme') ?? 'light') as CardTheme,
  });
  return imageResponse(svg, engagement ? [stats, engagement] : [stats], config);
}

/** The engagement points, when they are in Wistia's shape; otherwise the card goes without its graph. */
function graphOf(data: Record<string, unknown>): { views: number[]; rewatches: number[] } | undefined {
  const { engagement_data: views, rewatch_data: rewatches } = data as Partial<MediaEngagement>;
  const points = (list: unknown): list is number[] =>
    Array.isArray(list) && list.every((n) => typeof n === 'number' && n >= 0 && Number.isFinite(n));
  return points(views) && points(rewatches) ? { views, rewatches } : undefined;
}

/** An image cannot run script or load anything, even opened on its own. */
const IMAGE_HEADERS = {
  'Content-Type': 'image/svg+xml; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  'X-Content-Type-Options': 'nosniff',
};

/**
 * Cached by the rules of its stats answer (a stale answer still draws the badge: it is the
 * best there is); an image proxy such as GitHub's camo keeps it for `max-age`. The ETag is the
 * SVG's own, so a new label is a new image, and a stale copy has its own, as in the JSON routes.
 */
async function imageResponse(svg: string, served: Served[], config: Config): Promise<Response> {
  const weakest = served.find((one) => one.outdated) ?? served.find((one) => one.cacheStatus === 'STALE') ?? served[0]!;
  // The image's own tag: one stats answer draws many images (labels, styles, locales).
  return new Response(svg, { headers: { ...cacheHeaders(weakest, config, await etagOf(svg)), ...IMAGE_HEADERS } });
}

/** What an error badge says, by the error's code. */
const ERROR_WORDS: Partial<Record<ErrorCode, string>> = {
  bad_request: 'bad request',
  uri_too_long: 'bad request',
  method_not_allowed: 'bad request',
  not_found: 'not found',
  rate_limited: 'rate limited',
  upstream_auth: 'misconfigured',
  misconfigured: 'misconfigured',
};

function errorBadge(status: number, code: string | undefined, message: string | undefined): string {
  const words = ERROR_WORDS[code as ErrorCode] ?? (status >= 500 ? 'unavailable' : 'error');
  return renderBadge({
    label: 'wistia stats',
    message: words,
    style: 'flat',
    color: status >= 500 ? '#9f9f9f' : '#e05d44',
    labelColor: DEFAULT_LABEL_COLOR,
    description: `wistia stats: ${words}${message ? `. ${message}` : ''}`,
  });
}

/**
 * Every error on the image routes, wherever it was made (a 400, a hidden resource, a 414, a
 * 429, Wistia down with no copy), is answered as an error badge with the same status and
 * headers: an `<img>` shows why, where a JSON body would show a broken image.
 */
export const errorsAsImages: MiddlewareHandler = async (c, next) => {
  await next();
  const response = c.res;
  if (response.status < 400 || !response.headers.get('Content-Type')?.startsWith('application/json')) return;
  const body = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
  // Hono keeps the error's other headers (CORS, Retry-After, Cache-Control: no-store).
  c.res = new Response(errorBadge(response.status, body?.error?.code, body?.error?.message), {
    status: response.status,
    headers: IMAGE_HEADERS,
  });
};
