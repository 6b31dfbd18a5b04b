/**
 * Subscriber records: who may call the API, with which scopes and quota. One JSON object per
 * subscriber at `subscribers/<id>.json` in the same store as the epochs (docs/API.md, "Storage
 * schema"). The API key itself is never stored: only its SHA-256. A key is
 * `ql_<id>_<secret>`: the id finds the record, the 256-bit random secret proves possession.
 */
import { z } from 'zod';
import { QuietlistError } from '../../core/errors.ts';
import { DEFAULT_LIST, LIST_NAME_PATTERN } from '../../core/lists/list-name.ts';
import { PARTITION_ID } from '../../core/partitions/partition-rule.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import type { QuotaLimits } from '../quota/quota.ts';
import { sha256Hex } from './sha256.ts';

export const SUBSCRIBERS_PREFIX = 'subscribers/';
export const SCOPES = ['download', 'check'] as const;
export type Scope = (typeof SCOPES)[number];

const SUBSCRIBER_ID = /^[a-z0-9]{12}$/;

/** The root list of a deployment (lists of their own are named; docs/API.md, "Storage schema"). */
export { DEFAULT_LIST };

/**
 * What a key may do with one list. `partitions`: the partitions (area codes, docs/FORMAT.md §1.4) it
 * may download and have evaluated, absent for every one; `owner`: it may post live additions to the
 * list (api/lists/entitlements.ts).
 */
export const listAccessSchema = z.strictObject({
  owner: z.boolean().optional(),
  partitions: z
    .array(z.string().regex(PARTITION_ID))
    .max(10_000)
    .refine((ids) => new Set(ids).size === ids.length, 'partitions must be distinct')
    .optional(),
});
export type ListAccess = z.infer<typeof listAccessSchema>;
const API_KEY = /^ql_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export const subscriberRecordSchema = z.strictObject({
  version: z.literal(1),
  id: z.string().regex(SUBSCRIBER_ID),
  name: z.string().min(1).max(200),
  /** Hex SHA-256 of the whole API key string (UTF-8). */
  keyHash: z.string().regex(/^[0-9a-f]{64}$/),
  scopes: z.array(z.enum(SCOPES)).min(1),
  /** Numbers checked plus elements evaluated this subscriber may use per UTC day. */
  dailyQuota: z.number().int().min(0),
  /** The same per UTC calendar month. Absent in records written before it existed: no monthly limit. */
  monthlyQuota: z.number().int().min(0).optional(),
  createdAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  /**
   * The lists this key may use, by name (the root list is `default`), and how. Absent (records written
   * before it existed): the default list, with every partition (nothing widens silently).
   */
  lists: z.record(z.string().regex(LIST_NAME_PATTERN), listAccessSchema).optional(),
});
export type SubscriberRecord = z.infer<typeof subscriberRecordSchema>;

/**
 * The partitions a subscriber may download and have evaluated in a list: a set, or 'all'; an empty set
 * when the key may not use the list at all.
 */
export function entitledPartitions(
  record: SubscriberRecord,
  list: string = DEFAULT_LIST,
): ReadonlySet<string> | 'all' {
  if (record.lists === undefined) return list === DEFAULT_LIST ? 'all' : new Set();
  const access = record.lists[list];
  if (access === undefined) return new Set();
  return access.partitions === undefined ? 'all' : new Set(access.partitions);
}

/** Whether a subscriber may use a partition of a list. */
export function mayUsePartition(
  record: SubscriberRecord,
  partition: string,
  list: string = DEFAULT_LIST,
): boolean {
  const entitled = entitledPartitions(record, list);
  return entitled === 'all' || entitled.has(partition);
}

/** The limits the quota counters apply to this subscriber. */
export function quotaLimitsOf(record: SubscriberRecord): QuotaLimits {
  return { daily: record.dailyQuota, monthly: record.monthlyQuota ?? null };
}

export function subscriberKey(id: string): string {
  return `${SUBSCRIBERS_PREFIX}${id}.json`;
}

/** The subscriber id a key claims, or null when it is not shaped like a quietlist key. */
export function parseApiKey(key: string): { id: string } | null {
  const match = API_KEY.exec(key);
  return match ? { id: match[1]! } : null;
}

export function hashApiKey(key: string): Promise<string> {
  return sha256Hex(new TextEncoder().encode(key));
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A new subscriber id and API key. The key is shown once and never stored. */
export function generateApiKey(): { id: string; key: string } {
  const idBytes = crypto.getRandomValues(new Uint8Array(12));
  const id = Array.from(idBytes, (byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join('');
  const secret = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  return { id, key: `ql_${id}_${secret}` };
}

export function parseSubscriberRecord(bytes: Uint8Array, id: string): SubscriberRecord {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new QuietlistError('FORMAT_INVALID', `subscriber record ${id} is not JSON`);
  }
  const parsed = subscriberRecordSchema.safeParse(json);
  if (!parsed.success || parsed.data.id !== id) {
    throw new QuietlistError('FORMAT_INVALID', `subscriber record ${id} does not match the schema`);
  }
  return parsed.data;
}

export async function readSubscriber(store: ObjectStore, id: string): Promise<SubscriberRecord | null> {
  if (!SUBSCRIBER_ID.test(id)) return null;
  const object = await store.get(subscriberKey(id));
  return object ? parseSubscriberRecord(object.body, id) : null;
}

export async function writeSubscriber(
  store: ObjectStore,
  record: SubscriberRecord,
  options: { create?: boolean } = {},
): Promise<void> {
  const checked = subscriberRecordSchema.parse(record);
  await store.put(
    subscriberKey(checked.id),
    new TextEncoder().encode(`${JSON.stringify(checked, null, 2)}\n`),
    {
      contentType: 'application/json',
      cacheControl: 'no-store',
      ...(options.create ? { ifNoneMatch: '*' as const } : {}),
    },
  );
}

export async function listSubscribers(store: ObjectStore): Promise<SubscriberRecord[]> {
  const keys = await store.list(SUBSCRIBERS_PREFIX);
  const records: SubscriberRecord[] = [];
  for (const key of keys) {
    const id = key.slice(SUBSCRIBERS_PREFIX.length).replace(/\.json$/, '');
    const record = await readSubscriber(store, id);
    if (record) records.push(record);
  }
  return records;
}
