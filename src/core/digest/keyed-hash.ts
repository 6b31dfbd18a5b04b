/**
 * The keyed hash that turns an E.164 string into a filter digest: HMAC-SHA-256(key, UTF-8(e164)),
 * computed by short-hmac.ts (runtime-neutral, two compressions per digest: faster than node:crypto's
 * createHmac for these short inputs). test/helpers/node-hasher.ts is the OpenSSL reference the tests
 * compare it with (the shared test vectors and random inputs).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex } from '../encoding/bytes.ts';
import { QuietlistError } from '../errors.ts';
import { createShortHmacSha256 } from './short-hmac.ts';

export const HASH_KEY_BYTES = 32;
export const HASH_SCHEME = 'hmac-sha256';

/** Digests at least DIGEST_MIN_BYTES long: the filter reads bytes 0..11 (see docs/FORMAT.md). */
export interface KeyedHasher {
  digest(e164: string): Uint8Array;
}

export function assertHashKey(key: Uint8Array): void {
  if (key.length !== HASH_KEY_BYTES) {
    throw new QuietlistError('KEY_INVALID', `hash key must be ${HASH_KEY_BYTES} bytes, got ${key.length}`);
  }
}

export function createKeyedHasher(key: Uint8Array): KeyedHasher {
  assertHashKey(key);
  return { digest: createShortHmacSha256(key) };
}

/** A short public identifier of a hash key: the first 8 bytes of SHA-256(key), hex. Reveals nothing. */
export function hashKeyId(key: Uint8Array): string {
  return toHex(sha256(key).subarray(0, 8));
}
