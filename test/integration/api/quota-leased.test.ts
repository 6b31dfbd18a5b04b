/**
 * The leased quota of several hosts, in one process: three "hosts" (each its own SQLite database in
 * its own state directory) over one real FileStore. Concurrent reservations never accept more than
 * the daily or the monthly limit, and accept exactly that much when requests divide the blocks; a
 * store outage when a lease is needed is an error (the API answers 503), never an unmetered pass;
 * alerts are raised once across hosts; a new day starts over.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { leaseLedgerKey, readLeasedUsage } from '../../../src/api/quota/lease-ledger.ts';
import { LeasedQuotaCounter } from '../../../src/api/quota/leased.ts';
import type { QuotaCounter, QuotaDecision, QuotaLimits } from '../../../src/api/quota/quota.ts';
import { DAY_MS } from '../../../src/api/quota/rules.ts';
import { SqliteQuotaCounter } from '../../../src/api/quota/sqlite.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import type { ObjectStore } from '../../../src/storage/object-store.ts';
import { FaultyStore } from '../../helpers/faulty-store.ts';

const scratch = mkdtempSync(join(tmpdir(), 'quietlist-leased-'));
const opened: SqliteQuotaCounter[] = [];
afterAll(() => {
  for (const database of opened) database.close();
  rmSync(scratch, { recursive: true, force: true });
});

const NOV_30_NOON = Date.UTC(2026, 10, 30, 12);
let storeCount = 0;

function hosts(
  count: number,
  block: number,
  store: ObjectStore = new FileStore(join(scratch, `store-${++storeCount}`)),
) {
  return Array.from({ length: count }, (_, i) => {
    const database = new SqliteQuotaCounter(join(scratch, `store-${storeCount}-host-${i}`));
    opened.push(database);
    return new LeasedQuotaCounter(database, store, { block });
  });
}

/** `clients` concurrent loops per host, each reserving `amount` until refused; returns units accepted. */
async function hammer(
  counters: QuotaCounter[],
  amount: number,
  limits: QuotaLimits,
  clients = 4,
  at = NOV_30_NOON,
) {
  let accepted = 0;
  const refusals: QuotaDecision[] = [];
  await Promise.all(
    counters.flatMap((counter) =>
      Array.from({ length: clients }, async () => {
        for (;;) {
          const decision = await counter.reserve({ subscriberId: 'aaaaaaaaaaaa', amount, limits, at });
          if (!decision.ok) {
            refusals.push(decision);
            return;
          }
          accepted += amount;
        }
      }),
    ),
  );
  return { accepted, refusals };
}

