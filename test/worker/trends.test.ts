/**
 * docs/architecture.md, "Routes" (by date): `GET /v1/stats/account/by_date.json` and
 * `/v1/stats/medias/{id}/by_date.json` answer what Wistia answers, one item a day, for any
 * range; both spellings are one resource; dates are checked (and ordered, and a range kept to
 * two years) before any upstream call; they exist only with `trends` and the scope's own
 * resource exposed. And the simulated account's days add up to its totals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN } from '../../demo/simulated-account/data.ts';
import type { SimulatedAccount } from '../../demo/simulated-account/server.ts';
import type { AccountStats, DayStats } from '../../src/wistia-api.ts';
import { direct, startAccount, startWorker, type RunningWorker } from './harness.ts';

let account: SimulatedAccount;
let worker: RunningWorker;
let noTrends: RunningWorker;
let noAccount: RunningWorker;

beforeAll(async () => {
  account = await startAccount();
  [worker, noTrends, noAccount] = await Promise.all([
    startWorker(account.apiBase, { vars: { EXPOSE: 'account,medias,trends' } }),
    startWorker(account.apiBase, { vars: { EXPOSE: 'account,projects,medias,engagement' } }),
    startWorker(account.apiBase, { vars: { EXPOSE: 'trends' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([worker?.stop(), noTrends?.stop(), noAccount?.stop()]);
  await account?.close();
});

const DAY_MS = 86_400_000;
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10);
const accountByDate = '/v1/stats/account/by_date.json';
const mediaByDate = `/v1/stats/medias/${KNOWN.mediaId}/by_date.json`;

const RANGES: Array<[string, string]> = [
  ['the default (yesterday and today)', ''],
  ['the last 7 days', `?start_date=${day(-6)}&end_date=${day(0)}`],
  ['60 days for a trend of 30 against the 30 before', `?start_date=${day(-59)}&end_date=${day(0)}`],
  ['one day long ago', `?start_date=${day(-200)}&end_date=${day(-200)}`],
  ['a year, some of it before the media existed', `?start_date=${day(-731)}&end_date=${day(-367)}`],
  ['from a date until today', `?start_date=${day(-10)}`],
];

describe('the by-date routes answer what Wistia answers', () => {
  for (const [scope, base] of [
    ['account', accountByDate],
    ['media', mediaByDate],
  ] as const) {
    for (const [what, query] of RANGES) {
      it(`${scope}, ${what}`, async () => {
        const response = await worker.fetch(`${base}${query}`);
        expect(response.status).toBe(200);
        const days = (await response.json()) as DayStats[];
        expect(days).toEqual(await direct(account, `${base}${query}`));
        if (query.includes('end_date')) expect(days.at(-1)!.date).toBe(new URLSearchParams(query).get('end_date'));
        for (const item of days) expect(Object.keys(item).sort()).toEqual(['date', 'hours_watched', 'load_count', 'play_count']);
      });
    }
  }

  it('one item a day, in order, with no gaps', async () => {
    const days = (await (await worker.fetch(`${mediaByDate}?start_date=${day(-29)}&end_date=${day(0)}`)).json()) as DayStats[];
    expect(days).toHaveLength(30);
    days.forEach((item, i) => expect(item.date).toBe(day(-29 + i)));
  });

  it('a field Wistia adds later does not pass', async () => {
    account.setExtraFields({ revenue: 12 });
    try {
      const days = (await (await worker.fetch(`${accountByDate}?start_date=${day(-3)}&end_date=${day(-2)}`)).json()) as Array<
        Record<string, unknown>
      >;
      expect(days.every((item) => !('revenue' in item))).toBe(true);
    } finally {
      account.setExtraFields({});
    }
  });

  it('a media Wistia does not have is a 404', async () => {
    expect((await worker.fetch(`/v1/stats/medias/${KNOWN.missingMediaId}/by_date.json`)).status).toBe(404);
  });
});

describe('with and without .json: one resource', () => {
  it('the second spelling is a HIT with no upstream request', async () => {
    const query = `?start_date=${day(-20)}&end_date=${day(-5)}`;
    account.resetRequests();
    const first = await worker.fetch(`${mediaByDate}${query}`);
    const second = await worker.fetch(`${mediaByDate.replace('.json', '')}${query}&unknown=1`);
    const modern = await worker.fetch(`/modern/stats/medias/${KNOWN.mediaId}/by_date${query}`);
    expect(await second.json()).toEqual(await first.json());
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(modern.status).toBe(200);
    expect(account.requests()).toHaveLength(1);
    const account2 = await worker.fetch(`${accountByDate.replace('.json', '')}${query}`);
    expect(await account2.json()).toEqual(await direct(account, `${accountByDate}${query}`));
  });
});

describe('dates are checked before any upstream call', () => {
  const BAD: Array<[string, string]> = [
    ['not a date', `${accountByDate}?start_date=yesterday`],
    ['February 30', `${accountByDate}?start_date=2024-02-30`],
    ['month 13', `${mediaByDate}?end_date=2024-13-01`],
    ['two-digit year', `${mediaByDate}?start_date=24-01-01`],
    ['before 2000', `${accountByDate}?start_date=1999-12-31`],
    ['a time in it', `${accountByDate}?start_date=2024-01-01T00:00:00Z`],
    ['start_date twice', `${accountByDate}?start_date=2024-01-01&start_date=2024-01-02`],
    ['reversed', `${accountByDate}?start_date=2024-03-02&end_date=2024-03-01`],
    ['reversed, media', `${mediaByDate}?start_date=2024-03-02&end_date=2024-03-01`],
    ['over two years', `${accountByDate}?start_date=2020-01-01&end_date=2022-01-03`],
    ['over two years until today', `${mediaByDate}?start_date=${day(-800)}`],
    ['a bad media id', '/v1/stats/medias/ABC!/by_date.json'],
  ];
  for (const [what, path] of BAD) {
    it(what, async () => {
      account.resetRequests();
      const response = await worker.fetch(path);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('bad_request');
      expect(account.requests()).toEqual([]);
    });
  }

  it('two years exactly is allowed', async () => {
    expect((await worker.fetch(`${accountByDate}?start_date=2022-01-01&end_date=2024-01-02`)).status).toBe(200);
  });
});

describe('exposed with trends and the scope’s own resource', () => {
  it('without trends, or without the scope, a 404 and no upstream request', async () => {
    account.resetRequests();
    for (const [target, path] of [
      [noTrends, accountByDate],
      [noTrends, mediaByDate],
      [noAccount, accountByDate],
      [noAccount, mediaByDate],
    ] as const) {
      const response = await target.fetch(path);
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
    expect(account.requests()).toEqual([]);
  });
});

describe('the simulated account’s days add up to its totals', () => {
  const sum = (days: DayStats[]) =>
    days.reduce(
      (total, item) => ({
        load_count: total.load_count + item.load_count,
        play_count: total.play_count + item.play_count,
        hours_watched: total.hours_watched + item.hours_watched,
      }),
      { load_count: 0, play_count: 0, hours_watched: 0 },
    );

  it('for the account and for a media, also after it grows', async () => {
    for (const grow of [false, true]) {
      if (grow) account.tick(20);
      const every = `?start_date=2015-01-01&end_date=${day(0)}`;
      for (const [stats, byDate] of [
        ['/v1/stats/account.json', accountByDate],
        [`/v1/stats/medias/${KNOWN.mediaId}.json`, mediaByDate],
      ]) {
        const totals = (await direct(account, stats!)) as AccountStats;
        const days = sum((await direct(account, `${byDate}${every}`)) as DayStats[]);
        expect(days.load_count).toBe(totals.load_count);
        expect(days.play_count).toBe(totals.play_count);
        expect(days.hours_watched).toBeCloseTo(totals.hours_watched, 0);
      }
    }
  });
});
