/**
 * Reading a published epoch straight from a store (the operator's `check`, and the client's `pull`
 * from s3:// or file://): the pointer, the manifest verified against the pinned key and against the
 * pointer's hash, and shards verified against the manifest before use (core/filter/shard-verifier.ts).
 */

import { verifyAlongKeyChain } from '../../core/epoch/key-chain.ts';
import { type Manifest, manifestSha256, type SignedManifest } from '../../core/epoch/manifest.ts';
import { epochPrefix, LATEST_POINTER_KEY, manifestKey, parseEpochPointer } from '../../core/epoch/pointer.ts';
import { FormatError, StorageError } from '../../core/errors.ts';
import type { BloomFilter } from '../../core/filter/bloom-filter.ts';
import { shardEntry, shardMissing, verifyShard } from '../../core/filter/shard-verifier.ts';
import { assertSchemeApplies } from '../../core/phone/normalize.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { nodeSha256Hex } from '../node-sha256.ts';

export async function readLatestSignedManifest(
  store: ObjectStore,
  publicKey: Uint8Array,
): Promise<SignedManifest> {
  const pointerObject = await store.get(LATEST_POINTER_KEY);
  if (!pointerObject)
    throw new StorageError(
      'NOT_FOUND',
      `no epoch published in ${store.description} yet (no ${LATEST_POINTER_KEY})`,
    );
  const pointer = parseEpochPointer(pointerObject.body);
  const manifestObject = await store.get(manifestKey(pointer.epoch));
  if (!manifestObject)
    throw new StorageError(
      'NOT_FOUND',
      `${LATEST_POINTER_KEY} names epoch ${pointer.epoch}, whose manifest is missing`,
    );
  // Signed by the given key, or by a successor announced along the chain (core/epoch/key-chain.ts).
  const { signed } = await verifyAlongKeyChain(manifestObject.body, publicKey, async (link) => {
    const older = await store.get(manifestKey(link.epoch));
    return older?.body ?? null;
  });
  assertSchemeApplies(signed.manifest);
  if (signed.manifest.epoch !== pointer.epoch || manifestSha256(signed.manifest) !== pointer.manifestSha256) {
    throw new FormatError(
      `${LATEST_POINTER_KEY} and the manifest of epoch ${pointer.epoch} disagree`,
      'MANIFEST_INVALID',
    );
  }
  return signed;
}

export function storeShardLoader(
  store: ObjectStore,
  manifest: Manifest,
): (index: number) => Promise<BloomFilter> {
  return async (index) => {
    const entry = shardEntry(manifest, index);
    const object = await store.get(`${epochPrefix(manifest.epoch)}${entry.path}`);
    if (!object) throw shardMissing(manifest, entry);
    return verifyShard(manifest, index, object.body, nodeSha256Hex);
  };
}
