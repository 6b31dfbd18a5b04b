/**
 * Scope digests (docs/FORMAT.md §1.3): in an epoch whose register declares scopes, the filter holds,
 * for each registration, one digest per label it enters, derived from the head (the first 12 bytes,
 * all the filter reads) of the number's digest of section 1.2 (the HMAC digest, or the OPRF output):
 *
 *   scope digest = HMAC-SHA-256(key = digest[0..11], message = UTF-8("quietlist scope " ‖ label))
 *
 * So one OPRF evaluation per number serves every scope: the labels are derived locally, and a channel
 * or a sector costs filter bits, never another round trip or another unit of quota. The head is what
 * the builder's private state and the client's evaluation journal already keep, so neither stores
 * more for a scoped epoch. Labels are short ASCII (codes of at most 16 characters): each derivation is
 * two SHA-256 compressions after the key's two (short-hmac.ts).
 */
import { shortHmacSha256Many } from '../digest/short-hmac.ts';
import { DIGEST_MIN_BYTES } from '../filter/bloom-filter.ts';

export const SCOPE_MESSAGE_PREFIX = 'quietlist scope ';

/** The scope digests of one number's digest (at least its 12-byte head), one per label, in order. */
export function scopeDigests(digest: Uint8Array, labels: readonly string[]): Uint8Array[] {
  return shortHmacSha256Many(
    digest.subarray(0, DIGEST_MIN_BYTES),
    labels.map((label) => SCOPE_MESSAGE_PREFIX + label),
  );
}
