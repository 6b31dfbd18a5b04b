/**
 * Reading a published epoch straight from a store (the operator's `check --store`, and tests): the
 * signed pointer and its manifest accepted by the rules every reader shares
 * (core/epoch/trusted-latest.ts) with no saved state: the chain walked forward from `publicKey`
 * through the key retirement records, retired keys refused, an expired pointer refused; the pointer,
 * manifests and records read up to the download limits, as pull reads them (store-source.ts); shards
 * are verified against the manifest before use (core/filter/shard-verifier.ts).
 */

import type { Manifest, SignedManifest } from '../../core/epoch/manifest.ts';
import { epochPrefix } from '../../core/epoch/pointer.ts';
import { acceptLatest } from '../../core/epoch/trusted-latest.ts';
import type { BloomFilter } from '../../core/filter/bloom-filter.ts';
import { shardEntry, shardMissing, verifyShard } from '../../core/filter/shard-verifier.ts';
import { assertSchemeApplies } from '../../core/phone/normalize.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { nodeSha256Hex } from '../node-sha256.ts';
import { StoreEpochSource } from './store-source.ts';

export async function readLatestSignedManifest(
  store: ObjectStore,
  publicKey: Uint8Array,
  now: number = Date.now(),
  /** The list `store` is the view of (storage/list-store.ts); an epoch of another list is refused. */
  list?: string,
): Promise<SignedManifest> {
  const source = new StoreEpochSource(store);
  const { signed } = await acceptLatest({
    pointerBytes: await source.latestPointer(),
    pinned: publicKey,
    state: null,
    source: {
      manifest: (link) => source.manifest(link.epoch),
      retirement: (fingerprint) => source.retirement(fingerprint),
    },
    now,
    list,
  });
  assertSchemeApplies(signed.manifest);
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
