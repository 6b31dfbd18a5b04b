/**
 * The installed epoch of a cache, as `check` and `scrub` use it: the manifest re-verified (against the
 * key given now, else the key it was pulled with) and shards verified against it as they are loaded,
 * so a file damaged on disk is an error, never a silent "not listed".
 */
import {
  type Manifest,
  manifestSha256,
  type SignedManifest,
  verifySignedManifest,
} from '../../core/epoch/manifest.ts';
import { positionsOf } from '../../core/epoch/shard-layout.ts';
import { FormatError, QuietlistError } from '../../core/errors.ts';
import type { BloomFilter } from '../../core/filter/bloom-filter.ts';
import { shardEntry, shardMissing, verifyShard } from '../../core/filter/shard-verifier.ts';
import type { ShardLoader } from '../../core/membership.ts';
import { assertSchemeApplies } from '../../core/phone/normalize.ts';
import { MAX_MANIFEST_BYTES } from '../http/download-limits.ts';
import { nodeSha256Hex } from '../node-sha256.ts';
import { openCacheFile, readCacheFile } from './cache-files.ts';
import { CacheLayout, type CurrentPointer, pinFollows, readCurrentPointer } from './cache-layout.ts';

export interface CachedEpoch {
  layout: CacheLayout;
  pointer: CurrentPointer;
  manifest: Manifest;
  manifestSha256: string;
  /** Fingerprint of the key the manifest was verified with. */
  keyFingerprint: string;
  /** The key itself, and manifest.json as verified (a receipt embeds both). */
  publicKey: Uint8Array;
  signed: SignedManifest;
}

export async function openCachedEpoch(
  cacheDirectory: string,
  options: { publicKey?: Uint8Array } = {},
): Promise<CachedEpoch> {
  const layout = new CacheLayout(cacheDirectory);
  const pointer = await readCurrentPointer(layout);
  if (!pointer) {
    throw new QuietlistError(
      'NOT_FOUND',
      `no epoch in the cache ${layout.root} yet: run \`quietlist pull --from <worker URL or store> --public-key <key>\` first`,
    );
  }
  const path = layout.epochFile(pointer.epoch, 'manifest.json');
  const bytes = await readCacheFile(path, MAX_MANIFEST_BYTES).catch((error: unknown) => {
    if (error instanceof QuietlistError) throw error; // a link or an oversized file: refused as such
    throw new FormatError(
      `the cache pointer names epoch ${pointer.epoch}, but ${path} is missing`,
      'MANIFEST_INVALID',
    );
  });
  // A key the cache followed a rotation from means its current pin (pull verified the chain).
  const given = options.publicKey;
  const key =
    given && !pinFollows(pointer, Buffer.from(given).toString('base64'))
      ? given
      : Buffer.from(pointer.publicKey, 'base64');
  const signed = verifySignedManifest(new Uint8Array(bytes), key);
  assertSchemeApplies(signed.manifest);
  const sha = manifestSha256(signed.manifest);
  if (sha !== pointer.manifestSha256 || signed.manifest.epoch !== pointer.epoch) {
    throw new FormatError(
      `the cached manifest of epoch ${pointer.epoch} does not match the cache pointer`,
      'MANIFEST_INVALID',
    );
  }
  return {
    layout,
    pointer,
    manifest: signed.manifest,
    manifestSha256: sha,
    keyFingerprint: signed.signature.keyFingerprint,
    publicKey: new Uint8Array(key),
    signed,
  };
}

/** Loads and verifies shards on demand (check touches only the shards its numbers fall in). */
export function cachedShardLoader(epoch: CachedEpoch): ShardLoader {
  return async (index: number): Promise<BloomFilter> => {
    const bytes = await readShardFile(epoch, index, false);
    return verifyShard(epoch.manifest, index, bytes, nodeSha256Hex);
  };
}

/** The partitions the cache holds of a partitioned epoch (the pull's selection), or undefined: all. */
export function heldPartitions(epoch: CachedEpoch): ReadonlySet<string> | undefined {
  return epoch.pointer.partitions ? new Set(epoch.pointer.partitions) : undefined;
}

/**
 * Every shard held in shared memory, verified, by manifest position (holes: partitions not pulled):
 * hashing worker threads then read the one copy of the filter (a 900 MB filter is not duplicated per
 * thread).
 */
export async function loadSharedShards(epoch: CachedEpoch): Promise<(Uint8Array | undefined)[]> {
  const shards: (Uint8Array | undefined)[] = new Array(epoch.manifest.shards.length);
  for (const index of positionsOf(epoch.manifest, heldPartitions(epoch))) {
    const bytes = await readShardFile(epoch, index, true);
    await verifyShard(epoch.manifest, index, bytes, nodeSha256Hex);
    shards[index] = bytes;
  }
  return shards;
}

async function readShardFile(epoch: CachedEpoch, index: number, shared: boolean): Promise<Uint8Array> {
  const entry = shardEntry(epoch.manifest, index);
  const path = epoch.layout.epochFile(epoch.manifest.epoch, entry.path);
  const handle = await openCacheFile(path, 'read').catch((error: unknown) => {
    if (error instanceof QuietlistError) throw error; // a link: refused (cache-files.ts)
    throw shardMissing(epoch.manifest, entry, 'pull again');
  });
  try {
    const { size } = await handle.stat();
    if (size !== entry.bytes) {
      throw new FormatError(
        `shard ${entry.path} of the cached epoch ${epoch.manifest.epoch} has the wrong size: pull again`,
        'CHECKSUM_MISMATCH',
      );
    }
    const bytes = new Uint8Array(shared ? new SharedArrayBuffer(size) : new ArrayBuffer(size));
    for (let offset = 0; offset < size; ) {
      const { bytesRead } = await handle.read(bytes, offset, size - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    return bytes;
  } finally {
    await handle.close();
  }
}
