/** `quietlist pull`: download, verify and install the latest epoch into the local cache. */
import { defineCommand } from 'citty';
import { describeAdditions } from '../../client/additions/held-additions.ts';
import { listCacheDirectory, parseListsArg } from '../../client/additions/list-cache.ts';
import { DEFAULT_CACHE_DIRECTORY } from '../../client/cache/cache-layout.ts';
import { openCachedEpoch } from '../../client/cache/cached-epoch.ts';
import { pull } from '../../client/pull/pull.ts';
import type { PullResult } from '../../client/pull/pull-options.ts';
import type { EpochSource } from '../../client/sources/epoch-source.ts';
import { HttpEpochSource } from '../../client/sources/http-source.ts';
import { isHttpLocation } from '../../client/sources/open-source.ts';
import { StoreEpochSource } from '../../client/sources/store-source.ts';
import { keyForFingerprint } from '../../client/trust/pin-by-fingerprint.ts';
import { DEFAULT_MAX_AGE_DAYS, staleEpochWarning } from '../../client/trust/staleness.ts';
import { loadPublicKeyPin } from '../../config/key-material.ts';
import { DEFAULT_LIST } from '../../core/lists/list-name.ts';
import { listStore } from '../../storage/list-store.ts';
import { apiKeyArgs, apiKeyFromArgs } from '../api-key-args.ts';
import { runGuarded } from '../exit-codes.ts';
import { createProgress } from '../progress.ts';
import { storeArgs, storeFromArgs } from '../store-args.ts';
import { parseNumberArg } from './parse-number-arg.ts';

const { store: _store, ...s3Args } = storeArgs;

/** Options every command reading the cache shares. */
export const cacheArgs = {
  cache: {
    type: 'string',
    description: `The local cache directory (default ${DEFAULT_CACHE_DIRECTORY})`,
    default: DEFAULT_CACHE_DIRECTORY,
  },
  'max-age-days': {
    type: 'string',
    description: `Warn when the cached epoch is older than this (default ${DEFAULT_MAX_AGE_DAYS}, the rescrub period)`,
    default: String(DEFAULT_MAX_AGE_DAYS),
  },
} as const;

/** `--list a,b` of pull, check and scrub. */
export const listArgs = {
  list: {
    type: 'string',
    description:
      'The list(s) to use, comma-separated (default: default, the root list); each has its own cache under --cache/lists/NAME',
  },
} as const;

export function maxAgeDaysArg(text: string): number {
  return parseNumberArg(text, '--max-age-days', { min: 0, max: 3650 });
}

export function warn(message: string): void {
  process.stderr.write(`quietlist: warning: ${message}\n`);
}

export const pullCommand = defineCommand({
  meta: { name: 'pull', description: 'Download and verify the latest signed filters into the local cache' },
  args: {
    from: {
      type: 'string',
      description: 'The worker URL (https://…), or the store: s3://BUCKET/PREFIX or file://DIR',
      required: true,
    },
    'public-key': {
      type: 'string',
      description:
        "The operator's Ed25519 public key (base64 or hex), its fingerprint as the status page shows it (32 hex: the key is then fetched from the worker and must match), or a file holding either; or $QUIETLIST_PUBLIC_KEY",
    },
    keys: { type: 'string', description: 'A keygen directory holding signing.pub (operators)' },
    ...apiKeyArgs,
    repin: {
      type: 'boolean',
      description:
        'Trust --public-key although the cache is pinned to another key (replaces the cached epoch)',
    },
    partitions: {
      type: 'string',
      valueHint: 'list',
      description:
        'Partitioned registers (us-dnc, ca-dncl: area codes): pull only these, e.g. 212,646,718 (default: every one your API key may download)',
    },
    ...cacheArgs,
    ...listArgs,
    ...s3Args,
    json: { type: 'boolean', description: 'Print the result as JSON' },
  },
  run: ({ args }) =>
    runGuarded(async () => {
      const pin = loadPublicKeyPin({ publicKey: args['public-key'], keysDirectory: args.keys });
      const publicKey =
        'key' in pin
          ? pin.key
          : await keyForFingerprint(pin.fingerprint, { from: args.from, cacheDirectory: args.cache });
      const maxAgeDays = maxAgeDaysArg(args['max-age-days']);
      const lists = parseListsArg(args.list);
      const apiKey = isHttpLocation(args.from) ? await apiKeyFromArgs(args) : undefined;
      const reports: Record<string, unknown>[] = [];
      for (const list of lists) {
        const cacheDirectory = listCacheDirectory(args.cache, list);
        const source: EpochSource = isHttpLocation(args.from)
          ? new HttpEpochSource(args.from, { apiKey, list })
          : new StoreEpochSource(listStore(storeFromArgs({ ...args, store: args.from }), list));
        const progress = createProgress('pull');
        try {
          const result = await pull({
            source,
            cacheDirectory,
            list,
            publicKey,
            repin: args.repin ?? false,
            maxAgeDays,
            ...(args.partitions === undefined ? {} : { partitions: [args.partitions] }),
            onProgress: ({ shardsDone, shardsTotal }) =>
              progress.update(`${shardsDone}/${shardsTotal} shards`),
          }).finally(() => progress.done());
          for (const warning of result.warnings) warn(warning);
          reports.push({ ...result, list, cache: cacheDirectory });
          if (!args.json) printPull(result, list, cacheDirectory);
        } catch (error) {
          // The previous epoch stays in place: say whether it is still fit to use.
          const installed = await openCachedEpoch(cacheDirectory).catch(() => null);
          const stale = installed && staleEpochWarning(installed.manifest, new Date(), maxAgeDays);
          if (stale) warn(stale);
          throw error;
        } finally {
          source.close?.();
        }
      }
      if (args.json) {
        const output = lists.length === 1 && lists[0] === DEFAULT_LIST ? reports[0] : { lists: reports };
        process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
      }
    }),
});

function printPull(result: PullResult, list: string, cache: string): void {
  const named = list === DEFAULT_LIST ? '' : `list ${list}: `;
  const { shards } = result;
  process.stdout.write(
    result.status === 'unchanged'
      ? `${named}the cache is up to date: epoch ${result.epoch} (created ${result.createdAt})\n`
      : `${named}installed epoch ${result.epoch} (created ${result.createdAt}) into ${cache}\n` +
          `  ${shards.total} shard(s): ${shards.downloaded} downloaded (${(result.bytesDownloaded / 1e6).toFixed(2)} MB), ${shards.reused} already cached\n` +
          (result.partitions
            ? `  partitions ${result.partitions.length > 12 ? `${result.partitions.slice(0, 12).join(' ')} … (${result.partitions.length})` : result.partitions.join(' ') || 'none'}: checks outside them answer NOT_ENTITLED\n`
            : '') +
          `  manifest sha256 ${result.manifestSha256}, false-positive rate ${result.falsePositiveRate}\n` +
          (result.keyRotation
            ? `  signing key rotated: followed the chain announced from ${result.keyRotation.from} to ${result.keyRotation.to}; the cache is now pinned to ${result.keyRotation.to}\n`
            : ''),
  );
  if (result.additions) process.stdout.write(`  ${describeAdditions(result.additions)}\n`);
}
