/**
 * Partition entitlements of API keys (docs/API.md, "Partitioned lists"): `keys add --partitions 212,646` and
 * `keys set-partitions ID 212,646|all`. A key limited to partitions downloads only those shards of a
 * partitioned list (us-dnc, ca-dncl: area codes) and has only their numbers evaluated; a key without a
 * limit has every partition. Stored in the subscriber record's `lists.<list>.partitions` (the root
 * list is `default`); records without `lists` keep every partition.
 */
import { defineCommand } from 'citty';
import {
  DEFAULT_LIST,
  entitledPartitions,
  readSubscriber,
  type SubscriberRecord,
  writeSubscriber,
} from '../../api/auth/subscribers.ts';
import { QuietlistError } from '../../core/errors.ts';
import { parsePartitionList } from '../../core/partitions/partition-rule.ts';
import { runGuarded } from '../exit-codes.ts';
import { storeArgs, storeFromArgs } from '../store-args.ts';

export const partitionsArg = {
  partitions: {
    type: 'string',
    valueHint: 'list',
    description:
      'Partitioned lists (us-dnc, ca-dncl): the area codes this key may download and have evaluated, e.g. 212,646,718 (default: every one)',
  },
} as const;

/** `212,646` → the ids; `all` → undefined (every partition). */
export function parsePartitionsArg(text: string): string[] | undefined {
  return text.trim().toLowerCase() === 'all' ? undefined : parsePartitionList(text);
}

/** The record with its partitions on `list` set (undefined: every partition). */
export function withPartitions(
  record: SubscriberRecord,
  partitions: string[] | undefined,
  list: string = DEFAULT_LIST,
): SubscriberRecord {
  const access = { ...(record.lists?.[list] ?? {}) };
  if (partitions === undefined) delete access.partitions;
  else access.partitions = partitions;
  if (record.lists === undefined && partitions === undefined && list === DEFAULT_LIST) return record;
  return { ...record, lists: { ...(record.lists ?? {}), [list]: access } };
}

/** `keys list`'s words for a key's partitions of the default list. */
export function partitionsText(record: SubscriberRecord): string {
  const entitled = entitledPartitions(record, DEFAULT_LIST);
  if (entitled === 'all') return 'all partitions';
  if (entitled.size === 0) return 'no partition';
  const ids = [...entitled].sort();
  return `partitions ${ids.length > 10 ? `${ids.slice(0, 10).join(',')},… (${ids.length})` : ids.join(',')}`;
}

export const setPartitionsCommand = defineCommand({
  meta: {
    name: 'set-partitions',
    description:
      "Limit a subscriber to partitions of a partitioned list (area codes), or give it every one ('all'); running APIs apply it within 60 s",
  },
  args: {
    ...storeArgs,
    id: { type: 'positional', description: 'Subscriber id', required: true },
    partitions: {
      type: 'positional',
      description: "The partitions, comma-separated (212,646,718), or 'all'",
      required: true,
    },
  },
  run: ({ args }) =>
    runGuarded(async () => {
      const partitions = parsePartitionsArg(args.partitions);
      const store = storeFromArgs(args);
      const record = await readSubscriber(store, args.id);
      if (!record) throw new QuietlistError('NOT_FOUND', `no subscriber ${args.id} in ${store.description}`);
      const updated = withPartitions(record, partitions);
      await writeSubscriber(store, updated);
      process.stdout.write(
        `subscriber ${record.id}: ${partitionsText(updated)}; running APIs apply it within their cache time (60 s by default)\n`,
      );
    }),
});
