/**
 * The quota of several Node hosts (`serve --shared-quota`): each host leases blocks of units from the
 * shared ledger in the store (lease-ledger.ts) and charges requests against them in its own
 * SQLite database (sqlite.ts, shared by the host's serve processes and kept across restarts).
 * Why it holds: a request is accepted only when this host's leases for the day cover it, and the
 * ledger never leases more than the daily and monthly limits, so the total accepted by every host never
 * passes them. What it costs: units leased but not used by the end of the day are lost to the
 * subscriber (at most one block per host). A store that cannot be reached when a lease is needed
 * makes the request fail with 503 STORAGE_UNAVAILABLE, never pass unmetered.
 * Node only: the worker never imports this file.
 */
import { StorageError } from '../../core/errors.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { leaseUnits, readLeasedUsage } from './lease-ledger.ts';
import type { SqlPort } from './ledger.ts';
import type {
  QuotaCounter,
  QuotaDecision,
  QuotaLimits,
  QuotaRemaining,
  QuotaRequest,
  QuotaUsage,
} from './quota.ts';
import { dayOf, HISTORY_DAYS, remainingOf } from './rules.ts';
import type { SqliteQuotaCounter } from './sqlite.ts';

/** Units leased at a time unless a request needs more (or fewer are left). */
export const DEFAULT_LEASE_BLOCK = 10_000;
/**
 * A block is never more than this share of the daily limit, so what a host may leave unused by the
 * day's end stays a small part of a small quota too (1/20: at most 5% of the daily limit per host).
 */
const MAX_BLOCK_SHARE_OF_DAY = 20;

const SCHEMA = `CREATE TABLE IF NOT EXISTS quota_leases (
  subscriber TEXT NOT NULL, day INTEGER NOT NULL, granted INTEGER NOT NULL,
  day_left INTEGER NOT NULL, month_left INTEGER,
  PRIMARY KEY (subscriber, day)) WITHOUT ROWID`;

/** A local charge: accepted with what is left, or refused with the units this host's leases still hold. */
type LocalCharge = { ok: true; remaining: QuotaRemaining } | { ok: false; leftover: number };

/** A new lease taken by another serve process of this host may be spent before ours: try again. */
const MAX_LOCAL_ROUNDS = 5;

export class LeasedQuotaCounter implements QuotaCounter {
  readonly #local: SqliteQuotaCounter;
  readonly #store: ObjectStore;
  readonly #block: number;
  /** One lease at a time per subscriber in this process: concurrent requests share the block it brings. */
  readonly #leasing = new Map<string, Promise<unknown>>();

  constructor(local: SqliteQuotaCounter, store: ObjectStore, options: { block?: number } = {}) {
    this.#local = local;
    this.#store = store;
    this.#block = options.block ?? DEFAULT_LEASE_BLOCK;
    local.transaction((sql) => sql.run(SCHEMA));
  }

  async reserve(request: QuotaRequest): Promise<QuotaDecision> {
    const first = this.#charge(request);
    if (first.ok) return { ok: true, remaining: first.remaining, alerts: [] };
    return this.#serialised(request.subscriberId, () => this.#leaseAndCharge(request));
  }

  async #leaseAndCharge(request: QuotaRequest): Promise<QuotaDecision> {
    const { subscriberId, amount, limits, at } = request;
    for (let round = 0; round < MAX_LOCAL_ROUNDS; round++) {
      const local = this.#charge(request);
      if (local.ok) return { ok: true, remaining: local.remaining, alerts: [] };
      const need = amount - local.leftover;
      const lease = await leaseUnits(this.#store, {
        subscriberId,
        need,
        want: Math.max(need, Math.min(this.#block, Math.ceil(limits.daily / MAX_BLOCK_SHARE_OF_DAY))),
        limits,
        at,
      });
      if (!lease.ok) {
        // What this host still holds is left to the subscriber too (for smaller requests).
        const { remaining } = lease.refusal;
        const held = Math.max(0, local.leftover);
        return {
          ...lease.refusal,
          remaining: {
            day: remaining.day + held,
            month: remaining.month === null ? null : remaining.month + held,
          },
        };
      }
      const charged = this.#grantAndCharge(request, lease.units, lease.dayLeft, lease.monthLeft);
      if (charged.ok) return { ok: true, remaining: charged.remaining, alerts: lease.alerts };
    }
    throw new StorageError(
      'STORAGE_UNAVAILABLE',
      `quota of subscriber ${subscriberId}: leases spent by this host's other processes ${MAX_LOCAL_ROUNDS} times in a row`,
    );
  }

