/**
 * Reading a published epoch straight from a store (the operator's `check`, and the client's `pull`
 * from s3:// or file://): the pointer, the manifest verified against the pinned key and against the
 * pointer's hash, and shards verified against the manifest's SHA-256 before use.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import type { BloomFilter } from '../core/bloom-filter.ts';
import { epochPrefix, LATEST_POINTER_KEY, manifestKey, parseEpochPointer } from '../core/epoch-pointer.ts';
import { FormatError, QuietlistError, StorageError } from '../core/errors.ts';
import { parseFilter } from '../core/filter-format.ts';
import { toHex } from '../core/keyed-hash.ts';
import {
  type Manifest,
  manifestSha256,
  type SignedManifest,
  verifySignedManifest,
} from '../core/manifest.ts';
import type { ObjectStore } from '../storage/object-store.ts';

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
  const signed = verifySignedManifest(manifestObject.body, publicKey);
  if (signed.manifest.epoch !== pointer.epoch || manifestSha256(signed.manifest) !== pointer.manifestSha256) {
    throw new FormatError(
      `${LATEST_POINTER_KEY} and the manifest of epoch ${pointer.epoch} disagree`,
      'MANIFEST_INVALID',
    );
  }
  return signed;
}

/** Verifies a shard file's bytes against its manifest entry, then parses it. */
export function verifyShard(manifest: Manifest, index: number, bytes: Uint8Array): BloomFilter {
  const entry = manifest.shards[index];
  if (!entry) throw new QuietlistError('INVALID_ARGUMENT', `epoch ${manifest.epoch} has no shard ${index}`);
  if (bytes.length !== entry.bytes || toHex(sha256(bytes)) !== entry.sha256) {
    throw new FormatError(
      `shard ${entry.path} of epoch ${manifest.epoch} does not match its manifest SHA-256`,
      'CHECKSUM_MISMATCH',
    );
  }
  const shard = parseFilter(bytes);
  if (shard.shardIndex !== index || shard.shardPrefixBits !== manifest.filter.shardPrefixBits) {
    throw new FormatError(`shard ${entry.path} header does not match its place in the manifest`);
  }
  return shard.filter;
}

export function storeShardLoader(
  store: ObjectStore,
  manifest: Manifest,
): (index: number) => Promise<BloomFilter> {
  return async (index) => {
    const entry = manifest.shards[index];
    const object = entry ? await store.get(`${epochPrefix(manifest.epoch)}${entry.path}`) : null;
    if (!object) throw new StorageError('NOT_FOUND', `shard ${index} of epoch ${manifest.epoch} is missing`);
    return verifyShard(manifest, index, object.body);
  };
}
