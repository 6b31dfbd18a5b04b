/**
 * An epoch built in memory by the real builder, for unit tests of the membership paths (the scrub's
 * classifiers, checkNumbers, by-shard membership) that need real shards but no store: the shards, and
 * only the part of a manifest those paths read.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import { type BuildOptions, type BuildResult, buildFilters } from '../../src/builder/build-filters.ts';
import type { InputRecord } from '../../src/builder/input/record.ts';
import type { KeyedHasher } from '../../src/core/digest/keyed-hash.ts';
import { hashKeyId } from '../../src/core/digest/keyed-hash.ts';
import { toBase64 } from '../../src/core/encoding/base64.ts';
import type { Manifest } from '../../src/core/epoch/manifest.ts';
import { NORMALIZATION_SCHEME } from '../../src/core/phone/normalize.ts';
import type { RegisterRules } from '../../src/core/registers/profile.ts';
import { createNodeHasher } from './node-hasher.ts';

/** What the membership paths read of a manifest: its mode and hash, normalisation and shard prefix. */
export function manifestForMembership(
  hash: Manifest['hash'],
  region: string,
  shardPrefixBits: number,
  register?: RegisterRules,
): Manifest {
  return {
    epoch: 'e',
    mode: hash.scheme === 'hmac-sha256' ? 'open' : 'oprf',
    hash,
    normalization: { defaultRegion: region, scheme: NORMALIZATION_SCHEME },
    filter: { shardPrefixBits },
    ...(register ? { register } : {}),
  } as unknown as Manifest;
}

/** An open-mode epoch's hash descriptor: HMAC-SHA-256 under `key`, published with it. */
export function openHash(key: Uint8Array): Manifest['hash'] {
  return { scheme: 'hmac-sha256', keyId: hashKeyId(key), key: toBase64(key) } as Manifest['hash'];
}

export interface EpochInMemory {
  built: BuildResult;
  manifest: Manifest;
  /** The shard files, in manifest order. */
  shards: Uint8Array[];
}

export interface EpochInMemoryOptions {
  region?: CountryCode;
  /** An open-mode epoch under this key (hashed with node:crypto, as a reader would)... */
  key?: Uint8Array;
  /** ...or any hasher, with the manifest's hash descriptor for it (an oprf epoch's). */
  hasher?: { hasher: KeyedHasher; hash: Manifest['hash'] };
  falsePositiveRate?: number;
  shardMaxBytes?: number;
  register?: RegisterRules;
  extraDigests?: BuildOptions['extraDigests'];
}

/** Builds `rows` (values, one a line, or batches of input records) into an epoch held in memory. */
export async function epochInMemory(
  rows: readonly string[] | AsyncIterable<InputRecord[]>,
  options: EpochInMemoryOptions,
): Promise<EpochInMemory> {
  const region = options.region ?? 'FR';
  const keyed = options.hasher ?? { hasher: createNodeHasher(options.key!), hash: openHash(options.key!) };
  const values = rows as readonly string[];
  const batches = Symbol.asyncIterator in rows ? (rows as AsyncIterable<InputRecord[]>) : oneBatch(values);
  const built = await buildFilters(batches, {
    region,
    hasher: keyed.hasher,
    falsePositiveRate: options.falsePositiveRate ?? 1e-6,
    ...(options.shardMaxBytes ? { shardMaxBytes: options.shardMaxBytes } : {}),
    ...(options.register?.scopes ? { scopes: options.register.scopes } : {}),
    ...(options.extraDigests ? { extraDigests: options.extraDigests } : {}),
  });
  return {
    built,
    manifest: manifestForMembership(keyed.hash, region, built.shardPrefixBits, options.register),
    shards: built.shards.map((shard) => shard.read()),
  };
}

async function* oneBatch(values: readonly string[]): AsyncGenerator<InputRecord[]> {
  yield values.map((phone, i) => ({ line: i + 1, phone }));
}
