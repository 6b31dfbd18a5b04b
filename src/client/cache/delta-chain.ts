/**
 * Patching cached shards with deltas for `pull` (docs/CLIENT.md, "Nightly deltas"): the chain logic is
 * core/epoch/delta-chain.ts, shared with the scrub page; this binds it to the epoch source and the cache's files.
 */
import { patchAlongChain, readDeltaChain } from '../../core/epoch/delta-chain.ts';
import type { Manifest } from '../../core/epoch/manifest.ts';
import { StorageError } from '../../core/errors.ts';
import { nodeSha256Hex } from '../node-sha256.ts';
import type { EpochSource } from '../sources/epoch-source.ts';
import { readCacheFile } from './cache-files.ts';

export interface DeltaChain {
  /** The installed manifest, then every manifest after it up to the new one. */
  manifests: Manifest[];
  /** Local files of the installed epoch's shards, by position in its manifest (holes: not pulled). */
  installedPaths: (string | undefined)[];
}

/** The manifests from the installed epoch to `latest` through `source` (core/epoch/delta-chain.ts), or null. */
export function readSourceDeltaChain(
  source: EpochSource,
  installed: Manifest,
  latest: Manifest,
  keys: Uint8Array[],
): Promise<Manifest[] | null> {
  const fetchManifest = async (epoch: string) => {
    const bytes = await source.manifest(epoch);
    if (!bytes) throw new StorageError('NOT_FOUND', `the manifest of epoch ${epoch} is missing`);
    return bytes;
  };
  return readDeltaChain(fetchManifest, installed, latest, keys);
}

/** The latest shard at `position` patched from the installed file, or no file: it is then fetched whole. */
export function patchShard(
  source: EpochSource,
  chain: DeltaChain,
  position: number,
): Promise<{ file?: Uint8Array; downloaded: number }> {
  return patchAlongChain({
    manifests: chain.manifests,
    index: position,
    // Read up to the installed shard's signed size: a cache file grown since is refused, not read whole.
    installedShard: async (installedPosition) => {
      const path = chain.installedPaths[installedPosition];
      const entry = chain.manifests[0]?.shards[installedPosition];
      return path === undefined || entry === undefined ? undefined : readCacheFile(path, entry.bytes);
    },
    fetchFile: (epoch, path, bytes) => source.epochFile(epoch, path, bytes),
    sha256Hex: nodeSha256Hex,
  });
}
