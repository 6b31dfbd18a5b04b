/**
 * `quietlist keys add|list|set-quota|set-partitions|revoke`: API subscribers, stored as `subscribers/<id>.json` in the
 * same store the API serves (docs/API.md, "Storage schema"). The key is printed once by `add` and never
 * stored: only its SHA-256. Running APIs see a change within their subscriber cache time (60 s).
 * `list` shows each subscriber's usage (keys-usage.ts: the Node quota database or the Workers snapshots).
 */
import { defineCommand } from 'citty';
import {
  generateApiKey,
  hashApiKey,
  listSubscribers,
  readSubscriber,
  SCOPES,
  type Scope,
  type SubscriberRecord,
  writeSubscriber,
} from '../../api/auth/subscribers.ts';
import { QuietlistError } from '../../core/errors.ts';
import { assertListName, DEFAULT_LIST } from '../../core/lists/list-name.ts';
import { runGuarded } from '../exit-codes.ts';
import { stateDirArgs, stateDirFromArgs } from '../state-dir-args.ts';
import { storeArgs, storeFromArgs } from '../store-args.ts';
import {
  parsePartitionsArg,
  partitionsArg,
  partitionsText,
  setPartitionsCommand,
  withPartitions,
} from './keys-partitions.ts';
import { openUsageSource } from './keys-usage.ts';

export const DEFAULT_DAILY_QUOTA = 100_000;
export const DEFAULT_MONTHLY_QUOTA = 1_000_000;

function parseScopes(text: string): Scope[] {
  const scopes = [
    ...new Set(
      text
        .split(',')
        .map((scope) => scope.trim())
        .filter(Boolean),
    ),
  ];
  const unknown = scopes.filter((scope) => !(SCOPES as readonly string[]).includes(scope));
  if (scopes.length === 0 || unknown.length > 0) {
    throw new QuietlistError(
      'INVALID_ARGUMENT',
      `--scopes takes a comma-separated list of: ${SCOPES.join(', ')}`,
    );
  }
  return scopes as Scope[];
}

/** `--list a,b` and `--owner`: the record's `lists` member, or undefined (the default list only). */
function parseLists(text: string | undefined, owner: boolean): SubscriberRecord['lists'] {
  if (text === undefined) return owner ? { [DEFAULT_LIST]: { owner: true } } : undefined;
  const names = [
    ...new Set(
      text
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean),
    ),
  ];
  if (names.length === 0)
    throw new QuietlistError('INVALID_ARGUMENT', '--list takes list names, comma-separated');
  return Object.fromEntries(
    names.map((name) => [assertListName(name, '--list'), owner ? { owner: true } : {}]),
  );
}

/** `default, acme (owner)`. */
function listsText(record: SubscriberRecord): string {
  const lists = record.lists ?? { [DEFAULT_LIST]: {} };
  return Object.entries(lists)
    .map(([name, rights]) => (rights.owner ? `${name} (owner)` : name))
    .join(', ');
}

function parseQuota(text: string, option: string, per: string): number {
  const quota = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(quota) || quota < 0) {
    throw new QuietlistError(
      'INVALID_ARGUMENT',
      `${option} must be a whole number of numbers checked (or elements evaluated) per ${per}`,
    );
  }
  return quota;
}

const quotaArgs = {
  daily: {
    type: 'string',
    alias: 'daily-quota',
    description: `Numbers checked + elements evaluated per UTC day (add: default ${DEFAULT_DAILY_QUOTA})`,
  },
  monthly: {
    type: 'string',
    description: `The same per UTC calendar month (add: default ${DEFAULT_MONTHLY_QUOTA})`,
  },
} as const;

const addCommand = defineCommand({
  meta: { name: 'add', description: 'Create a subscriber and print its API key (shown once)' },
  args: {
    ...storeArgs,
    name: { type: 'string', description: 'Who the key is for (shown in `keys list`)', required: true },
    scopes: {
      type: 'string',
      description: `Comma-separated scopes: ${SCOPES.join(', ')}`,
      default: SCOPES.join(','),
    },
    list: {
      type: 'string',
      description:
        'The lists the key may use, comma-separated (default: the default list only); a call centre gets the lists of the advertisers it calls for',
    },
    owner: {
      type: 'boolean',
      description:
        'The key may also post live additions to its lists (the advertiser, or a call centre it trusts with objections)',
    },
    ...quotaArgs,
    ...partitionsArg,
    json: { type: 'boolean', description: 'Print the result as JSON' },
  },
  run: ({ args }) =>
    runGuarded(async () => {
      const partitions = args.partitions === undefined ? undefined : parsePartitionsArg(args.partitions);
      const name = args.name.trim();
      if (name === '' || name.length > 200)
        throw new QuietlistError('INVALID_ARGUMENT', '--name must be 1 to 200 characters');
      const store = storeFromArgs(args);
      const { id, key } = generateApiKey();
      const unlimited: SubscriberRecord = {
        version: 1,
        id,
        name,
        keyHash: await hashApiKey(key),
        scopes: parseScopes(args.scopes),
        dailyQuota: parseQuota(args.daily ?? String(DEFAULT_DAILY_QUOTA), '--daily', 'day'),
        monthlyQuota: parseQuota(args.monthly ?? String(DEFAULT_MONTHLY_QUOTA), '--monthly', 'month'),
        createdAt: new Date().toISOString(),
        revokedAt: null,
      };
      const lists = parseLists(args.list, args.owner ?? false);
      // --partitions limits the key in each list it names (default: the default list).
      const record = Object.keys(lists ?? { [DEFAULT_LIST]: {} }).reduce(
        (limited, list) => withPartitions(limited, partitions, list),
        lists ? { ...unlimited, lists } : unlimited,
      );
      await writeSubscriber(store, record, { create: true });
      if (args.json) {
        process.stdout.write(
          `${JSON.stringify({ id, key, scopes: record.scopes, lists: record.lists ?? { [DEFAULT_LIST]: {} }, dailyQuota: record.dailyQuota, monthlyQuota: record.monthlyQuota, partitions: partitions ?? null })}\n`,
        );
      } else {
        process.stdout.write(
          `subscriber ${id} (${name}) added to ${store.description}\n` +
            `  scopes ${record.scopes.join(', ')}, lists ${listsText(record)}, quota ${quotaText(record)}, ${partitionsText(record)}\n` +
            `  API key (shown once, only its SHA-256 is stored):\n${key}\n`,
        );
      }
    }),
});

