/**
 * The keying of an epoch's mode (docs/FORMAT.md, section 1.2), checked against its manifest:
 *   open    HMAC-SHA-256 with the key published in the signed manifest
 *   secret  HMAC-SHA-256 with the operator's key, given by the caller
 *   oprf    the number's OPRF output, supplied by the caller (a journal of blinded evaluations, or the
 *           operator's own OPRF key)
 * A key whose id differs from the manifest's is refused: KEY_INVALID for a key the caller gave,
 * MANIFEST_INVALID for a published key that contradicts its own manifest.
 */
import { createKeyedHasher, HASH_SCHEME, hashKeyId, type KeyedHasher } from '../digest/keyed-hash.ts';
import { fromBase64 } from '../encoding/base64.ts';
import type { Manifest } from '../epoch/manifest.ts';
import { QuietlistError } from '../errors.ts';

const OPRF_SCHEME = 'oprf-ristretto255-sha512';
const POPRF_SCHEME = 'poprf-ristretto255-sha512';

/** What the caller holds beyond the signed manifest. */
export interface MembershipKeys {
  /** secret mode: the operator's HMAC key. */
  hashKey?: Uint8Array;
  /** oprf mode: the OPRF output of each reading's key (every key looked up must have been evaluated). */
  oprfOutputs?: KeyedHasher;
}

/** The hasher that keys readings as `manifest`'s mode says, or a typed error naming what is missing. */
export function hasherForMode(manifest: Manifest, keys: MembershipKeys): KeyedHasher {
  const { epoch, mode, hash } = manifest;
  const expectedScheme = mode !== 'oprf' ? HASH_SCHEME : manifest.partitions ? POPRF_SCHEME : OPRF_SCHEME;
  if (hash.scheme !== expectedScheme) {
    throw new QuietlistError(
      'MANIFEST_INVALID',
      `epoch ${epoch} is in ${mode} mode but names ${hash.scheme}`,
    );
  }
  if (mode === 'oprf') {
    if (!keys.oprfOutputs) {
      throw new QuietlistError(
        'INVALID_CONFIG',
        `epoch ${epoch} is in oprf mode: each number needs one blinded evaluation by the worker`,
      );
    }
    return keys.oprfOutputs;
  }
  if (mode === 'open') {
    if (hash.key === undefined)
      throw new QuietlistError('MANIFEST_INVALID', `epoch ${epoch} is in open mode but publishes no key`);
    let key: Uint8Array;
    try {
      key = fromBase64(hash.key, 'manifest hash key');
    } catch {
      throw new QuietlistError('MANIFEST_INVALID', `the published hash key of epoch ${epoch} is not base64`);
    }
    if (hashKeyId(key) !== hash.keyId) {
      throw new QuietlistError(
        'MANIFEST_INVALID',
        `the published hash key of epoch ${epoch} does not match its key id`,
      );
    }
    return createKeyedHasher(key);
  }
  if (!keys.hashKey) {
    throw new QuietlistError(
      'INVALID_CONFIG',
      `epoch ${epoch} is in secret mode: only the operator's hash key (or its worker, check --online) can check it`,
    );
  }
  if (hashKeyId(keys.hashKey) !== hash.keyId) {
    throw new QuietlistError(
      'KEY_INVALID',
      `the hash key does not match epoch ${epoch} (key id ${hash.keyId})`,
    );
  }
  return createKeyedHasher(keys.hashKey);
}
