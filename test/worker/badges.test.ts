/**
 * docs/architecture.md, "Badges and cards": every badge and card is well-formed SVG that shows
 * the simulated account's value as the elements format it; text is escaped or refused; errors
 * are error badges with their status; a stale answer still draws; and however many labels,
 * colours and styles are asked for, Wistia is asked once.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN, MEDIA_IDS } from '../../demo/simulated-account/data.ts';
import type { SimulatedAccount } from '../../demo/simulated-account/server.ts';
import { formatStat, type StatFormat } from '../../src/core/format.ts';
import { METRICS_BY_SCOPE, type Scope } from '../../src/wistia-api.ts';
import { measure } from '../../worker/svg/text-width.ts';
import { direct, EXPOSE_EVERYTHING, sleep, startAccount, startWorker, TEST_TOKEN, type RunningWorker } from './harness.ts';

let account: SimulatedAccount;
/** Everything exposed. */
let worker: RunningWorker;
/** `account,medias,badges` (no projects, no engagement), 1 s TTL for the stale case. */
let limited: RunningWorker;
/** The default EXPOSE: no badges. */
let plain: RunningWorker;

beforeAll(async () => {
  account = await startAccount();
  [worker, limited, plain] = await Promise.all([
    startWorker(account.apiBase, { vars: { EXPOSE: EXPOSE_EVERYTHING } }),
    startWorker(account.apiBase, { vars: { EXPOSE: 'account,medias,badges', CACHE_TTL: '1' } }),
    startWorker(account.apiBase),
  ]);
});
afterAll(async () => {
  await Promise.all([worker?.stop(), limited?.stop(), plain?.stop()]);
  await account?.close();
});

// ---- reading an SVG as an XML parser does ---------------------------------------------

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, preserveOrder: true, attributeNamePrefix: '', htmlEntities: true });
/** Characters XML 1.0 cannot hold at all. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

interface Svg {
  source: string;
  attributes: Record<string, string>;
  /** Every text node, decoded. */
  texts: string[];
  /** Every element name. */
  elements: string[];
}

/** Parses an answer as SVG, failing the test unless it is well-formed XML with an `<svg>` root. */
function parseSvg(source: string): Svg {
  expect(XMLValidator.validate(source), 'well-formed XML').toBe(true);
  expect(source).not.toMatch(NOT_XML);
  const [root, ...rest] = parser.parse(source) as Node[];
  expect(rest, 'one root element').toHaveLength(0);
  expect(Object.keys(root!)[0]).toBe('svg');
  const svg: Svg = { source, attributes: root![':@'] as Record<string, string>, texts: [], elements: [] };
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      for (const [key, value] of Object.entries(node)) {
        if (key === '#text') svg.texts.push(String(value));
        else if (key !== ':@') {
          svg.elements.push(key);
          walk(value as Node[]);
        }
      }
    }
  };
  walk([root!]);
  expect(svg.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
  expect(Number(svg.attributes.width)).toBeGreaterThan(0);
  expect(Number(svg.attributes.height)).toBeGreaterThan(0);
  return svg;
}