function quotaText(record: Pick<SubscriberRecord, 'dailyQuota' | 'monthlyQuota'>): string {
  const monthly = record.monthlyQuota === undefined ? 'no monthly limit' : `${record.monthlyQuota}/month`;
  return `${record.dailyQuota}/day, ${monthly}`;
}

const listCommand = defineCommand({
  meta: {
    name: 'list',
    description: 'List subscribers (never their keys) with their usage today, this month and over 30 days',
  },
  args: {
    ...storeArgs,
    ...stateDirArgs,
    usage: {
      type: 'string',
      description:
        'Where usage comes from: state (the Node quota database in --state-dir: this host), store (the usage snapshots the Workers quota objects write), leases (what every host leased, serve --shared-quota), auto (state if its database exists)',
      default: 'auto',
    },
    json: { type: 'boolean', description: 'Print JSON lines' },
  },
  run: ({ args }) =>
    runGuarded(async () => {
      const store = storeFromArgs(args);
      const records = await listSubscribers(store);
      const usage = openUsageSource(args.usage, stateDirFromArgs(args), store);
      try {
        if (!args.json) process.stdout.write(`usage from ${usage.description}\n`);
        const at = Date.now();
        for (const { keyHash: _hidden, ...record } of records) {
          const used = await usage.read(record.id, at);
          if (args.json) {
            process.stdout.write(`${JSON.stringify({ ...record, usage: used })}\n`);
          } else {
            const state = record.revokedAt ? `revoked ${record.revokedAt}` : 'active';
            const usedText = used
              ? `used ${used.today} today, ${used.month} this month, ${used.last30Days} in 30 days${used.asOf ? ` (as of ${used.asOf})` : ''}`
              : 'no usage recorded';
            process.stdout.write(
              `${record.id}  ${state}  ${record.scopes.join(',')}  lists ${listsText(record as SubscriberRecord)}  ${quotaText(record)}  ${partitionsText({ ...record, keyHash: '' })}  ${usedText}  ${record.createdAt}  ${record.name}\n`,
            );
          }
        }
        if (!args.json && records.length === 0) process.stdout.write('no subscribers\n');
      } finally {
        usage.close();
      }
    }),
});

const setQuotaCommand = defineCommand({
  meta: {
    name: 'set-quota',
    description: "Change a subscriber's daily and/or monthly quota (running APIs apply it within 60 s)",
  },
  args: {
    ...storeArgs,
    id: { type: 'positional', description: 'Subscriber id', required: true },
    ...quotaArgs,
  },
  run: ({ args }) =>
    runGuarded(async () => {
      if (args.daily === undefined && args.monthly === undefined)
        throw new QuietlistError('INVALID_ARGUMENT', 'give --daily N, --monthly N or both');
      const store = storeFromArgs(args);
      const record = await readSubscriber(store, args.id);
      if (!record) throw new QuietlistError('NOT_FOUND', `no subscriber ${args.id} in ${store.description}`);
      const updated: SubscriberRecord = {
        ...record,
        ...(args.daily === undefined ? {} : { dailyQuota: parseQuota(args.daily, '--daily', 'day') }),
        ...(args.monthly === undefined
          ? {}
          : { monthlyQuota: parseQuota(args.monthly, '--monthly', 'month') }),
      };
      await writeSubscriber(store, updated);
      process.stdout.write(
        `subscriber ${record.id}: quota ${quotaText(updated)}; running APIs apply it within their cache time (60 s by default)\n`,
      );
    }),
});

const revokeCommand = defineCommand({
  meta: { name: 'revoke', description: 'Revoke a subscriber (APIs refuse its key within 60 s)' },
  args: { ...storeArgs, id: { type: 'positional', description: 'Subscriber id', required: true } },
  run: ({ args }) =>
    runGuarded(async () => {
      const store = storeFromArgs(args);
      const record = await readSubscriber(store, args.id);
      if (!record) throw new QuietlistError('NOT_FOUND', `no subscriber ${args.id} in ${store.description}`);
      if (record.revokedAt === null)
        await writeSubscriber(store, { ...record, revokedAt: new Date().toISOString() });
      process.stdout.write(
        `subscriber ${record.id} revoked; running APIs refuse its key within their cache time (60 s by default)\n`,
      );
    }),
});

export const keysCommand = defineCommand({
  meta: { name: 'keys', description: 'Manage API subscribers and their keys' },
  subCommands: {
    add: addCommand,
    list: listCommand,
    'set-quota': setQuotaCommand,
    'set-partitions': setPartitionsCommand,
    revoke: revokeCommand,
  },
});
