/**
 * `check --list a,b`, from the pulled caches (the default) or straight from a store (`--store`,
 * operators): each list opened and verified with its live additions (the cache's `additions.json`, or
 * the store's batches, each verified), the scope each answers for (core/scopes/list-scopes.ts: a
 * scoped list for the codes it declares, an unscoped one for every scope), each list's answer, and
 * one answer per number (core/lists/combined-answer.ts): the same rules as POST /v1/check.
 */
import { openHeldAdditions } from '../../client/additions/held-additions.ts';
import { listCacheDirectory } from '../../client/additions/list-cache.ts';
import { storeAdditions } from '../../client/additions/store-additions.ts';
import { cachedShardLoader, openCachedEpoch } from '../../client/cache/cached-epoch.ts';
import { operatorOprfHasher, oprfHasherFor } from '../../client/oprf/oprf-check.ts';
import { epochWarnings } from '../../client/scrub/scrub.ts';
import { readLatestSignedManifest, storeShardLoader } from '../../client/sources/store-epoch.ts';
import { loadHashKey, loadListSeed, loadOprfKey, loadPublicKey } from '../../config/key-material.ts';
import type { AdditionsStatus } from '../../core/additions/additions-chain.ts';
import type { Manifest } from '../../core/epoch/manifest.ts';
import { listHashKey, listOprfKeyInfo } from '../../core/lists/list-keys.ts';
import { DEFAULT_LIST } from '../../core/lists/list-name.ts';
import {
  type CheckResult,
  checkNumbers,
  epochMembership,
  type MembershipKeys,
  withAdditions,
} from '../../core/membership.ts';
import { epochRules } from '../../core/registers/epoch-rules.ts';
import { scopesOfLists } from '../../core/scopes/list-scopes.ts';
import type { ScopeQuery } from '../../core/scopes/scope-labels.ts';
import { createOprfBackend } from '../../oprf/backend.ts';
import { listStore } from '../../storage/list-store.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { apiKeyFromArgs } from '../api-key-args.ts';
import { maxAgeDaysArg, warn } from './pull.ts';

/** One list's answer to the numbers: its epoch, its additions, the scope and partitions it answered for. */
export interface ListAnswer {
  list: string;
  epoch: string;
  falsePositiveRate: number;
  results: CheckResult[];
  additions: AdditionsStatus | null;
  /** Scoped epochs: the channel and sector the answers are for. */
  scope?: ScopeQuery;
  /** Partitioned epochs checked from the cache: the partitions held (others answer NOT_ENTITLED). */
  partitions?: readonly string[];
}

/** A list opened and verified, answering once the scope it answers for is known. */
interface OpenedList {
  list: string;
  manifest: Manifest;
  answer(scope: ScopeQuery | undefined): Promise<ListAnswer>;
}

/** Each list's answer, in order, for the scope asked (`--channel`, `--sector`). */
export async function answerLists(
  opened: readonly OpenedList[],
  asked: { channel?: string; sector?: string },
): Promise<ListAnswer[]> {
  const scopes = scopesOfLists(
    opened.map(({ list, manifest }) => {
      const rules = epochRules(manifest);
      return { list, scopes: rules.scopes, register: `${rules.name} (${rules.id})` };
    }),
    asked,
  );
  const answers: ListAnswer[] = [];
  for (const [i, list] of opened.entries()) answers.push(await list.answer(scopes[i]));
  return answers;
}

export interface CacheCheckArgs {
  cache: string;
  'max-age-days': string;
  keys: string;
  'public-key'?: string;
  'hash-key'?: string;
  'list-seed'?: string;
  worker?: string;
  'api-key-file'?: string;
}

