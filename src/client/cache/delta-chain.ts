/**
 * Patching shards with deltas (docs/CLIENT.md, "Nightly deltas"). From the installed epoch to the new
 * one, the signed manifests in between are fetched along the `previous` links (each verified against
 * the link's hash and the keys of the verified key chain, across a rotation too). A shard is patched when every step that changed it lists a
 * delta and the deltas together weigh less than the shard; each delta is checked against its manifest
 * entry, applied, and the result checked against that epoch's shard hash. Anything else (a gap in the
 * chain, a missing or corrupt delta, a cache too far behind) returns undefined: the caller fetches the
 * shard whole, so a delta can cost bandwidth but never a wrong filter.
 */
import { readFile } from 'node:fs/promises';
import {
  type Manifest,
  manifestSha256,
  parseSignedManifest,
  verifyManifestSignature,
} from '../../core/manifest.ts';
import { applyShardDelta } from '../../core/shard-delta.ts';
import { publicKeyFingerprint } from '../../core/signing.ts';
import { nodeSha256Hex } from '../node-sha256.ts';
import type { EpochSource } from '../sources/epoch-source.ts';

/** A cache further behind than this many epochs downloads the changed shards whole. */
export const MAX_DELTA_CHAIN = 14;

export interface DeltaChain {
  /** The installed manifest, then every manifest after it up to the new one. */
  manifests: Manifest[];
  /** Local files of the installed epoch's shards, by index. */
  installedPaths: string[];
}

/**
 * The manifests from the installed epoch to `latest`, or null when the chain cannot be followed. Each
 * manifest in between is authenticated twice: its SHA-256 equals the `previous` link of the verified
 * manifest after it, and it is signed by one of `keys`, the keys pull verified `latest` along (the
 * cache's pin, then each successor a rotation announced: core/key-chain.ts). So the chain holds across
 * a signing-key rotation, and a manifest signed by anyone else, or altered, ends it.
 */
export async function readDeltaChain(
  source: EpochSource,
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
      const bytes = await source.epochFile(link.epoch, 'manifest.json');
      const signed = parseSignedManifest(bytes);
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

/** The deltas that turn the installed shard `index` into the latest one, or null if there is no such chain. */
export function deltaSteps(manifests: Manifest[], index: number) {
  const steps: { epoch: string; path: string; bytes: number; sha256: string; target: string }[] = [];
  let current = manifests[0]!.shards[index]?.sha256;
  for (const manifest of manifests.slice(1)) {
    const entry = manifest.shards[index];
    if (!entry || current === undefined) return null;
    if (entry.sha256 === current) continue;
    if (!entry.delta) return null;
    steps.push({ epoch: manifest.epoch, ...entry.delta, target: entry.sha256 });
    current = entry.sha256;
  }
  return steps;
}

/**
 * The latest shard `index` built from the installed file and the deltas, or undefined when patching
 * is not possible or not cheaper (the caller then fetches the shard); `downloaded` counts delta bytes.
 */
export async function patchShard(
  source: EpochSource,
  chain: DeltaChain,
  index: number,
): Promise<{ file?: Uint8Array; downloaded: number }> {
  const steps = deltaSteps(chain.manifests, index);
  const latestEntry = chain.manifests.at(-1)!.shards[index]!;
  const none = { downloaded: 0 };
  if (!steps || steps.length === 0) return none;
  const cost = steps.reduce((sum, step) => sum + step.bytes, 0);
  if (cost >= latestEntry.bytes) return none;
  const installedPath = chain.installedPaths[index];
  if (installedPath === undefined) return none;
  let downloaded = 0;
  try {
    let file: Uint8Array = new Uint8Array(await readFile(installedPath));
    for (const step of steps) {
      const delta = await source.epochFile(step.epoch, step.path);
      downloaded += delta.length;
      if (delta.length !== step.bytes || (await nodeSha256Hex(delta)) !== step.sha256) return { downloaded };
      file = await applyShardDelta(file, delta, nodeSha256Hex);
      if ((await nodeSha256Hex(file)) !== step.target) return { downloaded };
    }
    return { file, downloaded };
  } catch {
    return { downloaded };
  }
}