async function image(target: RunningWorker, path: string, init?: RequestInit): Promise<{ response: Response; svg: Svg }> {
  const response = await target.fetch(path, init);
  expect(response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
  return { response, svg: parseSvg(await response.text()) };
}

const scopes: Array<{ scope: Scope; badgePath: string; statsPath: string }> = [
  { scope: 'account', badgePath: '/v1/badges/account', statsPath: '/v1/stats/account.json' },
  { scope: 'project', badgePath: `/v1/badges/projects/${KNOWN.projectId}`, statsPath: `/v1/stats/projects/${KNOWN.projectId}.json` },
  { scope: 'media', badgePath: `/v1/badges/medias/${KNOWN.mediaId}`, statsPath: `/v1/stats/medias/${KNOWN.mediaId}.json` },
];

describe('every badge, for every scope, is SVG showing the value as the elements format it', () => {
  const variants: Array<{ query: string; locale: string; format?: StatFormat }> = [
    { query: '', locale: 'en-US' },
    { query: '?locale=de-DE&style=plastic', locale: 'de-DE' },
    { query: '?locale=fr-FR&format=compact&style=for-the-badge', locale: 'fr-FR', format: 'compact' },
    { query: '?locale=ja-JP&format=standard&color=brightgreen&labelColor=1b72c4', locale: 'ja-JP', format: 'standard' },
    { query: '?format=percent', locale: 'en-US', format: 'percent' },
  ];
  for (const { scope, badgePath, statsPath } of scopes) {
    for (const metric of METRICS_BY_SCOPE[scope]) {
      it(`${scope} ${metric}`, async () => {
        const stats = (await direct(account, statsPath)) as Record<string, number>;
        for (const { query, locale, format } of variants) {
          const { response, svg } = await image(worker, `${badgePath}/${metric}.svg${query}`);
          expect(response.status).toBe(200);
          const expected = formatStat(stats[metric]!, metric, format, locale);
          const shown = query.includes('for-the-badge') ? expected.toUpperCase() : expected;
          expect(svg.texts, query).toContain(shown);
          expect(svg.attributes['aria-label']).toContain(expected);
        }
      });
    }
  }

  it('the card shows a media’s main numbers and its engagement graph', async () => {
    const stats = (await direct(account, `/v1/stats/medias/${KNOWN.mediaId}.json`)) as Record<string, number>;
    for (const [query, locale] of [
      ['?title=Product%20tour', 'en-US'],
      ['?locale=de-DE&theme=dark', 'de-DE'],
    ] as const) {
      const { response, svg } = await image(worker, `/v1/cards/medias/${KNOWN.mediaId}.svg${query}`);
      expect(response.status).toBe(200);
      for (const metric of ['play_count', 'visitors', 'play_rate', 'engagement', 'hours_watched']) {
        expect(svg.texts, metric).toContain(formatStat(stats[metric]!, metric, undefined, locale));
      }
      expect(svg.elements.filter((name) => name === 'path')).toHaveLength(2); // the bars, and the rewatches over them
    }
  });

  it('a card leaves its graph out where engagement is not exposed', async () => {
    const { response, svg } = await image(limited, `/v1/cards/medias/${KNOWN.mediaId}.svg`);
    expect(response.status).toBe(200);
    expect(svg.elements).not.toContain('path');
  });

  it('is served as an image proxy caches it: Content-Type, ETag, max-age, and 304 on If-None-Match', async () => {
    const path = `/v1/badges/medias/${KNOWN.mediaId}/play_count.svg`;
    const { response } = await image(worker, path);
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const tag = response.headers.get('etag')!;
    expect(tag).toMatch(/^"[0-9a-f]{40}"$/);
    const again = await worker.fetch(path, { headers: { 'If-None-Match': tag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(tag);
    expect(again.headers.get('cache-control')).toBe('public, max-age=60');
    const relabelled = await worker.fetch(`${path}?label=views`, { headers: { 'If-None-Match': tag } });
    expect(relabelled.status, 'another label is another image').toBe(200);
  });

  it('widths agree with the tables shields.io measures badges with (anafanafo)', () => {
    const anafanafo = createRequire(import.meta.url)('anafanafo') as (text: string, options: { font: string }) => number;
    for (const text of ['plays', '57,631', 'play rate', '1.234,5 Stunden', 'Ελληνικά', 'Привет', '42,9 %', '€ 1 234', 'WATCHED']) {
      expect(measure(text, 11).width, text).toBeCloseTo(anafanafo(text, { font: '11px Verdana' }), 5);
      expect(measure(text, 10, 'bold').width, text).toBeCloseTo(anafanafo(text, { font: 'bold 10px Verdana' }), 5);
      expect(measure(text, 11).exact).toBe(true);
    }
    expect(measure('数字', 11).exact).toBe(false);
  });
});

describe('text is escaped or refused', () => {
  const media = `/v1/badges/medias/${KNOWN.mediaId}/play_count.svg`;
  const escaped = [
    '<script>alert(1)</script>',
    '"><svg onload=alert(1)>',
    'it\'s "quoted"',
    ']]><![CDATA[',
    '&amp; & &#x26; &lt;',
    '\u200fright-to-left mark\u200e',
    'מספר צפיות',
    'عدد المشاهدات',
    '<!-- --> <?xml ?> <!DOCTYPE x>',
  ];
  for (const label of escaped) {
    it(`label ${JSON.stringify(label)} is shown as text`, async () => {
      const { response, svg } = await image(worker, `${media}?label=${encodeURIComponent(label)}`);
      expect(response.status).toBe(200);
      expect(svg.texts).toContain(label);
      expect(svg.elements.filter((name) => name === 'svg')).toHaveLength(1);
      expect(svg.elements).not.toContain('script');
      expect(svg.source).not.toMatch(/<script|<svg onload|<!\[CDATA|<!--|<\?xml|<!DOCTYPE/i);
    });
  }

  it('a card’s title is escaped the same way, and a long one is cut to the card', async () => {
    const title = `<script>&"]]>${'x'.repeat(80)}`;
    const { svg } = await image(worker, `/v1/cards/medias/${KNOWN.mediaId}.svg?title=${encodeURIComponent(title)}`);
    // The whole title is what screen readers hear (<title>); the one drawn is cut to fit.
    expect(svg.texts.some((text) => text.startsWith(`${title}: `))).toBe(true);
    expect(svg.texts.some((text) => text.startsWith('<script>&"]]>') && text.endsWith('…') && text.length < title.length)).toBe(true);
    expect(svg.elements).not.toContain('script');
  });

  const refused: Array<[string, string]> = [
    ['a right-to-left override', 'abc\u202edef'],
    ['an isolate', '\u2067abc\u2069'],
    ['a control character', 'a\u0001b'],
    ['a newline', 'a\nb'],
    ['101 characters', 'x'.repeat(101)],
    ['200 accented letters (1.2 KB in the URL)', 'é'.repeat(200)],
  ];
  for (const [name, label] of refused) {
    it(`a label with ${name} is refused with a 400 error badge, asking nothing upstream`, async () => {
      account.resetRequests();
      const { response, svg } = await image(worker, `/v1/badges/medias/${MEDIA_IDS[20]}/play_count.svg?label=${encodeURIComponent(label)}`);
      expect(response.status).toBe(400);
      expect(svg.texts).toContain('bad request');
      expect(account.requests()).toHaveLength(0);
    });
  }

  it('a 10 KB label is refused by the URL limit (414), as an error badge', async () => {
    const { response, svg } = await image(worker, `${media}?label=${'x'.repeat(10_240)}`);
    expect(response.status).toBe(414);
    expect(svg.texts).toContain('bad request');
  });

  it('colours, styles, formats and locales are from their lists, or a 400', async () => {
    for (const query of [
      'color=red%22%3E%3Cscript%3E',
      'color=url(%23x)',
      'labelColor=12345',
      'style=social',
      'format=hex',
      'locale=%3Cscript%3E',
      'locale=xx-' + 'a'.repeat(40),
      'label=a&label=b',
    ]) {
      const { response } = await image(worker, `${media}?${query}`);
      expect(response.status, query).toBe(400);
    }
    for (const query of ['color=%23ABCDEF', 'color=fff', 'labelColor=informational', 'anything=else']) {
      expect((await worker.fetch(`${media}?${query}`)).status, query).toBe(200);
    }
  });
});

describe('errors are error badges with their status', () => {
  it('not exposed: 404, and nothing asked upstream', async () => {
    account.resetRequests();
    for (const [target, path] of [
      [plain, '/v1/badges/account/play_count.svg'],
      [plain, `/v1/cards/medias/${KNOWN.mediaId}.svg`],
      [limited, `/v1/badges/projects/${KNOWN.projectId}/play_count.svg`],
      [limited, '/v1/badges/projects/BAD!/play_count.svg'],
    ] as const) {
      const { response, svg } = await image(target, path);
      expect(response.status, path).toBe(404);
      expect(svg.texts).toContain('not found');
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
    }
    expect(account.requests()).toHaveLength(0);
  });

  it('bad paths and methods, without asking upstream', async () => {
    account.resetRequests();
    const cases: Array<[string, number, RequestInit?]> = [
      [`/v1/badges/medias/${KNOWN.mediaId}/number_of_videos.svg`, 400],
      ['/v1/badges/account/visitors.svg', 400],
      ['/v1/badges/medias/NOT-AN-ID/play_count.svg', 400],
      [`/v1/cards/medias/${'a'.repeat(33)}.svg`, 400],
      [`/v1/badges/medias/${KNOWN.mediaId}/play_count.png`, 404],
      [`/v1/badges/medias/${KNOWN.mediaId}/play_count`, 404],
      ['/v1/badges/somewhere/else.svg', 404],
      [`/v1/badges/medias/${KNOWN.mediaId}/play_count.svg`, 405, { method: 'POST' }],
    ];
    for (const [path, status, init] of cases) {
      const { response } = await image(worker, path, init);
      expect(response.status, path).toBe(status);
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    expect(account.requests()).toHaveLength(0);
  });

  it('a media Wistia does not have: 404', async () => {
    const { response, svg } = await image(worker, `/v1/badges/medias/${KNOWN.missingMediaId}/play_count.svg`);
    expect(response.status).toBe(404);
    expect(svg.texts).toContain('not found');
  });

  it('Wistia down with no copy: a 5xx error badge, never the token', async () => {
    account.setFault({ kind: 'status', status: 500, match: MEDIA_IDS[21]! });
    const { response, svg } = await image(worker, `/v1/badges/medias/${MEDIA_IDS[21]}/play_count.svg`);
    account.setFault(null);
    expect(response.status).toBe(502);
    expect(svg.texts).toContain('unavailable');
    expect(svg.source).not.toContain(TEST_TOKEN);
  });
});

describe('a stale answer still draws the badge', () => {
  it('upstream down: the last value, marked stale, with its own ETag', async () => {
    const mediaId = MEDIA_IDS[22]!;
    const path = `/v1/badges/medias/${mediaId}/play_count.svg`;
    const stats = (await direct(account, `/v1/stats/medias/${mediaId}.json`)) as Record<string, number>;
    const value = formatStat(stats.play_count!, 'play_count', undefined, 'en-US');
    const fresh = await image(limited, path);
    expect(fresh.svg.texts).toContain(value);
    await sleep(1_100);
    account.setFault({ kind: 'status', status: 500, match: mediaId });
    let stale: { response: Response; svg: Svg } | undefined;
    for (let attempt = 0; attempt < 40 && stale?.response.headers.get('x-stats-stale') !== '1'; attempt++) {
      stale = await image(limited, path);
      expect(stale.response.status).toBe(200);
      expect(stale.svg.texts).toContain(value);
      await sleep(200);
    }
    account.setFault(null);
    expect(stale!.response.headers.get('x-stats-stale')).toBe('1');
    expect(stale!.response.headers.get('etag')).toBe(fresh.response.headers.get('etag')!.replace(/"$/, '-stale"'));
    expect(stale!.response.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
  });
});

describe('what one client can make badges spend', () => {
  it('labels, colours, styles, formats and locales are one resource: Wistia is asked once', async () => {
    const mediaId = MEDIA_IDS[23]!;
    account.resetRequests();
    const styles = ['flat', 'plastic', 'for-the-badge'];
    const paths = Array.from({ length: 60 }, (_, index) => {
      const query = new URLSearchParams({
        label: `label ${index}`,
        color: index.toString(16).padStart(6, '0'),
        style: styles[index % 3]!,
        locale: ['en-US', 'de-DE', 'fr'][index % 3]!,
        format: ['standard', 'compact', 'percent'][index % 3]!,
      });
      return `/v1/badges/medias/${mediaId}/${['play_count', 'load_count', 'visitors'][index % 3]}.svg?${query}`;
    });
    paths.push(`/v1/cards/medias/${mediaId}.svg?title=a`, `/v1/cards/medias/${mediaId}.svg?title=b`, `/v1/stats/medias/${mediaId}.json`);
    for (const path of paths) expect((await worker.fetch(path)).status, path).toBe(200);
    const asked = account.requests().map((request) => request.path);
    expect(asked.filter((path) => path === `/v1/stats/medias/${mediaId}.json`)).toHaveLength(1);
    expect(asked.filter((path) => path === `/v1/stats/medias/${mediaId}/engagement.json`)).toHaveLength(1);
    expect(asked).toHaveLength(2);
  });
});
