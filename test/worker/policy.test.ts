/**
 * docs/architecture.md, "Policy": a resource not in EXPOSE is a 404; each resource passes only
 * the fields on its allow-list (identity and location only with EXPOSE_PII=true, the heatmap URL
 * only with heatmap exposed); CORS follows ALLOWED_ORIGINS, with preflight, on every answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN, MEDIA_IDS } from '../../demo/simulated-account/data.ts';
import type { SimulatedAccount } from '../../demo/simulated-account/server.ts';
import { EVENT_PII_FIELDS } from '../../src/wistia-api.ts';
import { direct, EXPOSE_EVERYTHING, freshLimitWindow, startAccount, startWorker, TEST_TOKEN, type RunningWorker } from './harness.ts';

let account: SimulatedAccount;
let defaults: RunningWorker;
let everything: RunningWorker;
let cors: RunningWorker;
let noHeatmap: RunningWorker;
let withPii: RunningWorker;

beforeAll(async () => {
  account = await startAccount();
  [defaults, everything, cors, noHeatmap, withPii] = await Promise.all([
    startWorker(account.apiBase),
    startWorker(account.apiBase, { vars: { EXPOSE: EXPOSE_EVERYTHING, WISTIA_PUBLIC_TOKEN: 'simulatedpublic' } }),
    startWorker(account.apiBase, {
      vars: { ALLOWED_ORIGINS: 'https://allowed.example, https://also.example', EXPOSE: EXPOSE_EVERYTHING.replace(',heatmap', '') },
    }),
    startWorker(account.apiBase, { vars: { EXPOSE: 'account,medias,engagement,visitors,events' } }),
    startWorker(account.apiBase, { vars: { EXPOSE: EXPOSE_EVERYTHING, EXPOSE_PII: 'true' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([defaults?.stop(), everything?.stop(), cors?.stop(), noHeatmap?.stop(), withPii?.stop()]);
  await account?.close();
});

describe('EXPOSE: a resource not exposed does not exist', () => {
  const hidden = [
    '/v1/stats/visitors.json',
    `/v1/stats/visitors/${KNOWN.visitorKey}.json`,
    '/v1/stats/events.json',
    `/v1/stats/events/${KNOWN.eventKey}.json`,
    `/v1/stats/events/${KNOWN.eventKey}/iframe.html`,
  ];
  for (const path of hidden) {
    it(`${path} is a 404 by default, with no upstream request`, async () => {
      account.resetRequests();
      const response = await defaults.fetch(path, { redirect: 'manual' });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'No such resource.' } });
      expect(account.requests()).toHaveLength(0);
    });
  }

  it('the default exposes account, projects, medias and engagement', async () => {
    for (const path of [
      '/v1/stats/account.json',
      `/v1/stats/projects/${KNOWN.projectId}.json`,
      `/v1/stats/medias/${KNOWN.mediaId}.json`,
      `/v1/stats/medias/${KNOWN.mediaId}/engagement.json`,
    ]) {
      expect((await defaults.fetch(path)).status, path).toBe(200);
    }
  });

  it('a hidden resource looks like a missing one, even to a bad id', async () => {
    const hiddenBadId = await defaults.fetch('/v1/stats/visitors/BAD!.json');
    const missing = await defaults.fetch('/v1/stats/nothing.json');
    expect(hiddenBadId.status).toBe(404);
    expect(await hiddenBadId.json()).toEqual(await missing.json());
  });
});

describe('configuration that does not parse is named, never guessed', () => {
  it('a typo in EXPOSE answers 500 misconfigured naming it, and calls nobody', async () => {
    const typo = await startWorker(account.apiBase, { vars: { EXPOSE: 'account,medias,engagment' } });
    try {
      account.resetRequests();
      const response = await typo.fetch('/v1/stats/account.json');
      expect(response.status).toBe(500);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('misconfigured');
      expect(body.error.message).toContain('engagment');
      expect(account.requests()).toHaveLength(0);
    } finally {
      await typo.stop();
    }
  });
});

describe('PII is stripped unless EXPOSE_PII=true', () => {
  it('events lose ip, lat, lon, org, email, conversion_data, city and region; the rest stays', async () => {
    const path = `/v1/stats/events.json?media_id=${KNOWN.mediaId}&per_page=20`;
    const original = (await direct(account, path)) as Array<Record<string, unknown>>;
    expect(original.some((event) => typeof event.ip === 'string' && typeof event.city === 'string')).toBe(true);
    const stripped = (await (await everything.fetch(path)).json()) as Array<Record<string, unknown>>;
    expect(stripped).toHaveLength(original.length);
    stripped.forEach((event, index) => {
      const expected = { ...original[index] };
      for (const field of EVENT_PII_FIELDS) delete expected[field];
      expect(event).toEqual(expected);
    });
  });

  it('one event loses the same fields', async () => {
    const path = `/v1/stats/events/${KNOWN.eventKey}.json`;
    const event = (await (await everything.fetch(path)).json()) as Record<string, unknown>;
    for (const field of EVENT_PII_FIELDS) expect(event).not.toHaveProperty(field);
    expect(event.event_key).toBe(KNOWN.eventKey);
    expect(event.percent_viewed).toBe(((await direct(account, path)) as Record<string, unknown>).percent_viewed);
  });

  it('visitors read as anonymous; keys and counts stay', async () => {
    const path = `/v1/stats/visitors/${KNOWN.visitorKey}.json`;
    const original = (await direct(account, path)) as Record<string, unknown>;
    expect((original.visitor_identity as { name: unknown }).name).toBeTypeOf('string');
    const stripped = (await (await everything.fetch(path)).json()) as Record<string, unknown>;
    expect(stripped).toEqual({
      ...original,
      // No `name`: Wistia's official client takes an optional string there, and rejects null.
      visitor_identity: { email: null, org: { name: null, title: null } },
    });
    const list = (await (await everything.fetch('/v1/stats/visitors.json?filter=has_email')).json()) as Array<{
      visitor_identity: { email: unknown };
      load_count: number;
    }>;
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((visitor) => visitor.visitor_identity.email === null && typeof visitor.load_count === 'number')).toBe(true);
  });
});

describe('fields pass by allow-list', () => {
  it('a field Wistia adds later reaches nobody, with or without EXPOSE_PII', async () => {
    account.setExtraFields({ brand_new_field: 'surprise', viewer_phone: '+1 555 0100' });
    try {
      const paths = [
        '/v1/stats/account.json',
        `/v1/stats/medias/${MEDIA_IDS[12]}.json`,
        `/v1/stats/medias/${MEDIA_IDS[12]}/engagement.json`,
        `/v1/stats/events.json?media_id=${MEDIA_IDS[12]}&per_page=7`,
        `/v1/stats/visitors.json?per_page=7`,
        `/v1/stats/visitors/${KNOWN.visitorKey}.json`,
      ];
      for (const target of [withPii, noHeatmap]) {
        for (const path of paths) {
          const response = await target.fetch(path);
          expect(response.status, path).toBe(200);
          const text = await response.text();
          expect(text, path).not.toContain('brand_new_field');
          expect(text, path).not.toContain('viewer_phone');
        }
      }
      expect(JSON.stringify(await direct(account, '/v1/stats/account.json'))).toContain('brand_new_field'); // the simulated Wistia did send it
    } finally {
      account.setExtraFields({});
    }
  });

  it('with EXPOSE_PII=true, identity and location pass through', async () => {
    const path = `/v1/stats/events/${KNOWN.eventKey}.json`;
    const event = (await (await withPii.fetch(path)).json()) as Record<string, unknown>;
    const original = (await direct(account, path)) as Record<string, unknown>;
    for (const field of EVENT_PII_FIELDS) expect(event[field], field).toEqual(original[field]);
    const visitor = (await (await withPii.fetch(`/v1/stats/visitors/${KNOWN.visitorKey}.json`)).json()) as {
      visitor_identity: { name: unknown };
    };
    expect(visitor.visitor_identity.name).toBe(KNOWN.visitorName);
  });

  it('iframe_heatmap_url only when heatmap is exposed', async () => {
    for (const path of [`/v1/stats/events/${KNOWN.eventKey}.json`, `/v1/stats/events.json?media_id=${KNOWN.mediaId}`]) {
      const text = await (await noHeatmap.fetch(path)).text();
      expect(text, path).not.toContain('iframe_heatmap_url');
      expect(text, path).not.toContain('public_token');
      expect(await (await everything.fetch(path)).text(), path).toContain('iframe_heatmap_url');
    }
  });
});

describe('every answer carries the CORS headers, errors included', () => {
  const ORIGIN = 'https://allowed.example';
  const cases: Array<[string, string, RequestInit?]> = [
    ['400', '/v1/stats/medias/BAD!.json'],
    ['404', '/v1/stats/nothing.json'],
    ['405', '/v1/stats/account.json', { method: 'DELETE' }],
    ['413', '/v1/milestones/claim', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: 'x'.repeat(3000) }],
    ['414', `/v1/stats/account.json?${'x'.repeat(2100)}`],
    ['415', '/v1/milestones/claim', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' }],
    [
      '403',
      '/v1/milestones/claim',
      { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' }, body: '{}' },
    ],
  ];
  for (const [status, path, init] of cases) {
    it(`${status}`, async () => {
      const response = await cors.fetch(path, { ...init, headers: { Origin: ORIGIN, ...init?.headers } });
      expect(response.status).toBe(Number(status));
      // The 403 is for a claim from another origin: that page is not let read it; the others are.
      const expected = status === '403' ? null : ORIGIN;
      expect(response.headers.get('access-control-allow-origin')).toBe(expected);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    });
  }

  it('429 and 5xx', async () => {
    account.setFault({ kind: 'status', status: 500, match: MEDIA_IDS[13] });
    try {
      const failed = await cors.fetch(`/v1/stats/medias/${MEDIA_IDS[13]}.json`, { headers: { Origin: ORIGIN } });
      expect(failed.status).toBe(502);
      expect(failed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    } finally {
      account.setFault(null);
    }
    let limited: Response | undefined;
    await freshLimitWindow(10);
    for (let i = 0; i < 12 && limited?.status !== 429; i++) {
      limited = await cors.fetch('/v1/milestones/claim', {
        method: 'POST',
        headers: { Origin: ORIGIN, 'Content-Type': 'application/json', 'CF-Connecting-IP': '198.51.100.9' },
        body: JSON.stringify({ scope: 'account', metric: 'play_count', threshold: 1e12, visitor_key: `k${i}` }),
      });
    }
    expect(limited!.status).toBe(429);
    expect(limited!.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(limited!.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });

  it('a misconfigured 500', async () => {
    const typo = await startWorker(account.apiBase, { vars: { EXPOSE: 'account,medias,engagment', ALLOWED_ORIGINS: ORIGIN } });
    try {
      const response = await typo.fetch('/v1/stats/account.json', { headers: { Origin: ORIGIN } });
      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({ error: { code: 'misconfigured' } });
      expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    } finally {
      await typo.stop();
    }
  });
});

describe('/modern/... is Wistia’s newer base path for the same resources', () => {
  it('/modern/stats/medias/{id} is /v1/stats/medias/{id}.json: one resource, one upstream request', async () => {
    account.resetRequests();
    const modern = await defaults.fetch(`/modern/stats/medias/${MEDIA_IDS[14]}`);
    const v1 = await defaults.fetch(`/v1/stats/medias/${MEDIA_IDS[14]}.json`);
    expect(modern.status).toBe(200);
    expect(await modern.json()).toEqual(await v1.json());
    expect(account.requests().map((r) => r.path)).toEqual([`/v1/stats/medias/${MEDIA_IDS[14]}.json`]);
    expect((await defaults.fetch('/modern/stats/account')).status).toBe(200);
    expect((await defaults.fetch('/modern/stats/visitors')).status).toBe(404); // not exposed, as under /v1
  });
});

describe('CORS follows ALLOWED_ORIGINS', () => {
  it('the default (*) lets any page read, and exposes the caching headers', async () => {
    const response = await defaults.fetch('/v1/stats/account.json', { headers: { Origin: 'https://any.example' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toContain('ETag');
  });

  it('an allowed origin is echoed, with Vary: Origin', async () => {
    const response = await cors.fetch('/v1/stats/account.json', { headers: { Origin: 'https://also.example' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://also.example');
    expect(response.headers.get('vary')).toContain('Origin');
  });

  it('a refused origin gets no Access-Control-Allow-Origin', async () => {
    const response = await cors.fetch('/v1/stats/account.json', { headers: { Origin: 'https://evil.example' } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('preflight from an allowed origin allows GET and If-None-Match', async () => {
    const response = await cors.fetch('/v1/stats/account.json', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://allowed.example',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'if-none-match',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://allowed.example');
    expect(response.headers.get('access-control-allow-methods')).toContain('GET');
    expect(response.headers.get('access-control-allow-headers')).toContain('If-None-Match');
  });

  it('preflight allows the headers Wistia’s official TypeScript client sends', async () => {
    const response = await cors.fetch('/v1/stats/medias/abc.json', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://allowed.example',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'x-wistia-api-version,authorization',
      },
    });
    const allowed = response.headers.get('access-control-allow-headers')!.toLowerCase();
    expect(allowed).toContain('x-wistia-api-version');
    expect(allowed).toContain('authorization');
  });

  it('a client’s own Authorization header never reaches Wistia: only the Worker’s token does', async () => {
    account.resetRequests();
    const response = await defaults.fetch(`/v1/stats/medias/${KNOWN.otherMediaId}.json`, {
      headers: { Authorization: 'Bearer someone-elses-token', 'X-Wistia-API-Version': '2025-11' },
    });
    expect(response.status).toBe(200);
    expect(account.requests().map((r) => r.authorization)).toEqual([`Bearer ${TEST_TOKEN}`]);
  });

  it('preflight from a refused origin is not allowed', async () => {
    const response = await cors.fetch('/v1/stats/account.json', {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
