/** The keyed hash an epoch was built with: its published key (open mode) or the operator's secret key. */
import { fromBase64 } from './base64.ts';
import { QuietlistError } from './errors.ts';
import { createKeyedHasher, hashKeyId, type KeyedHasher } from './keyed-hash.ts';
import type { Manifest } from './manifest.ts';

export function hasherForManifest(manifest: Manifest, secretHashKey?: Uint8Array): KeyedHasher {
  if (manifest.mode === 'oprf') {
    throw new QuietlistError(
      'INVALID_ARGUMENT',
      `epoch ${manifest.epoch} is in oprf mode: checks need the OPRF protocol`,
    );
  }
  const key =
    manifest.mode === 'open' && manifest.hash.key
      ? fromBase64(manifest.hash.key, 'manifest hash key')
      : secretHashKey;
  if (!key)
    throw new QuietlistError(
      'INVALID_CONFIG',
      `epoch ${manifest.epoch} is in secret mode: the operator's hash key is needed`,
    );
  if (hashKeyId(key) !== manifest.hash.keyId) {
    throw new QuietlistError(
      'KEY_INVALID',
      `the hash key does not match epoch ${manifest.epoch} (key id ${manifest.hash.keyId})`,
    );
  }
  return createKeyedHasher(key);
}
