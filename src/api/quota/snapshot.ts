/**
 * Usage snapshots: how the operator's `quietlist keys list` learns a subscriber's usage when the
 * counts live in Durable Objects (Workers), which no CLI can read. Each subscriber's object writes
 * `usage/<id>.json` to the API's store at most once a minute while it is used (an alarm), so the
 * listing is at most about a minute old. Counts only: no number, no key.
 */
import { z } from 'zod';
import type { ObjectStore } from '../../storage/object-store.ts';
import type { QuotaUsage } from './quota.ts';
import { dayOf, monthStartDay } from './rules.ts';

export const USAGE_PREFIX = 'usage/';
/** How long a used subscriber's snapshot may lag behind its counts. */
export const SNAPSHOT_DELAY_MS = 60_000;

const snapshotSchema = z.object({
  version: z.literal(1),
  subscriber: z.string().regex(/^[a-z0-9]{12}$/),
  takenAt: z.iso.datetime(),
  today: z.number().int().min(0),
  month: z.number().int().min(0),
  last30Days: z.number().int().min(0),
});
export type UsageSnapshot = z.infer<typeof snapshotSchema>;

export function usageSnapshotKey(subscriberId: string): string {
  return `${USAGE_PREFIX}${subscriberId}.json`;
}

export async function writeUsageSnapshot(
  store: ObjectStore,
  subscriberId: string,
  usage: QuotaUsage,
  at: number,
): Promise<void> {
  const snapshot: UsageSnapshot = {
    version: 1,
    subscriber: subscriberId,
    takenAt: new Date(at).toISOString(),
    ...usage,
  };
  await store.put(usageSnapshotKey(subscriberId), new TextEncoder().encode(`${JSON.stringify(snapshot)}\n`), {
    contentType: 'application/json',
    cacheControl: 'no-store',
  });
}

/**
 * The subscriber's usage as of its last snapshot, seen from `at`: a snapshot of an earlier day counts
 * nothing today (and of an earlier month, nothing this month). Null without a snapshot (or an unreadable one).
 */
export async function readUsageSnapshot(
  store: ObjectStore,
  subscriberId: string,
  at: number,
): Promise<{ usage: QuotaUsage; takenAt: string } | null> {
  const object = await store.get(usageSnapshotKey(subscriberId));
  if (!object) return null;
  let parsed: UsageSnapshot;
  try {
    parsed = snapshotSchema.parse(JSON.parse(new TextDecoder().decode(object.body)));
  } catch {
    return null;
  }
  const taken = Date.parse(parsed.takenAt);
  const sameDay = dayOf(taken) === dayOf(at);
  const sameMonth = monthStartDay(taken) === monthStartDay(at);
  const daysSince = dayOf(at) - dayOf(taken);
  return {
    usage: {
      today: sameDay ? parsed.today : 0,
      month: sameMonth ? parsed.month : 0,
      // Older than 30 days: nothing of it is in the window any more.
      last30Days: daysSince >= 30 ? 0 : parsed.last30Days,
    },
    takenAt: parsed.takenAt,
  };
}
