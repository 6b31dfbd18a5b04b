/**
 * `quietlist check NUMBER...`: listed / not listed / invalid for each number. Three places to ask:
 *   default     the epoch pulled into the local cache (nothing leaves the machine)
 *   --store     the latest epoch of a store (operators)
 *   --online    the worker's POST /v1/check (secret-mode epochs; the numbers are sent)
 */
import { defineCommand } from 'citty';
import { describeAdditions, openHeldAdditions } from '../../client/additions/held-additions.ts';
import { listCacheDirectory, parseListsArg } from '../../client/additions/list-cache.ts';
import { storeAdditions } from '../../client/additions/store-additions.ts';
import { cachedShardLoader, openCachedEpoch } from '../../client/cache/cached-epoch.ts';
import { checkOnline } from '../../client/online/online-check.ts';
import { operatorOprfHasher, oprfHasherFor } from '../../client/oprf/oprf-check.ts';
import { epochWarnings } from '../../client/scrub/scrub.ts';
import { readLatestSignedManifest, storeShardLoader } from '../../client/sources/store-epoch.ts';
import { loadHashKey, loadOprfKey, loadPublicKey } from '../../config/key-material.ts';
import type { AdditionsStatus } from '../../core/additions/additions-chain.ts';
import type { Manifest } from '../../core/epoch/manifest.ts';
import { QuietlistError } from '../../core/errors.ts';
import { DEFAULT_LIST } from '../../core/lists/list-name.ts';
import {
  type CheckResult,
  checkNumbers,
  epochMembership,
  type MembershipKeys,
  withAdditions,
} from '../../core/membership.ts';
import { describeScope, type ScopeQuery } from '../../core/scopes/scope-labels.ts';
import { createOprfBackend } from '../../oprf/backend.ts';
import { apiKeyArgs, apiKeyFromArgs } from '../api-key-args.ts';
import { EXIT, runGuarded } from '../exit-codes.ts';
import { scopeArgs, scopeFromArgs } from '../scope-args.ts';
import { storeArgs, storeFromArgs } from '../store-args.ts';
import { cacheArgs, listArgs, maxAgeDaysArg, warn } from './pull.ts';

interface Answer {
  epoch: string;
  falsePositiveRate: number | undefined;
  results: ListedResult[];
  /** From the cache: each list checked, its epoch and the live additions it answered with. */
  lists?: { list: string; epoch: string; additions: AdditionsStatus | null }[];
  /** Scoped epochs: the channel and sector the answers are for. */
  scope?: ScopeQuery;
  /** Partitioned epochs checked from the cache: the partitions held (others answer NOT_ENTITLED). */
  partitions?: readonly string[];
}

/** A result, with the lists that hold the number when several were checked. */
type ListedResult = CheckResult & { lists?: string[] };

export const checkCommand = defineCommand({
  meta: {
    name: 'check',
    description:
      'Check numbers against the pulled filter (default), a store (--store) or the worker (--online)',
  },
  args: {
    numbers: {
      type: 'positional',
      description: 'Phone numbers, in any spelling',
      required: true,
      variadic: true, // strict-args.ts: every positional is a number
    },
    ...cacheArgs,
    ...listArgs,
    ...storeArgs,
    store: {
      ...storeArgs.store,
      default: undefined,
      description: `${storeArgs.store.description}; operators`,
    },
    online: {
      type: 'string',
      valueHint: 'url',
      description: "The worker's URL: send the numbers to its /v1/check",
    },
    worker: {
      type: 'string',
      valueHint: 'url',
      description:
        "oprf-mode epochs: the worker's URL, which evaluates each number blinded (it never sees them)",
    },
    ...scopeArgs,
    ...apiKeyArgs,
    'oprf-key': { type: 'string', description: 'OPRF key file, for operators checking an oprf-mode store' },
    keys: {
      type: 'string',
      description: 'Directory of keygen files (public key; hash key for secret mode)',
      default: '.quietlist/keys',
    },
    'public-key': { type: 'string', description: "The operator's public key (base64) or a file holding it" },
    'hash-key': { type: 'string', description: 'Hash key file, for epochs built in secret mode' },
    json: { type: 'boolean', description: 'Print JSON' },
  },
  run: ({ args }) =>
    runGuarded(async () => {
      const numbers = args._.length > 0 ? args._ : [args.numbers];
      if (numbers.length === 0) throw new QuietlistError('INVALID_ARGUMENT', 'give at least one number');
      if (args.online !== undefined && args.store !== undefined) {
        throw new QuietlistError('INVALID_ARGUMENT', 'give --online or --store, not both');
      }
      if (args.list !== undefined && (args.online !== undefined || args.store !== undefined)) {
        throw new QuietlistError(
          'INVALID_ARGUMENT',
          '--list reads the pulled lists: for the worker, POST /v1/check with "lists" (docs/API.md)',
        );
      }
      const answer =
        args.online !== undefined
          ? await checkWorker(numbers, args.online, await apiKeyFromArgs(args), args)
          : args.store !== undefined
            ? await checkStore(numbers, { ...args, store: args.store })
            : await checkCache(numbers, args);
      print(numbers, answer, args.json ?? false);
      return answer.results.some((result) => result.status === 'invalid') ? EXIT.data : EXIT.ok;
    }),
});

