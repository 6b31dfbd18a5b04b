/**
 * What the epoch already in the cache lends the next pull: its pointer as the trust state the new
 * latest.json is judged against, its manifest instead of a download, and its shards to link (same
 * SHA-256) or to patch with deltas. A damaged installed epoch lends nothing: its shards are fetched whole.
 */
import { type Manifest, manifestSha256, verifySignedManifest } from '../../core/epoch/manifest.ts';
import type { TrustState } from '../../core/epoch/trust-state.ts';
import type { TrustSource } from '../../core/epoch/trusted-latest.ts';
import { FormatError } from '../../core/errors.ts';
import { readCacheFile } from '../cache/cache-files.ts';
import type { CacheLayout, CurrentPointer } from '../cache/cache-layout.ts';
import { type DeltaChain, readSourceDeltaChain } from '../cache/delta-chain.ts';
import { MAX_MANIFEST_BYTES } from '../http/download-limits.ts';
import type { EpochSource } from '../sources/epoch-source.ts';
import type { PullOptions } from './pull-options.ts';

/** The cache pointer as a trust state (core/epoch/trust-state.ts): mark, key in force, keys retired. */
export function trustStateOf(installed: CurrentPointer): TrustState {
  return {
    epoch: installed.epoch,
    manifestSha256: installed.manifestSha256,
    createdAt: installed.createdAt,
    signingKey: installed.publicKey,
    retiredKeys: installed.formerKeys ?? [],
    ...(installed.revokedKeys ? { revokedKeys: installed.revokedKeys } : {}),
  };
}

/** The source, with the installed epoch's manifest read from the cache instead of downloaded again. */
export function trustSourceOf(
  layout: CacheLayout,
  installed: CurrentPointer | null,
  source: EpochSource,
): TrustSource {
  return {
    manifest: async (link) => {
      if (installed && link.epoch === installed.epoch && link.manifestSha256 === installed.manifestSha256) {
        const cached = await readCacheFile(
          layout.epochFile(installed.epoch, 'manifest.json'),
          MAX_MANIFEST_BYTES,
        ).catch(() => null);
        if (cached) return cached;
      }
      return source.manifest(link.epoch);
    },
    retirement: (fingerprint) => source.retirement(fingerprint),
  };
}

/** The installed manifest, re-verified against the key it was installed with (it is about to be trusted again). */
async function readInstalledManifest(layout: CacheLayout, installed: CurrentPointer): Promise<Manifest> {
  const bytes = await readCacheFile(layout.epochFile(installed.epoch, 'manifest.json'), MAX_MANIFEST_BYTES);
  const { manifest } = verifySignedManifest(bytes, Buffer.from(installed.publicKey, 'base64'));
  if (manifestSha256(manifest) !== installed.manifestSha256) {
    throw new FormatError(
      `the cached manifest of epoch ${installed.epoch} does not match the cache pointer`,
      'MANIFEST_INVALID',
    );
  }
  return manifest;
}

/** The installed epoch's shard files by SHA-256: unchanged shards are linked, not fetched again. */
export async function installedShardFiles(
  layout: CacheLayout,
  installed: CurrentPointer,
): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  try {
    const manifest = await readInstalledManifest(layout, installed);
    for (const entry of manifest.shards)
      files.set(entry.sha256, layout.epochFile(installed.epoch, entry.path));
  } catch {
    // A damaged installed epoch only means nothing is reused from it.
  }
  return files;
}

/** The installed epoch and the manifests after it, when deltas may patch its shards (null: they cannot). */
export async function installedDeltaChain(
  layout: CacheLayout,
  installed: CurrentPointer,
  latest: Manifest,
  options: PullOptions,
  keys: Uint8Array[],
): Promise<DeltaChain | null> {
  if (!latest.shards.some((shard) => shard.delta)) return null;
  try {
    const current = await readInstalledManifest(layout, installed);
    // The keys `latest` was verified along (the cache's pin first), not the key given: across a rotation,
    // or a pin that already followed one, the manifests in between are signed by a successor.
    const manifests = await readSourceDeltaChain(options.source, current, latest, keys);
    if (!manifests) return null;
    // Every position: a shard of a partition not pulled is simply not there (read fails: fetched whole).
    return {
      manifests,
      installedPaths: current.shards.map((entry) => layout.epochFile(current.epoch, entry.path)),
    };
  } catch {
    return null; // a damaged installed epoch: shards are fetched whole
  }
}
