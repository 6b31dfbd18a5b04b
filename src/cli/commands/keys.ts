/**
 * `quietlist keys add|list|revoke`: API subscribers, stored as `subscribers/<id>.json` in the same
 * store the API serves (docs/API.md, "Storage schema"). The key is printed once by `add` and never
 * stored: only its SHA-256. Running APIs see a change within their subscriber cache time (60 s).
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
} from '../../api/subscribers.ts';
import { QuietlistError } from '../../core/errors.ts';
import { runGuarded } from '../exit-codes.ts';
import { storeArgs, storeFromArgs } from '../store-args.ts';

const DEFAULT_DAILY_QUOTA = 100_000;

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

function parseQuota(text: string): number {
  const quota = Number(text);
  if (!Number.isSafeInteger(quota) || quota < 0) {
    throw new QuietlistError(
      'INVALID_ARGUMENT',
      '--daily-quota must be a whole number of phone numbers per day',
    );
  }
  return quota;
}

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
    'daily-quota': {
      type: 'string',
      description: 'Phone numbers checked per UTC day',
      default: String(DEFAULT_DAILY_QUOTA),
    },
    json: { type: 'boolean', description: 'Print the result as JSON' },
  },
  run: ({ args }) =>
    runGuarded(async () => {
      const name = args.name.trim();
      if (name === '' || name.length > 200)
        throw new QuietlistError('INVALID_ARGUMENT', '--name must be 1 to 200 characters');
      const store = storeFromArgs(args);
      const { id, key } = generateApiKey();
      const record: SubscriberRecord = {
        version: 1,
        id,
        name,
        keyHash: await hashApiKey(key),
        scopes: parseScopes(args.scopes),
        dailyQuota: parseQuota(args['daily-quota']),
        createdAt: new Date().toISOString(),
        revokedAt: null,
      };
      await writeSubscriber(store, record, { create: true });
      if (args.json) {
        process.stdout.write(
          `${JSON.stringify({ id, key, scopes: record.scopes, dailyQuota: record.dailyQuota })}\n`,
        );
      } else {
        process.stdout.write(
          `subscriber ${id} (${name}) added to ${store.description}\n` +
            `  scopes ${record.scopes.join(', ')}, ${record.dailyQuota} numbers per day\n` +
            `  API key (shown once, only its SHA-256 is stored):\n${key}\n`,
        );
      }
    }),
});

const listCommand = defineCommand({
  meta: { name: 'list', description: 'List subscribers (never their keys)' },
  args: { ...storeArgs, json: { type: 'boolean', description: 'Print JSON lines' } },
  run: ({ args }) =>
    runGuarded(async () => {
      const records = await listSubscribers(storeFromArgs(args));
      for (const { keyHash: _hidden, ...record } of records) {
        if (args.json) {
          process.stdout.write(`${JSON.stringify(record)}\n`);
        } else {
          const state = record.revokedAt ? `revoked ${record.revokedAt}` : 'active';
          process.stdout.write(
            `${record.id}  ${state}  ${record.scopes.join(',')}  ${record.dailyQuota}/day  ${record.createdAt}  ${record.name}\n`,
          );
        }
      }
      if (!args.json && records.length === 0) process.stdout.write('no subscribers\n');
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
  subCommands: { add: addCommand, list: listCommand, revoke: revokeCommand },
});
