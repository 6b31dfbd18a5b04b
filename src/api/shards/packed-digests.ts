/**
 * What crosses to a shard-resident Durable Object: the first 12 bytes of each digest (all a lookup
 * reads: bytes 0..3 choose the shard, 4..11 the bits; docs/FORMAT.md §2–3) packed in one array, and
 * one byte per answer back. Less of each keyed digest leaves the worker than the digest itself.
 */
import { FormatError } from '../../core/errors.ts';
import { DIGEST_MIN_BYTES } from '../../core/filter/bloom-filter.ts';

export const DIGEST_HEAD_BYTES = DIGEST_MIN_BYTES;

export function packDigestHeads(digests: readonly Uint8Array[]): Uint8Array {
  const packed = new Uint8Array(digests.length * DIGEST_HEAD_BYTES);
  digests.forEach((digest, i) => {
    if (digest.length < DIGEST_HEAD_BYTES) throw new FormatError(`digest ${i} is shorter than 12 bytes`);
    packed.set(digest.subarray(0, DIGEST_HEAD_BYTES), i * DIGEST_HEAD_BYTES);
  });
  return packed;
}

export function unpackDigestHeads(packed: Uint8Array): Uint8Array[] {
  if (packed.length % DIGEST_HEAD_BYTES !== 0) {
    throw new FormatError(
      `packed digests are ${packed.length} bytes, not a multiple of ${DIGEST_HEAD_BYTES}`,
    );
  }
  return Array.from({ length: packed.length / DIGEST_HEAD_BYTES }, (_, i) =>
    packed.subarray(i * DIGEST_HEAD_BYTES, (i + 1) * DIGEST_HEAD_BYTES),
  );
}