async function checkWorker(
  numbers: string[],
  url: string,
  key: string | undefined,
  args: { channel?: string; sector?: string },
): Promise<Answer> {
  if (!key)
    throw new QuietlistError(
      'INVALID_CONFIG',
      '--online needs an API key: $QUIETLIST_API_KEY or --api-key-file FILE',
    );
  // The worker knows the epoch's channels and sectors: it checks the codes (400 INVALID_SCOPE).
  const scope =
    args.channel !== undefined || args.sector !== undefined
      ? { channel: args.channel ?? null, sector: args.sector ?? null }
      : undefined;
  const report = await checkOnline(numbers, {
    url,
    apiKey: key,
    ...(scope ? { scope } : {}),
    hooks: {
      onRetry: ({ what, delayMs, reason }) =>
        warn(`${what}: ${reason}, retrying in ${Math.ceil(delayMs / 1000)} s`),
    },
  });
  if (report.epochs.length > 1)
    warn(`the worker moved to a new epoch during the check: ${report.epochs.join(', ')}`);
  return {
    epoch: report.epochs.at(-1) ?? '',
    falsePositiveRate: report.falsePositiveRate,
    results: report.results,
    ...(report.scope ? { scope: report.scope } : {}),
  };
}

async function checkStore(
  numbers: string[],
  args: Parameters<typeof storeFromArgs>[0] & {
    keys: string;
    'public-key'?: string;
    'hash-key'?: string;
    'oprf-key'?: string;
    channel?: string;
    sector?: string;
  },
): Promise<Answer> {
  const store = storeFromArgs(args);
  const { manifest } = await readLatestSignedManifest(
    store,
    loadPublicKey({ keysDirectory: args.keys, publicKey: args['public-key'] }),
  );
  const keys: MembershipKeys =
    manifest.mode === 'oprf'
      ? {
          oprfOutputs: operatorOprfHasher(
            await createOprfBackend({ prefer: 'fast' }),
            loadOprfKey({ keysDirectory: args.keys, oprfKeyFile: args['oprf-key'] }),
            manifest,
          ),
        }
      : { hashKey: secretKeyFor(manifest, args) };
  // A live list: its additions since the build, from the store (verified), on top of the filter.
  const additions = await storeAdditions(store, manifest);
  const scope = scopeFromArgs(manifest, args);
  const keyed = epochMembership(manifest, keys, undefined, scope ? { scope } : {});
  const membership = additions ? withAdditions(keyed, additions) : keyed;
  const results = await checkNumbers(membership, numbers, storeShardLoader(store, manifest));
  return {
    epoch: manifest.epoch,
    falsePositiveRate: manifest.filter.falsePositiveRate,
    results,
    ...(scope ? { scope } : {}),
  };
}

async function checkCache(
  numbers: string[],
  args: {
    cache: string;
    list?: string;
    'max-age-days': string;
    keys: string;
    'public-key'?: string;
    'hash-key'?: string;
    worker?: string;
    'api-key-file'?: string;
    channel?: string;
    sector?: string;
  },
): Promise<Answer> {
  const lists = parseListsArg(args.list);
  const answers: Answer[] = [];
  for (const list of lists) answers.push(await checkCachedList(numbers, list, args));
  if (lists.length === 1) return answers[0]!;
  // Listed when any list holds the number (each names the lists that do); otherwise the first list's answer.
  const results = numbers.map((_, i): ListedResult => {
    const holding = lists.filter((_, l) => answers[l]!.results[i]!.status === 'listed');
    return holding.length > 0 ? { status: 'listed', lists: holding } : answers[0]!.results[i]!;
  });
  return {
    epoch: answers.map((answer) => answer.epoch).join(', '),
    falsePositiveRate: answers.reduce((sum, answer) => sum + (answer.falsePositiveRate ?? 0), 0),
    results,
    lists: answers.flatMap((answer) => answer.lists ?? []),
  };
}

