/**
 * What the RFC 9497 protocol (group-backend.ts) needs from a ristretto255 + SHA-512 implementation:
 * a few group, scalar and hash operations, batch-shaped so that an implementation in native code
 * crosses into it once per batch rather than once per element. Two implementations share the protocol:
 * libsodium's WebAssembly build (sodium/sodium-ristretto.ts) and the system's native libsodium
 * (native/native-ristretto.ts, Node only).
 *
 * Elements are canonical 32-byte encodings (RFC 9496), scalars 32 bytes little-endian below ℓ.
 * Batch operations that can fail report the position of the first failing item.
 */

export type BatchOutcome<T> = { ok: true; value: T } | { ok: false; index: number };

/** A message to hash, as the parts to concatenate (saves copying them together first). */
export type MessageParts = readonly Uint8Array[];

export interface RistrettoGroup {
  /** SHA-512 of each message. */
  sha512Each(messages: readonly MessageParts[]): Uint8Array[];
  /**
   * hash_to_ristretto255 of each message (RFC 9380 Appendix B): expand_message_xmd with SHA-512 to
   * 64 bytes under `dstPrime` (DST ‖ I2OSP(len(DST), 1)), then the ristretto255 one-way map.
   */
  hashToGroupEach(messages: readonly MessageParts[], dstPrime: Uint8Array): Uint8Array[];
  /** HashToScalar of RFC 9497 §4.1: the same expansion, as a little-endian integer mod ℓ. */
  hashToScalarEach(messages: readonly MessageParts[], dstPrime: Uint8Array): Uint8Array[];
  /** Each 64-byte string reduced mod ℓ (uniform when the bytes are). */
  reduceWideEach(wides: readonly Uint8Array[]): Uint8Array[];

  /** scalar · elements[i] (constant time); fails at the first element that does not decode or gives the identity. */
  multiplyAll(scalar: Uint8Array, elements: readonly Uint8Array[]): BatchOutcome<Uint8Array[]>;
  /** scalars[i] · elements[i] (constant time); fails like multiplyAll. */
  multiplyEach(scalars: readonly Uint8Array[], elements: readonly Uint8Array[]): BatchOutcome<Uint8Array[]>;
  /** scalars[i] · G; fails at a zero scalar. */
  multiplyBaseEach(scalars: readonly Uint8Array[]): BatchOutcome<Uint8Array[]>;
  /**
   * Σ scalars[i] · elements[i]. Identity terms (a zero scalar, the identity element) are skipped; an
   * empty or vanishing sum gives the identity's encoding, 32 zero bytes. Fails only at the first
   * element that does not decode.
   */
  linearCombination(
    scalars: readonly Uint8Array[],
    elements: readonly Uint8Array[],
  ): BatchOutcome<Uint8Array>;
  /** The position of the first element that is not the canonical encoding of a non-identity element, or -1. */
  firstInvalid(elements: readonly Uint8Array[]): number;

  scalarAdd(a: Uint8Array, b: Uint8Array): Uint8Array;
  scalarMul(a: Uint8Array, b: Uint8Array): Uint8Array;
  scalarSub(a: Uint8Array, b: Uint8Array): Uint8Array;
  /** 1 / scalars[i] mod ℓ, by batch inversion; fails at a zero scalar. */
  invertEach(scalars: readonly Uint8Array[]): BatchOutcome<Uint8Array[]>;

  /** Overwrites whatever scratch memory held secret scalars or pre-outputs. */
  wipe(): void;
}

/** DST_prime = DST ‖ I2OSP(len(DST), 1) (RFC 9380 §5.3.1). */
export function dstPrime(dst: Uint8Array): Uint8Array {
  if (dst.length > 255) throw new RangeError('DST longer than 255 bytes');
  const out = new Uint8Array(dst.length + 1);
  out.set(dst);
  out[dst.length] = dst.length;
  return out;
}
