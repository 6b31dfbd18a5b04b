/**
 * The quota rules and both Node-side counters: UTC days and months, all-or-nothing reservations,
 * alerts once per period (80%, 100%, the spike rule), and the SQLite counter keeping its counts when
 * the database is opened again (a restart) and agreeing with the in-memory baseline.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryQuotaCounter } from '../../../../src/api/quota/memory.ts';
import type { QuotaCounter, QuotaLimits } from '../../../../src/api/quota/quota.ts';
import { DAY_MS, decide, SPIKE_FLOOR, usageOf } from '../../../../src/api/quota/rules.ts';
import { SqliteQuotaCounter } from '../../../../src/api/quota/sqlite.ts';

const scratch = mkdtempSync(join(tmpdir(), 'quietlist-quota-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const NOV_30_NOON = Date.UTC(2026, 10, 30, 12);
const day = (at: number) => Math.floor(at / DAY_MS);

describe('rules', () => {
  it('sums today, the calendar month and the last 30 days', () => {
    const counts = new Map([
      [day(NOV_30_NOON), 5],
      [day(NOV_30_NOON) - 29, 7], // 1 November: this month and the last 30 days
      [day(NOV_30_NOON) - 30, 11], // 31 October: neither
    ]);
    expect(usageOf(counts, NOV_30_NOON)).toEqual({ today: 5, month: 12, last30Days: 12 });
    expect(usageOf(counts, NOV_30_NOON + DAY_MS)).toEqual({ today: 0, month: 0, last30Days: 5 });
  });

  it('refuses by the month when both limits would be passed, with Retry-After to the 1st', () => {
    const counts = new Map([[day(NOV_30_NOON), 90]]);
    const limits: QuotaLimits = { daily: 100, monthly: 95 };
    const refused = decide(counts, 20, limits, NOV_30_NOON);
    expect(refused).toMatchObject({ ok: false, period: 'month', retryAfterSeconds: 12 * 3600 });
    expect(decide(counts, 5, limits, NOV_30_NOON)).toMatchObject({
      ok: true,
      remaining: { day: 5, month: 0 },
    });
    const mid = Date.UTC(2026, 10, 10, 18);
    expect(decide(new Map(), 200, limits, mid)).toMatchObject({
      period: 'month',
      retryAfterSeconds: 20.25 * 86_400,
    });
  });

  it('raises the spike alert above 10× the 30-day median and the floor only', () => {
    const today = day(NOV_30_NOON);
    const steady = new Map(Array.from({ length: 30 }, (_, i) => [today - 30 + i, 2_000] as [number, number]));
    const limits = { daily: 10_000_000, monthly: null };
    const kinds = (counts: Map<number, number>, amount: number) =>
      decide(counts, amount, limits, NOV_30_NOON).alerts.map((alert) => alert.kind);
    expect(kinds(steady, 20_000)).toEqual([]);
    expect(kinds(steady, 20_001)).toEqual(['spike']);
    expect(kinds(new Map(), SPIKE_FLOOR)).toEqual([]);
    expect(kinds(new Map(), SPIKE_FLOOR + 1)).toEqual(['spike']);
  });
});

function counters(): [string, () => QuotaCounter][] {
  return [
    ['memory', () => new MemoryQuotaCounter()],
    ['sqlite', () => new SqliteQuotaCounter(mkdtempSync(join(scratch, 'state-')))],
  ];
}

describe.each(counters())('%s counter', (_name, make) => {
  it('reserves all or nothing and reports each alert once per period', async () => {
    const counter = make();
    const limits = { daily: 100, monthly: 1_000 };
    const reserve = (amount: number, at = NOV_30_NOON) =>
      counter.reserve({ subscriberId: 'a', amount, limits, at });
    expect(await reserve(79)).toMatchObject({ ok: true, remaining: { day: 21, month: 921 }, alerts: [] });
    expect((await reserve(1)).alerts).toEqual([{ kind: 'daily-80', used: 80, limit: 100 }]);
    expect((await reserve(1)).alerts).toEqual([]);
    const refused = await reserve(50);
    expect(refused).toMatchObject({ ok: false, period: 'day', remaining: { day: 19, month: 919 } });
    expect(refused.alerts).toEqual([{ kind: 'daily-100', used: 81, limit: 100 }]);
    expect((await reserve(19)).alerts).toEqual([]);
    // The next day starts from zero, alerts included; another subscriber never shares counts.
    expect(await reserve(100, NOV_30_NOON + DAY_MS)).toMatchObject({ ok: true, remaining: { day: 0 } });
    expect(await counter.usage('a', NOV_30_NOON)).toEqual({ today: 100, month: 100, last30Days: 100 });
    expect(await counter.usage('b', NOV_30_NOON)).toEqual({ today: 0, month: 0, last30Days: 0 });
  });
});

describe('SQLite counter', () => {
  it('keeps its counts when the database is opened again, as after a restart', async () => {
    const directory = mkdtempSync(join(scratch, 'restart-'));
    const limits = { daily: 10, monthly: null };
    const first = new SqliteQuotaCounter(directory);
    expect((await first.reserve({ subscriberId: 'a', amount: 6, limits, at: NOV_30_NOON })).ok).toBe(true);
    first.close();
    const second = new SqliteQuotaCounter(directory);
    const refused = await second.reserve({ subscriberId: 'a', amount: 6, limits, at: NOV_30_NOON });
    expect(refused).toMatchObject({ ok: false, remaining: { day: 4 } });
    expect(await second.usage('a', NOV_30_NOON)).toMatchObject({ today: 6 });
    second.close();
  });

  it('shares one file between two open connections without ever going over', async () => {
    const directory = mkdtempSync(join(scratch, 'shared-'));
    const [a, b] = [new SqliteQuotaCounter(directory), new SqliteQuotaCounter(directory)];
    const limits = { daily: 1_000, monthly: null };
    let accepted = 0;
    for (let i = 0; i < 30; i++) {
      const counter = i % 2 === 0 ? a : b;
      if ((await counter.reserve({ subscriberId: 's', amount: 70, limits, at: NOV_30_NOON })).ok)
        accepted += 70;
    }
    expect(accepted).toBe(980);
    a.close();
    b.close();
  });

  it('fails with a storage error naming the database when it cannot be opened', () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, 'not a directory');
    expect(() => new SqliteQuotaCounter(join(file, 'state'))).toThrow(/quota database .* cannot be opened/);
  });
});