  /** Charges the request against this host's leases of the day, if they cover it. */
  #charge(request: QuotaRequest): LocalCharge {
    return this.#local.transaction((sql) => chargeLocally(sql, request));
  }

  #grantAndCharge(
    request: QuotaRequest,
    units: number,
    dayLeft: number,
    monthLeft: number | null,
  ): LocalCharge {
    const { subscriberId, at } = request;
    const today = dayOf(at);
    return this.#local.transaction((sql) => {
      const known = sql.all(
        'SELECT 1 FROM quota_leases WHERE subscriber = ? AND day = ?',
        subscriberId,
        today,
      );
      if (known.length === 0) {
        sql.run(
          'DELETE FROM quota_leases WHERE subscriber = ? AND day <= ?',
          subscriberId,
          today - HISTORY_DAYS,
        );
        sql.run(
          'DELETE FROM quota_usage WHERE subscriber = ? AND day <= ?',
          subscriberId,
          today - HISTORY_DAYS,
        );
      }
      sql.run(
        `INSERT INTO quota_leases (subscriber, day, granted, day_left, month_left) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (subscriber, day) DO UPDATE SET granted = granted + excluded.granted,
           day_left = excluded.day_left, month_left = excluded.month_left`,
        subscriberId,
        today,
        units,
        dayLeft,
        monthLeft,
      );
      return chargeLocally(sql, request);
    });
  }

  async #serialised<T>(subscriberId: string, body: () => Promise<T>): Promise<T> {
    const before = this.#leasing.get(subscriberId) ?? Promise.resolve();
    const run = before.then(body, body);
    const settled = run.catch(() => undefined);
    this.#leasing.set(subscriberId, settled);
    try {
      return await run;
    } finally {
      if (this.#leasing.get(subscriberId) === settled) this.#leasing.delete(subscriberId);
    }
  }

  /**
   * What no host has leased yet (the shared ledger) plus what this host's lease of the day still holds:
   * what requests reaching this host may use. Units other hosts leased and have not used are not
   * counted, so this may say less than the subscriber can use, never more.
   */
  async remaining(subscriberId: string, limits: QuotaLimits, at: number): Promise<QuotaRemaining> {
    const leased = await readLeasedUsage(this.#store, subscriberId, at);
    const unleased = remainingOf(leased ?? { today: 0, month: 0, last30Days: 0 }, limits);
    const held = Math.max(
      0,
      this.#local.transaction((sql) => localLeftover(sql, subscriberId, at)),
    );
    return { day: unleased.day + held, month: unleased.month === null ? null : unleased.month + held };
  }

  /** This host's usage (its own charges; `keys list --usage leases` shows what every host leased). */
  usage(subscriberId: string, at: number): Promise<QuotaUsage> {
    return this.#local.usage(subscriberId, at);
  }
}

/** Today's lease of this host and the units it still holds (negative: charged before the first lease). */
function todaysLease(sql: SqlPort, subscriberId: string, at: number) {
  const today = dayOf(at);
  const lease = sql.all(
    'SELECT granted, day_left, month_left FROM quota_leases WHERE subscriber = ? AND day = ?',
    subscriberId,
    today,
  )[0];
  const used = sql.all(
    'SELECT count FROM quota_usage WHERE subscriber = ? AND day = ?',
    subscriberId,
    today,
  )[0];
  return { lease, leftover: Number(lease?.granted ?? 0) - Number(used?.count ?? 0) };
}

function localLeftover(sql: SqlPort, subscriberId: string, at: number): number {
  return todaysLease(sql, subscriberId, at).leftover;
}

function chargeLocally(sql: SqlPort, { subscriberId, amount, at }: QuotaRequest): LocalCharge {
  const today = dayOf(at);
  const { lease, leftover } = todaysLease(sql, subscriberId, at);
  // Negative when this database charged units before its first lease of the day (a host switched to
  // --shared-quota mid-day): they are leased now too, so they count against the global quota.
  if (lease === undefined || amount > leftover) return { ok: false, leftover };
  sql.run(
    `INSERT INTO quota_usage (subscriber, day, count) VALUES (?, ?, ?)
     ON CONFLICT (subscriber, day) DO UPDATE SET count = count + excluded.count`,
    subscriberId,
    today,
    amount,
  );
  const kept = leftover - amount;
  return {
    ok: true,
    remaining: {
      day: kept + Number(lease.day_left),
      month: lease.month_left === null ? null : kept + Number(lease.month_left),
    },
  };
}
