/**
 * Gets every shard of an epoch into the cache, verified: a shard whose SHA-256 matches a file already
 * cached (the installed epoch, or objects/ left by a pull cut off half-way) is not fetched again; a
 * fetched shard is verified before it enters objects/, durably, so what objects/ holds is always good
 * and the next pull resumes from it (and from partial/, for a shard cut off mid-body: shard-download.ts).
 */
import { unlink } from 'node:fs/promises';
import type { Manifest, ManifestShard } from '../../core/epoch/manifest.ts';
import { verifyShard } from '../../core/filter/shard-verifier.ts';
import { nodeSha256Hex } from '../node-sha256.ts';
import type { EpochSource } from '../sources/epoch-source.ts';
import type { CacheLayout } from './cache-layout.ts';
import { syncDirectory } from './durable-file.ts';
import { clearStalePartials, downloadShard, fileMatchesShard, storeObject } from './shard-download.ts';

export interface SuppliedShards {
  /** Local path of each shard supplied, by manifest position (holes: partitions not pulled). */
  paths: (string | undefined)[];
  downloaded: number;
  reused: number;
  /** Built from the installed shard and deltas (delta-chain.ts). */
  patched: number;
  bytesDownloaded: number;
}

export interface SupplyOptions {
  layout: CacheLayout;
  source: EpochSource;
  manifest: Manifest;
  /** The manifest positions to supply (core/epoch/shard-layout.ts; default every shard). */
  positions?: readonly number[];
  /** Other files that may hold the same bytes: the installed epoch's shards, by SHA-256. */
  knownFiles: Map<string, string>;
  concurrency: number;
  /** Tries deltas first: the shard's bytes, or no file when it must be fetched whole. */
  patch?: (index: number) => Promise<{ file?: Uint8Array; downloaded: number }>;
  onShard?: (done: number, total: number) => void;
}

export async function supplyShards(options: SupplyOptions): Promise<SuppliedShards> {
  const { manifest } = options;
  const result: SuppliedShards = {
    paths: [],
    downloaded: 0,
    reused: 0,
    patched: 0,
    bytesDownloaded: 0,
  };
  const positions = options.positions ?? manifest.shards.map((_, position) => position);
  let next = 0;
  let done = 0;
  let failed = false;
  // A part of another epoch can never be resumed now; this epoch's parts are (shard-download.ts).
  await clearStalePartials(options.layout, manifest.epoch);
  const worker = async () => {
    // After a failure nobody starts another shard; those in flight finish (and stay for the next pull).
    for (let at = next++; at < positions.length && !failed; at = next++) {
      const index = positions[at]!;
      const entry = manifest.shards[index]!;
      try {
        const local = await findVerifiedCopy(entry, options);
        const patched = local ? undefined : await patchVerified(index, options);
        result.bytesDownloaded += patched?.downloaded ?? 0;
        if (local) {
          result.paths[index] = local;
          result.reused++;
        } else if (patched?.file) {
          result.paths[index] = await storeObject(options.layout, entry.sha256, patched.file);
          result.patched++;
        } else {
          const fetched = await downloadShard(options.layout, options.source, manifest, index);
          result.paths[index] = fetched.path;
          result.downloaded++;
          result.bytesDownloaded += fetched.transferred;
        }
      } catch (error) {
        failed = true;
        throw error;
      }
      options.onShard?.(++done, positions.length);
    }
  };
  const outcomes = await Promise.allSettled(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  const failure = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failure) throw failure.reason;
  await syncDirectory(options.layout.objects);
  return result;
}

/** A patched shard is installed only if it verifies against the signed manifest, like a fetched one. */
async function patchVerified(index: number, options: SupplyOptions) {
  if (!options.patch) return undefined;
  const patched = await options.patch(index);
  if (!patched.file) return patched;
  try {
    await verifyShard(options.manifest, index, patched.file, nodeSha256Hex);
    return patched;
  } catch {
    return { downloaded: patched.downloaded };
  }
}

async function findVerifiedCopy(entry: ManifestShard, options: SupplyOptions): Promise<string | undefined> {
  const candidates = [options.knownFiles.get(entry.sha256), options.layout.object(entry.sha256)];
  for (const path of candidates) {
    if (path === undefined) continue;
    if (await fileMatchesShard(path, entry)) return path;
    // A damaged leftover in objects/ is removed so it is fetched again.
    if (path === options.layout.object(entry.sha256)) await unlink(path).catch(() => undefined);
  }
  return undefined;
}
