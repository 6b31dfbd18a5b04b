/**
 * Following deltas from a cached epoch to the latest one (docs/CLIENT.md, "Nightly deltas"; FORMAT §12),
 * runtime-neutral so `pull` (client/cache/delta-chain.ts) and the scrub page (page/web-worker/epoch-download.ts)
 * share it. The signed manifests in between are fetched along the `previous` links, each verified
 * against the link's hash and the keys of the verified key chain (across a rotation too). A shard is
 * patched when every step that changed it lists a delta and the deltas together weigh less than the
 * shard; each delta is checked against its manifest entry, applied, and the result checked against
 * that epoch's shard hash. Anything else (a gap in the chain, a missing or corrupt delta, a cache too
 * far behind) gives no file: the caller fetches the shard whole, so a delta can cost bandwidth but
 * never a wrong filter.
 */
import type { Sha256Hex } from '../encoding/bytes.ts';
import { applyShardDelta } from '../filter/shard-delta.ts';
import {
  type Manifest,
  type ManifestShard,
  manifestSha256,
  parseSignedManifest,
  verifyManifestSignature,
} from './manifest.ts';
import { shardGroupOf } from './shard-layout.ts';
import { publicKeyFingerprint } from './signing.ts';

/** A cache further behind than this many epochs downloads the changed shards whole. */
export const MAX_DELTA_CHAIN = 14;

/** The signed manifest.json of an epoch, as the source serves it (throws when it has none). */
export type EpochManifestFetcher = (epoch: string) => Promise<Uint8Array>;
/**
 * A file of an epoch (here a `.qldelta`), as the source serves it, read up to `bytes`, its signed
 * length (throws when it has none, or when the answer is longer).
 */
export type EpochFileFetcher = (epoch: string, path: string, bytes: number) => Promise<Uint8Array>;

/**
 * The manifests from the installed epoch to `latest`, or null when the chain cannot be followed. Each
 * manifest in between is authenticated twice: its SHA-256 equals the `previous` link of the verified
 * manifest after it, and it is signed by one of `keys`, the keys `latest` was verified along (the
 * pin, then each successor a rotation announced: key-chain.ts). So the chain holds across a
 * signing-key rotation, and a manifest signed by anyone else, or altered, ends it. `installed` itself
 * is authenticated by the link that reaches it, so a cached copy needs no signature check here.
 */
export async function readDeltaChain(
  fetchManifest: EpochManifestFetcher,
  installed: Manifest,
  latest: Manifest,
  keys: Uint8Array[],
): Promise<Manifest[] | null> {
  const byFingerprint = new Map(keys.map((key) => [publicKeyFingerprint(key), key]));
  const newerFirst: Manifest[] = [latest];
  let link = latest.previous;
  while (link && link.epoch !== installed.epoch) {
    if (newerFirst.length >= MAX_DELTA_CHAIN) return null;
    try {
      const signed = parseSignedManifest(await fetchManifest(link.epoch));
      const key = byFingerprint.get(signed.signature.keyFingerprint);
      if (!key) return null; // signed by no key of the verified chain
      const { manifest } = verifyManifestSignature(signed, key);
      if (manifest.epoch !== link.epoch || manifestSha256(manifest) !== link.manifestSha256) return null;
      newerFirst.push(manifest);
      link = manifest.previous;
    } catch {
      return null; // retention removed it, or it does not verify: no chain
    }
  }
  if (!link || link.manifestSha256 !== manifestSha256(installed)) return null;
  return [installed, ...newerFirst.reverse()];
}

export interface DeltaStep {
  epoch: string;
  path: string;
  bytes: number;
  sha256: string;
  /** The shard's SHA-256 in that epoch: what applying the step must give. */
  target: string;
}

/**
 * The position in `manifest` of the shard with the same partition and index as `shard` (a partitioned
 * epoch's positions move as partitions come and go), or undefined when it has none.
 */
export function positionOfSameShard(manifest: Manifest, shard: ManifestShard): number | undefined {
  const group = shardGroupOf(manifest, shard.partition ?? null);
  return group && shard.index < group.count ? group.first + shard.index : undefined;
}

/**
 * The deltas that turn the installed shard into the latest one at position `position` (the same
 * partition and index), or null if there is no such chain.
 */
export function deltaSteps(manifests: Manifest[], position: number): DeltaStep[] | null {
  const steps: DeltaStep[] = [];
  const latest = manifests.at(-1)!.shards[position];
  if (!latest) return null;
  const entryIn = (manifest: Manifest) => {
    const at = positionOfSameShard(manifest, latest);
    return at === undefined ? undefined : manifest.shards[at];
  };
  let current = entryIn(manifests[0]!)?.sha256;
  for (const manifest of manifests.slice(1)) {
    const entry = entryIn(manifest);
    if (!entry || current === undefined) return null;
    if (entry.sha256 === current) continue;
    if (!entry.delta) return null;
    steps.push({
      epoch: manifest.epoch,
      path: entry.delta.path,
      bytes: entry.delta.bytes,
      sha256: entry.delta.sha256,
      target: entry.sha256,
    });
    current = entry.sha256;
  }
  return steps;
}

export interface PatchOptions {
  /** From the installed epoch to the latest (readDeltaChain). */
  manifests: Manifest[];
  /** The shard's position in the latest manifest. */
  index: number;
  /** The installed shard at its position in the installed manifest: its bytes, or undefined when gone. */
  installedShard: (installedPosition: number) => Promise<Uint8Array | undefined>;
  fetchFile: EpochFileFetcher;
  sha256Hex: Sha256Hex;
}

/**
 * The latest shard `index` built from the installed file and the deltas, or no file when patching is
 * not possible or not cheaper (the caller then fetches the shard); `downloaded` counts delta bytes.
 * The caller still verifies the file against the signed manifest before installing it.
 */
export async function patchAlongChain(
  options: PatchOptions,
): Promise<{ file?: Uint8Array; downloaded: number }> {
  const { manifests, index, sha256Hex } = options;
  const steps = deltaSteps(manifests, index);
  const latestEntry = manifests.at(-1)!.shards[index]!;
  const none = { downloaded: 0 };
  if (!steps || steps.length === 0) return none;
  const cost = steps.reduce((sum, step) => sum + step.bytes, 0);
  if (cost >= latestEntry.bytes) return none;
  let downloaded = 0;
  try {
    const installedPosition = positionOfSameShard(manifests[0]!, latestEntry);
    let file = installedPosition === undefined ? undefined : await options.installedShard(installedPosition);
    if (!file) return none; // applyShardDelta checks it is the file the (verified) delta starts from
    for (const step of steps) {
      const delta = await options.fetchFile(step.epoch, step.path, step.bytes);
      downloaded += delta.length;
      if (delta.length !== step.bytes || (await sha256Hex(delta)) !== step.sha256) return { downloaded };
      file = await applyShardDelta(file, delta, sha256Hex);
      if ((await sha256Hex(file)) !== step.target) return { downloaded };
    }
    return { file, downloaded };
  } catch {
    return { downloaded };
  }
}
