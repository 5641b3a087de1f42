/**
 * docs/architecture.md, "Embeds": `/embed/{element}` shows one known element with its known
 * attributes, escaped, under a CSP; `/oembed` answers what the oEmbed 1.0 spec requires, for
 * this Worker's embed URLs only. (test/elements/embed.test.ts renders the page in Chromium.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN } from '../../demo/simulated-account/data.ts';
import type { SimulatedAccount } from '../../demo/simulated-account/server.ts';
import { EXPOSE_EVERYTHING, startAccount, startWorker, type RunningWorker } from './harness.ts';

let account: SimulatedAccount;
let worker: RunningWorker;
/** A site that lets only its own pages read (and frame) the Worker. */
let restricted: RunningWorker;

beforeAll(async () => {
  account = await startAccount();
  [worker, restricted] = await Promise.all([
    startWorker(account.apiBase, { vars: { EXPOSE: EXPOSE_EVERYTHING } }),
    startWorker(account.apiBase, { vars: { ALLOWED_ORIGINS: 'https://www.example.com,https://blog.example.com' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([worker?.stop(), restricted?.stop()]);
  await account?.close();
});

const embedPath = `/embed/wistia-play-count?media-id=${KNOWN.mediaId}&locale=de-DE&label=plays`;

describe('the embed page', () => {
  it('shows the one element asked for, its known attributes, and the drop-in from this Worker', async () => {
    account.resetRequests();
    const response = await worker.fetch(`${embedPath}&endpoint=https://evil.example&onclick=alert(1)&x=1`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{40}"$/);
    const html = await response.text();
    expect(html).toContain(`<wistia-play-count media-id="${KNOWN.mediaId}" locale="de-DE">plays</wistia-play-count>`);
    expect(html).toContain('<script type="module" src="/wistia-stats.js"></script>');
    expect(html).not.toMatch(/endpoint|onclick|evil/);
    expect(html).toMatch(/background:transparent/);
    expect(account.requests(), 'the page itself reads nothing').toHaveLength(0);
  });

  it('every element but the provider can be embedded, with its own attributes', async () => {
    // Every element the sources define (each calls define('wistia-…') once).
    const sources = readdirSync(new URL('../../src/elements/', import.meta.url), { recursive: true, encoding: 'utf8' });
    const tags = sources.flatMap((file) =>
      file.endsWith('.ts')
        ? [...readFileSync(new URL(`../../src/elements/${file}`, import.meta.url), 'utf8').matchAll(/define\('(wistia-[a-z-]+)'/g)].map(
            (match) => match[1]!,
          )
        : [],
    );
    expect(tags.length).toBeGreaterThan(10);
    for (const tag of tags.filter((tag) => tag !== 'wistia-stats')) {
      const response = await worker.fetch(`/embed/${tag}?media-id=${KNOWN.mediaId}`);
      expect(response.status, tag).toBe(200);
      await response.arrayBuffer();
    }
    const trend = await (await worker.fetch(`/embed/wistia-trend?media-id=${KNOWN.mediaId}&metric=load_count&days=7`)).text();
    expect(trend).toContain(`<wistia-trend media-id="${KNOWN.mediaId}" metric="load_count" days="7">`);
    const action = await (await worker.fetch(`/embed/wistia-stat?media-id=${KNOWN.mediaId}&action=Call%20to%20Action&metric=rate`)).text();
    expect(action).toContain('action="Call to Action"');
  });

  it('escapes every value: a hostile attribute or label stays text', async () => {
    const hostile = '"><script>alert(1)</script><x a=\'';
    const response = await worker.fetch(
      `/embed/wistia-stat?metric=${encodeURIComponent(hostile)}&label=${encodeURIComponent(`</wistia-stat><script>alert(2)</script>`)}`,
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html.match(/<script/g), 'only the page’s own two scripts').toHaveLength(2);
    expect(html).toContain('metric="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;x a=&#39;"');
    expect(html).toContain('&lt;/wistia-stat&gt;&lt;script&gt;alert(2)&lt;/script&gt;</wistia-stat>');
  });

  it('lets only this Worker run script, and only allowed origins frame it', async () => {
    const open = (await worker.fetch(embedPath)).headers.get('content-security-policy')!;
    expect(open).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
    expect(open).toMatch(/connect-src 'self'/);
    expect(open).toMatch(/frame-ancestors \*/);
    const closed = (await restricted.fetch(embedPath)).headers.get('content-security-policy')!;
    expect(closed).toMatch(/frame-ancestors https:\/\/www\.example\.com https:\/\/blog\.example\.com(;|$)/);
  });

  it('refuses what it does not know: another element, a value that is not text, an attribute twice', async () => {
    for (const [path, status] of [
      ['/embed/wistia-player', 404],
      ['/embed/wistia-stats', 404],
      ['/embed/script', 404],
      ['/embed/constructor', 404],
      ['/embed/wistia-play-count/more', 404],
      [`/embed/wistia-play-count?media-id=${'a'.repeat(201)}`, 400],
      ['/embed/wistia-play-count?label=a%00b', 400],
      ['/embed/wistia-play-count?locale=de&locale=fr', 400],
    ] as const) {
      const response = await worker.fetch(path);
      expect(response.status, path).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    }
  });

  it('links its oEmbed answer for discovery', async () => {
    const html = await (await worker.fetch(embedPath)).text();
    const link = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/.exec(html)?.[1];
    expect(link).toBeDefined();
    const href = link!.replaceAll('&amp;', '&');
    expect(href.startsWith(`${worker.url}/oembed?`)).toBe(true);
    expect(new URL(href).searchParams.get('url')).toBe(`${worker.url}${embedPath}`);
    expect((await fetch(href)).status).toBe(200);
  });
});

describe('oEmbed', () => {
  const oembed = (url: string, extra = '') => worker.fetch(`/oembed?url=${encodeURIComponent(url)}${extra}`);

  it('answers the fields the oEmbed 1.0 spec requires of a rich embed, with their types', async () => {
    const response = await oembed(`${worker.url}${embedPath}`, '&format=json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const answer = (await response.json()) as Record<string, unknown>;
    // oembed.com, "2.3.4. Response parameters": type and version always; html, width, height for "rich".
    expect(answer.version).toBe('1.0');
    expect(['photo', 'video', 'link', 'rich']).toContain(answer.type);
    expect(answer.type).toBe('rich');
    expect(typeof answer.html).toBe('string');
    for (const size of [answer.width, answer.height]) expect(Number.isInteger(size) && (size as number) > 0).toBe(true);
    // The optional ones, when present, have the spec's types.
    for (const name of ['title', 'provider_name', 'provider_url']) expect(typeof answer[name]).toBe('string');
    expect(Number.isInteger(answer.cache_age)).toBe(true);
    const iframe = /^<iframe src="([^"]+)" width="(\d+)" height="(\d+)" title="[^"]*" style="[^"]*" loading="lazy"><\/iframe>$/.exec(
      answer.html as string,
    );
    expect(iframe).not.toBeNull();
    expect(iframe![1]!.replaceAll('&amp;', '&')).toBe(`${worker.url}${embedPath}`);
    expect([Number(iframe![2]), Number(iframe![3])]).toEqual([answer.width, answer.height]);
  });

  it('keeps within maxwidth and maxheight', async () => {
    const answer = (await (
      await oembed(`${worker.url}/embed/wistia-engagement?media-id=${KNOWN.mediaId}`, '&maxwidth=300&maxheight=50')
    ).json()) as Record<string, number>;
    expect(answer.width).toBeLessThanOrEqual(300);
    expect(answer.height).toBeLessThanOrEqual(50);
  });

  it('answers only for this Worker’s embeds; JSON only', async () => {
    const cases: Array<[string, number]> = [
      [`/oembed?url=${encodeURIComponent(`https://elsewhere.example${embedPath}`)}`, 404],
      [`/oembed?url=${encodeURIComponent(`${worker.url}/v1/stats/account.json`)}`, 404],
      [`/oembed?url=${encodeURIComponent(`${worker.url}/embed/wistia-player`)}`, 404],
      [`/oembed?url=${encodeURIComponent(`${worker.url}${embedPath}`)}&format=xml`, 501],
      ['/oembed', 400],
      ['/oembed?url=not%20a%20url', 400],
      [`/oembed?url=${encodeURIComponent(`${worker.url}${embedPath}`)}&maxwidth=wide`, 400],
    ];
    for (const [path, status] of cases) expect((await worker.fetch(path)).status, path).toBe(status);
  });
});