async function checkCachedList(
  numbers: string[],
  list: string,
  args: Parameters<typeof checkCache>[1],
): Promise<Answer> {
  const cacheDirectory = listCacheDirectory(args.cache, list);
  const epoch = await openCachedEpoch(cacheDirectory, {
    publicKey: args['public-key'] ? loadPublicKey({ publicKey: args['public-key'] }) : undefined,
  });
  const { manifest } = epoch;
  const now = new Date();
  for (const warning of epochWarnings(manifest, now, maxAgeDaysArg(args['max-age-days']))) warn(warning);
  const additions = await openHeldAdditions(epoch, now);
  for (const warning of additions.warnings) warn(warning);
  const scope = scopeFromArgs(manifest, args);
  const held = epoch.pointer.partitions;
  const options = {
    ...(scope ? { scope } : {}),
    ...(held ? { partitions: new Set(held) } : {}),
  };
  const keys: MembershipKeys =
    manifest.mode === 'oprf'
      ? {
          oprfOutputs: await oprfHasherFor(numbers, {
            manifest,
            membershipOptions: options,
            cacheDirectory,
            url: args.worker,
            list,
            // Read only when the worker is asked (an oprf epoch): a file or stdin is then needed.
            apiKey: args.worker === undefined ? undefined : await apiKeyFromArgs(args),
          }),
        }
      : { hashKey: secretKeyFor(manifest, args) };
  const membership = withAdditions(epochMembership(manifest, keys, undefined, options), additions.set);
  const results = await checkNumbers(membership, numbers, cachedShardLoader(epoch));
  return {
    epoch: manifest.epoch,
    falsePositiveRate: manifest.filter.falsePositiveRate,
    results,
    lists: [{ list, epoch: manifest.epoch, additions: additions.status }],
    ...(scope ? { scope } : {}),
    ...(held ? { partitions: held } : {}),
  };
}

function secretKeyFor(
  manifest: Manifest,
  args: { keys: string; 'hash-key'?: string },
): Uint8Array | undefined {
  return manifest.mode === 'secret'
    ? loadHashKey({ keysDirectory: args.keys, hashKeyFile: args['hash-key'] })
    : undefined;
}

function print(numbers: string[], answer: Answer, json: boolean): void {
  if (json) {
    const output = {
      epoch: answer.epoch,
      falsePositiveRate: answer.falsePositiveRate,
      ...(answer.scope ? { scope: answer.scope } : {}),
      ...(answer.partitions ? { partitions: answer.partitions } : {}),
      results: answer.results.map((result, i) => ({ input: i, ...result })),
      ...(answer.lists && !isDefaultOnly(answer) ? { lists: answer.lists } : {}),
    };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    return;
  }
  // Echoing the caller's own numbers back to the caller's terminal is the point of this command.
  answer.results.forEach((result, i) => {
    const verdict =
      result.status === 'invalid'
        ? `invalid (${result.message})`
        : result.status === 'listed'
          ? `LISTED: do not call${result.lists ? ` (${result.lists.join(', ')})` : ''}`
          : 'not listed';
    process.stdout.write(`${numbers[i]}\t${verdict}\n`);
  });
  if (answer.lists && !isDefaultOnly(answer)) {
    for (const list of answer.lists) {
      process.stdout.write(`list ${list.list}: epoch ${list.epoch}, ${describeAdditions(list.additions)}\n`);
    }
    return;
  }
  process.stdout.write(
    `epoch ${answer.epoch}, false-positive rate ${answer.falsePositiveRate ?? 'unknown'}` +
      `${answer.scope ? `, checked for ${describeScope(answer.scope)}` : ''}` +
      `${answer.partitions ? `, partitions held ${answer.partitions.join(' ')}` : ''}\n`,
  );
  const additions = answer.lists?.[0]?.additions;
  if (additions) process.stdout.write(`${describeAdditions(additions)}\n`);
}

/** The root list alone, not live: the output stays what it was before lists existed. */
function isDefaultOnly(answer: Answer): boolean {
  return answer.lists?.length === 1 && answer.lists[0]!.list === DEFAULT_LIST && !answer.lists[0]!.additions;
}
