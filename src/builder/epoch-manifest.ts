/**
 * The manifest of a new epoch (docs/FORMAT.md §3), from what the build made: its shards with their
 * deltas, its geometry (kept from the previous epoch, or new since this one), its counts, and the rules
 * it was built under. Signing and publishing it are the caller's (run-build.ts).
 */
import type { CountryCode } from 'libphonenumber-js/min';
import { toBase64 } from '../core/encoding/base64.ts';
import type { Manifest } from '../core/epoch/manifest.ts';
import type { EpochPointer, LegacyPointer } from '../core/epoch/pointer.ts';
import { shardGroupOf } from '../core/epoch/shard-layout.ts';
import { DEFAULT_LIST } from '../core/lists/list-name.ts';
import {
  NORMALIZATION_LIBRARY,
  NORMALIZATION_SCHEME,
  NORMALIZATION_VERSION,
} from '../core/phone/normalize.ts';
import type { RegisterRules } from '../core/registers/profile.ts';
import type { BuildResult } from './build-filters.ts';
import type { HashMode } from './build-hashing.ts';
import type { ValidityRule } from './input/registration-validity.ts';
import type { ShardDelta } from './shard-deltas.ts';

export interface EpochParts {
  epoch: string;
  /** The list the epoch is of (`default`: not named in the manifest). */
  list: string;
  now: Date;
  /** The pointer the build started from, and the manifest it names (null: the first epoch). */
  latest: EpochPointer | LegacyPointer | null;
  previous: Manifest | null;
  mode: HashMode;
  hash: Manifest['hash'];
  region: CountryCode;
  falsePositiveRate: number;
  built: BuildResult;
  deltas: ShardDelta[];
  validity?: ValidityRule;
  /** Signing-key rotation: the successor public key announced. */
  announceNextKey?: Uint8Array;
  register?: RegisterRules;
  /** A live list's folded additions (docs/FORMAT.md §14.3). */
  additions?: Manifest['additions'];
}

export function epochManifest(parts: EpochParts): Manifest {
  const { built, deltas, epoch, latest, list, previous } = parts;
  const shardEntries = built.shards.map((shard) => ({
    ...(shard.partition === null ? {} : { partition: shard.partition }),
    index: shard.index,
    path: shard.path,
    bytes: shard.bytes,
    entries: shard.entries,
    bitCount: shard.bitCount,
    hashCount: shard.hashCount,
    // Hashed where the shard was filled (node:crypto, in place, on that thread): WebCrypto copies its
    // input, and 64 shards hashed at once held a second filter in memory at national scale.
    sha256: shard.sha256,
  }));

  return {
    format: 'quietlist-manifest',
    version: 1,
    ...(list === DEFAULT_LIST ? {} : { list }),
    epoch,
    createdAt: parts.now.toISOString(),
    previous: latest ? { epoch: latest.epoch, manifestSha256: latest.manifestSha256 } : null,
    mode: parts.mode,
    hash: parts.hash,
    normalization: {
      library: NORMALIZATION_LIBRARY,
      version: NORMALIZATION_VERSION,
      scheme: NORMALIZATION_SCHEME,
      defaultRegion: parts.region,
    },
    filter: {
      type: 'bloom',
      formatVersion: 1,
      indexScheme: 'edh32',
      falsePositiveRate: parts.falsePositiveRate,
      ...(built.partitions
        ? {}
        : {
            shardPrefixBits: built.shardPrefixBits,
            geometrySince:
              built.geometry.kept && previous ? (previous.filter.geometrySince ?? previous.epoch) : epoch,
          }),
    },
    ...(built.partitions
      ? {
          partitions: built.partitions.map((group) => ({
            id: group.partition,
            shardPrefixBits: group.shardPrefixBits,
            geometrySince:
              group.kept && previous
                ? (shardGroupOf(previous, group.partition)?.geometrySince ?? previous.epoch)
                : epoch,
          })),
        }
      : {}),
    shards: shardEntries.map((entry) => {
      const delta = deltas.find(
        (candidate) => candidate.index === entry.index && candidate.partition === (entry.partition ?? null),
      );
      return delta
        ? {
            ...entry,
            delta: { from: delta.from, path: delta.path, bytes: delta.bytes, sha256: delta.sha256 },
          }
        : entry;
    }),
    counts: {
      rows: built.counts.rows,
      accepted: built.counts.accepted,
      rejected: built.counts.rejected,
      duplicates: built.counts.duplicates,
      expired: built.counts.expired,
      entries: built.counts.entries,
    },
    // Only a rule that was applied: no row with a date means nothing was filtered by date.
    validity: parts.validity && built.counts.datedRows > 0 ? parts.validity : null,
    ...(parts.announceNextKey ? { signing: { next: toBase64(parts.announceNextKey) } } : {}),
    ...(parts.register ? { register: parts.register } : {}),
    ...(parts.additions ? { additions: parts.additions } : {}),
  };
}
