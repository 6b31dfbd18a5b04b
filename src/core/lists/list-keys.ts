/**
 * The keys of a list other than `default`, derived from one 32-byte **list seed** held by the builder
 * and the server (docs/OPERATIONS.md, "Lists"): adding an advertiser's list needs no new secret on the
 * server. Each list gets its own keys, so a subscriber entitled to one list learns nothing about
 * another (an OPRF output or an HMAC digest of list A tests nothing in list B's filter).
 *   hash key (open, secret modes)  HKDF-SHA-256(ikm = seed, salt = none, info = "quietlist list <name> hash key", 32 bytes)
 *   OPRF key (oprf mode)           RFC 9497 DeriveKeyPair(seed, info = "quietlist list <name>")
 * The root list keeps the keys it always had (hash.key, oprf.key), so existing stores do not change.
 */
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { QuietlistError } from '../errors.ts';
import { assertListName, DEFAULT_LIST } from './list-name.ts';

export const LIST_SEED_BYTES = 32;
const utf8 = new TextEncoder();

function checked(seed: Uint8Array, list: string): void {
  if (seed.length !== LIST_SEED_BYTES)
    throw new QuietlistError('KEY_INVALID', 'the list seed must be 32 bytes');
  if (assertListName(list) === DEFAULT_LIST) {
    throw new QuietlistError('INVALID_ARGUMENT', 'the default list keeps its own keys (hash.key, oprf.key)');
  }
}

/** The 32-byte HMAC key of `list` (open and secret modes). */
export function listHashKey(seed: Uint8Array, list: string): Uint8Array {
  checked(seed, list);
  return hkdf(sha256, seed, undefined, utf8.encode(`quietlist list ${list} hash key`), 32);
}

/** The `info` RFC 9497 DeriveKeyPair takes with the seed, for the OPRF key of `list`. */
export function listOprfKeyInfo(seed: Uint8Array, list: string): Uint8Array {
  checked(seed, list);
  return utf8.encode(`quietlist list ${list}`);
}
