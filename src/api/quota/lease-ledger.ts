/**
 * The shared quota ledger of several Node hosts (`serve --shared-quota`): one object per subscriber in
 * the store the hosts already share, `state/quota/<id>.json`, holding the units *leased* per UTC day
 * (last HISTORY_DAYS days) and the alerts already raised. A host leases a block of units with a
 * compare-and-swap (If-Match on the ETag it read, create-only for the first lease; a lost race re-reads
 * and tries again), then charges requests against it locally (leased.ts). The ledger never grants
 * more than the daily and monthly limits, so the units all hosts charge never pass them either.
 * Runtime-neutral apart from the store: no number, no key is written, counts only.
 */
import { z } from 'zod';
import { PreconditionFailedError, StorageError } from '../../core/errors.ts';
import type { ObjectStore, StoredObject } from '../../storage/object-store.ts';
import type { QuotaAlert, QuotaDecision, QuotaLimits, QuotaUsage } from './quota.ts';
import { alertPeriod, dayOf, decide, HISTORY_DAYS, usageOf } from './rules.ts';

export const LEASE_PREFIX = 'state/quota/';
/** Compare-and-swap attempts before a lease gives up with 503 (each lost race means another host leased). */
const MAX_ATTEMPTS = 40;

const ledgerSchema = z.object({
  version: z.literal(1),
  subscriber: z.string().regex(/^[a-z0-9]{12}$/),
  /** UTC day number → units leased that day by every host together. */
  days: z.record(z.string().regex(/^\d+$/), z.number().int().min(0)),
  /** "<period>/<kind>" of the alerts already raised (rules.ts alertPeriod). */
  alerts: z.array(z.string()),
});
type LeaseLedgerDocument = z.infer<typeof ledgerSchema>;

export function leaseLedgerKey(subscriberId: string): string {
  return `${LEASE_PREFIX}${subscriberId}.json`;
}

export interface LeaseRequest {
  subscriberId: string;
  /** Units the host must obtain for the request to pass (all or nothing). */
  need: number;
  /** Units it would like (a block, ≥ need); it gets fewer when fewer are left. */
  want: number;
  limits: QuotaLimits;
  at: number;
}

export type LeaseResult =
  | {
      ok: true;
      units: number;
      /** What no host holds yet, after this lease: the day's and the month's (null: no monthly limit). */
      dayLeft: number;
      monthLeft: number | null;
      alerts: QuotaAlert[];
    }
  | { ok: false; refusal: Extract<QuotaDecision, { ok: false }> };

function emptyLedger(subscriberId: string): LeaseLedgerDocument {
  return { version: 1, subscriber: subscriberId, days: {}, alerts: [] };
}

function parseLedger(subscriberId: string, object: StoredObject): LeaseLedgerDocument {
  try {
    return ledgerSchema.parse(JSON.parse(new TextDecoder().decode(object.body)));
  } catch {
    // Never start over from zero: that would hand out the day's quota a second time.
    throw new StorageError(
      'STORAGE_UNAVAILABLE',
      `quota ledger ${leaseLedgerKey(subscriberId)} is unreadable: restore it or delete it deliberately`,
    );
  }
}

function countsOf(ledger: LeaseLedgerDocument): Map<number, number> {
  return new Map(Object.entries(ledger.days).map(([day, units]) => [Number(day), units]));
}

const alertKey = (alert: QuotaAlert, at: number) => `${alertPeriod(alert, at)}/${alert.kind}`;

/** The leased units of a subscriber as usage (an upper bound of what was used): for `keys list`. */
export async function readLeasedUsage(
  store: ObjectStore,
  subscriberId: string,
  at: number,
): Promise<QuotaUsage | null> {
  const object = await store.get(leaseLedgerKey(subscriberId));
  return object ? usageOf(countsOf(parseLedger(subscriberId, object)), at) : null;
}

/** Reads, decides and writes back with a compare-and-swap, until it wins or runs out of attempts. */
export async function leaseUnits(store: ObjectStore, request: LeaseRequest): Promise<LeaseResult> {
  const { subscriberId, need, want, limits, at } = request;
  const key = leaseLedgerKey(subscriberId);
  const today = dayOf(at);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const object = await store.get(key);
    const ledger = object ? parseLedger(subscriberId, object) : emptyLedger(subscriberId);
    const counts = countsOf(ledger);
    const usage = usageOf(counts, at);
    const dayLeft = Math.max(0, limits.daily - usage.today);
    const monthLeft = limits.monthly === null ? null : Math.max(0, limits.monthly - usage.month);
    const available = monthLeft === null ? dayLeft : Math.min(dayLeft, monthLeft);
    const units = need > available ? 0 : Math.min(Math.max(want, need), available);
    const decision = decide(counts, units === 0 ? need : units, limits, at);
    const fresh = decision.alerts.filter((alert) => !ledger.alerts.includes(alertKey(alert, at)));
    const result: LeaseResult = decision.ok
      ? {
          ok: true,
          units,
          dayLeft: dayLeft - units,
          monthLeft: monthLeft === null ? null : monthLeft - units,
          alerts: fresh,
        }
      : { ok: false, refusal: { ...decision, alerts: fresh } };
    // A refusal writes only to record an alert, so that it is raised once across every host.
    if (!decision.ok && fresh.length === 0) return result;
    const next = nextLedger(ledger, today, decision.ok ? units : 0, fresh, at);
    try {
      const body = new TextEncoder().encode(`${JSON.stringify(next)}\n`);
      const options = { contentType: 'application/json', cacheControl: 'no-store' };
      await store.put(
        key,
        body,
        object ? { ...options, ifMatch: object.etag } : { ...options, ifNoneMatch: '*' },
      );
      return result;
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
      // Another host leased first: back off a little (jittered, growing) and read again.
      await new Promise((resume) => setTimeout(resume, Math.random() * Math.min(50, 2 + attempt * 3)));
    }
  }
  throw new StorageError(
    'STORAGE_UNAVAILABLE',
    `quota ledger ${key}: ${MAX_ATTEMPTS} leases in a row lost to other hosts; try again`,
  );
}

function nextLedger(
  ledger: LeaseLedgerDocument,
  today: number,
  units: number,
  alerts: QuotaAlert[],
  at: number,
): LeaseLedgerDocument {
  const cutoff = today - HISTORY_DAYS;
  const days: Record<string, number> = {};
  for (const [day, leased] of Object.entries(ledger.days)) if (Number(day) > cutoff) days[day] = leased;
  days[String(today)] = (days[String(today)] ?? 0) + units;
  const kept = ledger.alerts.filter((key) => Number(key.split('/')[0]) > cutoff);
  return { ...ledger, days, alerts: [...kept, ...alerts.map((alert) => alertKey(alert, at))] };
}
