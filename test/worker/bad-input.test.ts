/**
 * docs/architecture.md, "Validation": ids by pattern, query parameters by the table,
 * methods. Every malformed request gets a 4xx JSON error and causes no upstream request.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN } from '../../demo/simulated-account/data.ts';
import type { SimulatedAccount } from '../../demo/simulated-account/server.ts';
import { startAccount, startWorker, type RunningWorker, EXPOSE_EVERYTHING } from './harness.ts';

let account: SimulatedAccount;
let worker: RunningWorker;

beforeAll(async () => {
  account = await startAccount();
  // Everything exposed, so that validation, not policy, is what refuses each request.
  worker = await startWorker(account.apiBase, { vars: { EXPOSE: EXPOSE_EVERYTHING, WISTIA_PUBLIC_TOKEN: 'simulatedpublic' } });
});
afterAll(async () => {
  await worker?.stop();
  await account?.close();
});

/** Sends the path exactly as written: `fetch` would resolve `..` before sending. */
function rawGet(url: string, path: string, method = 'GET'): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${url}/`, { method, path }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type']), body }));
    });
    request.on('error', reject);
    request.end();
  });
}

const visitors = '/v1/stats/visitors.json';
const events = '/v1/stats/events.json';
const long = 'a'.repeat(3000);

/** [what is wrong, method, path] */
const MALFORMED: Array<[string, string, string]> = [
  ['traversal, plain', 'GET', '/v1/stats/medias/../../../etc/passwd'],
  ['traversal, plain, to the root', 'GET', '/v1/stats/../../../../secret.json'],
  ['traversal, plain, inside an id', 'GET', '/v1/stats/medias/abc/../../visitors/..json'],
  ['traversal, encoded slash', 'GET', '/v1/stats/medias/..%2F..%2Fetc%2Fpasswd.json'],
  ['traversal, fully encoded', 'GET', '/v1/stats/medias/%2e%2e%2f%2e%2e%2faccount.json'],
  ['traversal, double encoded', 'GET', '/v1/stats/medias/..%252F..%252Faccount.json'],
  ['traversal, backslash', 'GET', '/v1/stats/medias/..%5C..%5Caccount.json'],
  ['encoded slash inside an id', 'GET', '/v1/stats/medias/abc%2Fengagement.json'],
  ['upper-case media id', 'GET', '/v1/stats/medias/ABC123.json'],
  ['dash in media id', 'GET', '/v1/stats/medias/abc-123.json'],
  ['media id over 32 characters', 'GET', `/v1/stats/medias/${'a'.repeat(33)}.json`],
  ['NUL in an id', 'GET', '/v1/stats/medias/%00abc.json'],
  ['non-ASCII id', 'GET', '/v1/stats/medias/caf%C3%A9.json'],
  ['space in an id', 'GET', '/v1/stats/medias/ab%20c.json'],
  ['wrong extension', 'GET', '/v1/stats/medias/abc.xml'],
  ['bad project id', 'GET', '/v1/stats/projects/p!q.json'],
  ['dot in an engagement media id', 'GET', '/v1/stats/medias/ab.c/engagement.json'],
  ['bad visitor key', 'GET', '/v1/stats/visitors/not-a-key!.json'],
  ['visitor key over 64 characters', 'GET', `/v1/stats/visitors/${'A'.repeat(65)}.json`],
  ['upper-case event key', 'GET', '/v1/stats/events/UPPER.json'],
  ['symbol in event key', 'GET', '/v1/stats/events/abc$def.json'],
  ['bad heatmap event key', 'GET', '/v1/stats/events/AB_C/iframe.html'],
  ['per_page 0', 'GET', `${visitors}?per_page=0`],
  ['per_page 101', 'GET', `${visitors}?per_page=101`],
  ['per_page negative', 'GET', `${visitors}?per_page=-1`],
  ['per_page not a number', 'GET', `${visitors}?per_page=abc`],
  ['per_page in exponent form', 'GET', `${events}?per_page=1e2`],
  ['per_page huge', 'GET', `${events}?per_page=100000000000000000000`],
  ['per_page twice', 'GET', `${visitors}?per_page=10&per_page=20`],
  ['page 0', 'GET', `${visitors}?page=0`],
  ['page negative', 'GET', `${events}?page=-3`],
  ['page fractional', 'GET', `${events}?page=1.5`],
  ['page empty', 'GET', `${visitors}?page=`],
  ['unknown filter', 'GET', `${visitors}?filter=everyone`],
  ['filter with NUL', 'GET', `${visitors}?filter=has_name%00`],
  ['search without EXPOSE_PII', 'GET', `${visitors}?search=jim`],
  ['month 13', 'GET', `${events}?start_date=2024-13-01`],
  ['February 30', 'GET', `${events}?start_date=2024-02-30`],
  ['date without dashes', 'GET', `${events}?end_date=20240101`],
  ['date in words', 'GET', `${events}?start_date=yesterday`],
  ['start after end', 'GET', `${events}?start_date=2024-05-02&end_date=2024-05-01`],
  ['traversal in media_id', 'GET', `${events}?media_id=..%2Fx`],
  ['space in visitor_key', 'GET', `${events}?visitor_key=a%20b`],
  ['upper-case media_id', 'GET', `${events}?media_id=ABC`],
  ['over-long path', 'GET', `/v1/stats/medias/${long}.json`],
  ['over-long query', 'GET', `/v1/stats/account.json?x=${long}`],
  ['unknown route', 'GET', '/v1/stats/unknown.json'],
  ['not an API path', 'GET', '/etc/passwd'],
  ['empty id', 'GET', '/v1/stats/medias/.json'],
  ['trailing slash', 'GET', '/v1/stats/account.json/'],
  ['POST to a stats route', 'POST', '/v1/stats/account.json'],
  ['PUT', 'PUT', `/v1/stats/medias/${KNOWN.mediaId}.json`],
  ['DELETE', 'DELETE', events],
  ['PATCH', 'PATCH', visitors],
];

describe('bad input: a 4xx JSON error, and nothing sent upstream', () => {
  it(`covers at least 40 malformed requests (${MALFORMED.length})`, () => {
    expect(MALFORMED.length).toBeGreaterThanOrEqual(40);
  });

  for (const [what, method, path] of MALFORMED) {
    it(`${what}: ${method} ${path.slice(0, 80)}`, async () => {
      account.resetRequests();
      const response = await rawGet(worker.url, path, method);
      expect(response.status, response.body).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.type).toMatch(/^application\/json/);
      const body = JSON.parse(response.body) as { error: { code: string; message: string } };
      expect(body.error.code).toMatch(/^[a-z_]+$/);
      expect(body.error.message.length).toBeGreaterThan(0);
      expect(account.requests()).toHaveLength(0);
    });
  }

  it('a wrong method says which methods are allowed', async () => {
    const response = await worker.fetch('/v1/stats/account.json', { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(await response.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
  });

  it('ids are checked by pattern: a bad id is a 400 saying the rule in words', async () => {
    const media = await worker.fetch('/v1/stats/medias/ABC.json');
    expect(media.status).toBe(400);
    expect(await media.json()).toEqual({
      error: { code: 'bad_request', message: 'media id must be 1 to 32 lowercase letters and digits.' },
    });
    const event = await worker.fetch('/v1/stats/events/a..b.json');
    expect(await event.json()).toEqual({
      error: {
        code: 'bad_request',
        message:
          'event key must be 1 to 64 lowercase letters, digits and dots (a dot only between two letters or digits), not ending in .json.',
      },
    });
  });

  it('good parameters are forwarded in a fixed order; unknown ones are dropped', async () => {
    account.resetRequests();
    const response = await worker.fetch(
      `${events}?per_page=5&utm=x&end_date=2030-01-01&media_id=${KNOWN.mediaId}&start_date=2020-01-01&page=2`,
    );
    expect(response.status).toBe(200);
    expect(account.requests().map((r) => r.query)).toEqual([
      `?media_id=${KNOWN.mediaId}&start_date=2020-01-01&end_date=2030-01-01&page=2&per_page=5`,
    ]);
  });

  it('a parameter left out and its default are one resource: one upstream request', async () => {
    account.resetRequests();
    const spellings = ['', '?page=1', '?per_page=100', '?page=1&per_page=100', '?per_page=100&page=1&utm=x', '?search='];
    for (const query of spellings) {
      const response = await worker.fetch(`${events}${query}`);
      expect(response.status, query).toBe(200);
    }
    expect(account.requests().map((r) => r.path + r.query)).toEqual(['/v1/stats/events.json']);
  });

  it('an empty search= is not forwarded (and needs no EXPOSE_PII)', async () => {
    account.resetRequests();
    const response = await worker.fetch(`${visitors}?search=&filter=has_name`);
    expect(response.status).toBe(200);
    expect(account.requests().map((r) => r.query)).toEqual(['?filter=has_name']);
  });

  for (const eventKey of ['.', '...', '.json', 'abc.json', 'a..b', '.abc', 'abc.']) {
    it(`event key ${JSON.stringify(eventKey)}: 400, nothing upstream`, async () => {
      account.resetRequests();
      const response = await worker.fetch(`/v1/stats/events/${eventKey}.json`);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'bad_request' } });
      expect(account.requests()).toHaveLength(0);
    });
  }
});