/** The lists' pulled epochs and cached additions (an oprf list's numbers evaluated by `--worker`). */
export async function openCachedLists(
  numbers: readonly string[],
  lists: readonly string[],
  args: CacheCheckArgs,
): Promise<OpenedList[]> {
  const opened: OpenedList[] = [];
  const now = new Date();
  for (const list of lists) {
    const cacheDirectory = listCacheDirectory(args.cache, list);
    const epoch = await openCachedEpoch(cacheDirectory, {
      publicKey: args['public-key'] ? loadPublicKey({ publicKey: args['public-key'] }) : undefined,
    });
    const { manifest } = epoch;
    for (const warning of epochWarnings(manifest, now, maxAgeDaysArg(args['max-age-days']))) warn(warning);
    const additions = await openHeldAdditions(epoch, now);
    for (const warning of additions.warnings) warn(warning);
    const held = epoch.pointer.partitions;
    opened.push({
      list,
      manifest,
      answer: async (scope) => {
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
            : // Open: the manifest's key; secret (operators): the list's own, derived for lists but default.
              await operatorKeys(manifest, list, args);
        const membership = withAdditions(epochMembership(manifest, keys, undefined, options), additions.set);
        return {
          list,
          epoch: manifest.epoch,
          falsePositiveRate: manifest.filter.falsePositiveRate,
          results: await checkNumbers(membership, [...numbers], cachedShardLoader(epoch)),
          additions: additions.status,
          ...(scope ? { scope } : {}),
          ...(held ? { partitions: held } : {}),
        };
      },
    });
  }
  return opened;
}

export interface StoreCheckArgs {
  keys: string;
  'public-key'?: string;
  'hash-key'?: string;
  'oprf-key'?: string;
  'list-seed'?: string;
}

/**
 * The lists' latest epochs straight from a store, each under its prefix (`lists/<name>/`, the root list
 * at the root) and refused if its signed manifest names another list, with the live additions the
 * store holds for it; keyed with the operator's keys: the default list's hash or OPRF key (`--hash-key`,
 * `--oprf-key`, or --keys), the others' derived from the list seed as `build --list` derives them.
 */
export async function openStoreLists(
  store: ObjectStore,
  numbers: readonly string[],
  lists: readonly string[],
  args: StoreCheckArgs,
): Promise<OpenedList[]> {
  const publicKey = loadPublicKey({ keysDirectory: args.keys, publicKey: args['public-key'] });
  const opened: OpenedList[] = [];
  for (const list of lists) {
    const view = listStore(store, list);
    const { manifest } = await readLatestSignedManifest(view, publicKey, Date.now(), list);
    const keys = await operatorKeys(manifest, list, args);
    const additions = await storeAdditions(view, manifest);
    opened.push({
      list,
      manifest,
      answer: async (scope) => {
        const keyed = epochMembership(manifest, keys, undefined, scope ? { scope } : {});
        const membership = additions ? withAdditions(keyed, additions.set) : keyed;
        return {
          list,
          epoch: manifest.epoch,
          falsePositiveRate: manifest.filter.falsePositiveRate,
          results: await checkNumbers(membership, [...numbers], storeShardLoader(view, manifest)),
          additions: additions?.status ?? null,
          ...(scope ? { scope } : {}),
        };
      },
    });
  }
  return opened;
}

/** The keys an operator checks `list`'s epoch with: the default list's own, or derived from the list seed. */
async function operatorKeys(
  manifest: Manifest,
  list: string,
  args: Parameters<typeof keySources>[0],
): Promise<MembershipKeys> {
  if (manifest.mode === 'open') return {}; // its hash key is in the signed manifest
  const sources = keySources(args);
  const seed = list === DEFAULT_LIST ? undefined : loadListSeed(sources);
  if (manifest.mode === 'oprf') {
    const backend = await createOprfBackend({ prefer: 'fast' });
    const secretKey = seed
      ? backend.deriveKeyPair(seed, listOprfKeyInfo(seed, list)).secretKey
      : loadOprfKey(sources);
    return { oprfOutputs: operatorOprfHasher(backend, secretKey, manifest) };
  }
  return { hashKey: seed ? listHashKey(seed, list) : loadHashKey(sources) };
}

function keySources(args: { keys: string; 'hash-key'?: string; 'oprf-key'?: string; 'list-seed'?: string }) {
  return {
    keysDirectory: args.keys,
    hashKeyFile: args['hash-key'],
    oprfKeyFile: args['oprf-key'],
    listSeedFile: args['list-seed'],
  };
}