describe('leased quota across hosts', () => {
  it('accepts exactly the daily limit across three hosts, with small blocks (many lost races)', async () => {
    const { accepted, refusals } = await hammer(hosts(3, 5), 5, { daily: 400, monthly: null });
    expect(accepted).toBe(400);
    expect(refusals.every((r) => !r.ok && r.period === 'day' && r.retryAfterSeconds === 12 * 3600)).toBe(
      true,
    );
  });

  it('holds the monthly limit too, and never passes it when requests do not divide the blocks', async () => {
    const counters = hosts(2, 50);
    const first = await hammer(counters, 7, { daily: 1000, monthly: 300 }, 4, NOV_30_NOON - DAY_MS);
    expect(first.accepted).toBeLessThanOrEqual(300);
    expect(first.accepted).toBeGreaterThan(300 - 2 * 50);
    expect(first.refusals.every((r) => !r.ok && r.period === 'month')).toBe(true);
    // The next day: the month is still spent.
    const next = await hammer(counters, 7, { daily: 1000, monthly: 300 }, 1, NOV_30_NOON);
    expect(next.accepted).toBe(0);
  });

  it('keeps the count when a host restarts (its database opened again)', async () => {
    const store = new FileStore(join(scratch, 'store-restart'));
    const directory = join(scratch, 'restart-host');
    const limits = { daily: 100, monthly: null };
    const before = new SqliteQuotaCounter(directory);
    const counter = new LeasedQuotaCounter(before, store, { block: 30 });
    const request = { subscriberId: 'bbbbbbbbbbbb', amount: 10, limits, at: NOV_30_NOON };
    expect(await counter.reserve(request)).toMatchObject({ ok: true, remaining: { day: 90 } });
    before.close();
    const after = new SqliteQuotaCounter(directory);
    opened.push(after);
    const again = new LeasedQuotaCounter(after, store, { block: 30 });
    let accepted = 10;
    while ((await again.reserve(request)).ok) accepted += 10;
    expect(accepted).toBe(100);
    expect(await again.usage('bbbbbbbbbbbb', NOV_30_NOON)).toMatchObject({ today: 100 });
    expect(await readLeasedUsage(store, 'bbbbbbbbbbbb', NOV_30_NOON)).toMatchObject({ today: 100 });
  });

  it('answers what is left (GET /v1/quota): what no host leased plus what this host still holds', async () => {
    const [first, second] = hosts(2, 30);
    const limits = { daily: 1000, monthly: 10_000 };
    const id = 'cccccccccccc';
    expect(await first!.remaining(id, limits, NOV_30_NOON)).toEqual({ day: 1000, month: 10_000 });
    const request = { subscriberId: id, amount: 10, limits, at: NOV_30_NOON };
    expect((await first!.reserve(request)).ok).toBe(true); // leases a block of 30, uses 10
    // This host: 970 not leased + 20 still held; the other host cannot use the first host's 20.
    expect(await first!.remaining(id, limits, NOV_30_NOON)).toEqual({ day: 990, month: 9990 });
    expect(await second!.remaining(id, limits, NOV_30_NOON)).toEqual({ day: 970, month: 9970 });
    // What a host says it may use, it can: the second host accepts exactly 970 more.
    let accepted = 0;
    while ((await second!.reserve(request)).ok) accepted += 10;
    expect(accepted).toBe(970);
    expect(await second!.remaining(id, limits, NOV_30_NOON)).toEqual({ day: 0, month: 9000 });
    expect(await first!.remaining(id, limits, NOV_30_NOON)).toEqual({ day: 20, month: 9020 });
  });

  it('counts what a host charged before it switched to leases mid-day against the shared quota', async () => {
    const database = new SqliteQuotaCounter(join(scratch, 'switching-host'));
    opened.push(database);
    const limits = { daily: 100, monthly: null };
    const request = { subscriberId: 'eeeeeeeeeeee', amount: 10, limits, at: NOV_30_NOON };
    for (let i = 0; i < 3; i++) expect((await database.reserve(request)).ok).toBe(true);
    const counter = new LeasedQuotaCounter(database, new FileStore(join(scratch, 'store-switch')), {
      block: 20,
    });
    let accepted = 0;
    while ((await counter.reserve(request)).ok) accepted += 10;
    expect(accepted).toBe(70);
  });

  it('fails, never passes, when the store cannot be reached for a lease; leased units still serve', async () => {
    const inner = new FileStore(join(scratch, 'store-outage'));
    let down = false;
    const store = new FaultyStore(inner, {
      failOn: (_operation, key) => down && key.startsWith('state/quota/'),
    });
    const [counter] = hosts(1, 20, store);
    const request = {
      subscriberId: 'cccccccccccc',
      amount: 10,
      limits: { daily: 400, monthly: null },
      at: NOV_30_NOON,
    };
    expect((await counter!.reserve(request)).ok).toBe(true); // leases 20
    down = true;
    expect((await counter!.reserve(request)).ok).toBe(true); // the rest of the block
    await expect(counter!.reserve(request)).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    down = false;
    expect((await counter!.reserve(request)).ok).toBe(true);
  });

  it('raises each alert once across hosts, and refuses an unreadable ledger rather than start over', async () => {
    const store = new FileStore(join(scratch, 'store-alerts'));
    const counters = hosts(2, 10, store);
    const limits = { daily: 100, monthly: null };
    const alerts: string[] = [];
    await Promise.all(
      counters.map(async (counter) => {
        for (;;) {
          const decision = await counter.reserve({
            subscriberId: 'dddddddddddd',
            amount: 10,
            limits,
            at: NOV_30_NOON,
          });
          alerts.push(...decision.alerts.map((alert) => alert.kind));
          if (!decision.ok) return;
        }
      }),
    );
    expect(alerts.sort()).toEqual(['daily-100', 'daily-80']);
    await store.put(leaseLedgerKey('dddddddddddd'), new TextEncoder().encode('{"version":2}'));
    const [fresh] = hosts(1, 10, store);
    await expect(
      fresh!.reserve({ subscriberId: 'dddddddddddd', amount: 10, limits, at: NOV_30_NOON }),
    ).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
  });
});
