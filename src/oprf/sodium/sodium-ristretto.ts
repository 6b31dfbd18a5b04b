/**
 * ristretto255 and SHA-512 on libsodium's WebAssembly heap, as a RistrettoGroup (../group.ts). One fixed
 * scratch area and one growable message buffer are allocated once, so an operation is a few 32-byte
 * copies and one call; the batch operations are loops over the single ones (a call into WebAssembly is
 * cheap). HEAPU8 is re-read after every allocation because growing the memory replaces it.
 */
import { isAllZero } from '../bytes.ts';
import type { BatchOutcome, MessageParts, RistrettoGroup } from '../group.ts';
import { ELEMENT_BYTES, SCALAR_BYTES } from '../suite.ts';
import type { SodiumModule } from './sodium-module.ts';

const POINT_A = 0;
const POINT_B = 32;
const SCALAR_A = 64;
const SCALAR_B = 96;
const RESULT = 128;
const WIDE = 160; // 64 bytes: uniform bytes, a wide scalar or a digest
const XMD_B0 = 224; // 64 bytes
const XMD_B1_INPUT = 288; // b0 || 0x01 || DST_prime, at most 64 + 1 + 256 bytes
const SCRATCH_BYTES = 640;
const Z_PAD_BYTES = 128; // SHA-512 block size (RFC 9380 §5.3.1)
const UNIFORM_BYTES = 64; // hash_to_ristretto255 and HashToScalar both expand to 64 bytes

/** The results of `operation` on each item, or the position of the first undefined one. */
function each<T>(count: number, operation: (index: number) => T | undefined): BatchOutcome<T[]> {
  const value: T[] = [];
  for (let index = 0; index < count; index++) {
    const result = operation(index);
    if (result === undefined) return { ok: false, index };
    value.push(result);
  }
  return { ok: true, value };
}

const tails = new WeakMap<Uint8Array, Uint8Array>();

/** I2OSP(64, 2) || I2OSP(0, 1) || DST_prime, built once per DST. */
function xmdTail(dstPrimeBytes: Uint8Array): Uint8Array {
  let tail = tails.get(dstPrimeBytes);
  if (tail === undefined) {
    tail = new Uint8Array(3 + dstPrimeBytes.length);
    tail[1] = UNIFORM_BYTES;
    tail.set(dstPrimeBytes, 3);
    tails.set(dstPrimeBytes, tail);
  }
  return tail;
}

export class SodiumRistretto implements RistrettoGroup {
  readonly #sodium: SodiumModule;
  readonly #scratch: number;
  #message = 0;
  #messageCapacity = 0;

  constructor(sodium: SodiumModule) {
    this.#sodium = sodium;
    this.#scratch = sodium._malloc(SCRATCH_BYTES);
    this.#reserve(1024);
  }

  #reserve(bytes: number): void {
    if (bytes <= this.#messageCapacity) return;
    if (this.#message !== 0) this.#sodium._free(this.#message);
    this.#messageCapacity = Math.max(bytes, this.#messageCapacity * 2);
    this.#message = this.#sodium._malloc(this.#messageCapacity);
  }

  #put(offset: number, bytes: Uint8Array): void {
    this.#sodium.HEAPU8.set(bytes, this.#scratch + offset);
  }

  #get(offset: number, length: number): Uint8Array {
    const start = this.#scratch + offset;
    return this.#sodium.HEAPU8.slice(start, start + length);
  }

  /** Writes `zeros` zero bytes then the parts into the message buffer; returns the length. */
  #writeMessage(parts: readonly Uint8Array[], zeros: number, suffix: Uint8Array): number {
    let length = zeros + suffix.length;
    for (const part of parts) length += part.length;
    this.#reserve(length);
    const heap = this.#sodium.HEAPU8;
    heap.fill(0, this.#message, this.#message + zeros);
    let offset = this.#message + zeros;
    for (const part of parts) {
      heap.set(part, offset);
      offset += part.length;
    }
    heap.set(suffix, offset);
    return length;
  }

  sha512(parts: readonly Uint8Array[]): Uint8Array {
    const length = this.#writeMessage(parts, 0, new Uint8Array(0));
    this.#sodium._crypto_hash_sha512(this.#scratch + WIDE, this.#message, length, 0);
    return this.#get(WIDE, 64);
  }

  /** expand_message_xmd(SHA-512) of the concatenated parts to 64 bytes, left at WIDE (RFC 9380 §5.3.1). */
  #expand(parts: readonly Uint8Array[], dstPrimeBytes: Uint8Array): void {
    const sodium = this.#sodium;
    const tail = xmdTail(dstPrimeBytes);
    const length = this.#writeMessage(parts, Z_PAD_BYTES, tail);
    sodium._crypto_hash_sha512(this.#scratch + XMD_B0, this.#message, length, 0);
    const heap = sodium.HEAPU8;
    const b1Input = this.#scratch + XMD_B1_INPUT;
    heap.copyWithin(b1Input, this.#scratch + XMD_B0, this.#scratch + XMD_B0 + 64);
    heap[b1Input + 64] = 1;
    heap.set(dstPrimeBytes, b1Input + 65);
    // ell = 1: the 64 uniform bytes are b_1 itself.
    sodium._crypto_hash_sha512(this.#scratch + WIDE, b1Input, 65 + dstPrimeBytes.length, 0);
  }

  /** hash_to_ristretto255 (RFC 9380 Appendix B): from_hash maps both 32-byte halves and adds them. */
  hashToGroup(parts: readonly Uint8Array[], dstPrimeBytes: Uint8Array): Uint8Array {
    this.#expand(parts, dstPrimeBytes);
    this.#sodium._crypto_core_ristretto255_from_hash(this.#scratch + RESULT, this.#scratch + WIDE);
    return this.#get(RESULT, ELEMENT_BYTES);
  }

  /** HashToScalar of RFC 9497 §4.1: the 64 expanded bytes as a little-endian integer mod ℓ. */
  hashToScalar(parts: readonly Uint8Array[], dstPrimeBytes: Uint8Array): Uint8Array {
    this.#expand(parts, dstPrimeBytes);
    this.#sodium._crypto_core_ristretto255_scalar_reduce(this.#scratch + RESULT, this.#scratch + WIDE);
    return this.#get(RESULT, SCALAR_BYTES);
  }

  /** A 64-byte string reduced mod ℓ (uniform when the bytes are). */
  reduceWide(wide: Uint8Array): Uint8Array {
    this.#put(WIDE, wide);
    this.#sodium._crypto_core_ristretto255_scalar_reduce(this.#scratch + RESULT, this.#scratch + WIDE);
    return this.#get(RESULT, SCALAR_BYTES);
  }

  /** scalar · element, or undefined when the element is not canonical or the product is the identity. */
  multiply(scalar: Uint8Array, element: Uint8Array): Uint8Array | undefined {
    this.#put(SCALAR_A, scalar);
    this.#put(POINT_A, element);
    const status = this.#sodium._crypto_scalarmult_ristretto255(
      this.#scratch + RESULT,
      this.#scratch + SCALAR_A,
      this.#scratch + POINT_A,
    );
    return status === 0 ? this.#get(RESULT, ELEMENT_BYTES) : undefined;
  }

  /** scalar · G, or undefined for the identity (scalar 0). */
  multiplyBase(scalar: Uint8Array): Uint8Array | undefined {
    this.#put(SCALAR_A, scalar);
    const status = this.#sodium._crypto_scalarmult_ristretto255_base(
      this.#scratch + RESULT,
      this.#scratch + SCALAR_A,
    );
    return status === 0 ? this.#get(RESULT, ELEMENT_BYTES) : undefined;
  }

  /** a + b, or undefined when either is not a canonical encoding. */
  add(a: Uint8Array, b: Uint8Array): Uint8Array | undefined {
    this.#put(POINT_A, a);
    this.#put(POINT_B, b);
    const status = this.#sodium._crypto_core_ristretto255_add(
      this.#scratch + RESULT,
      this.#scratch + POINT_A,
      this.#scratch + POINT_B,
    );
    return status === 0 ? this.#get(RESULT, ELEMENT_BYTES) : undefined;
  }

  /** Canonical encoding of a group element (the identity included). */
  isValidElement(element: Uint8Array): boolean {
    this.#put(POINT_A, element);
    return this.#sodium._crypto_core_ristretto255_is_valid_point(this.#scratch + POINT_A) === 1;
  }

  scalarAdd(a: Uint8Array, b: Uint8Array): Uint8Array {
    this.#put(SCALAR_A, a);
    this.#put(SCALAR_B, b);
    this.#sodium._crypto_core_ristretto255_scalar_add(
      this.#scratch + RESULT,
      this.#scratch + SCALAR_A,
      this.#scratch + SCALAR_B,
    );
    return this.#get(RESULT, SCALAR_BYTES);
  }

  scalarMul(a: Uint8Array, b: Uint8Array): Uint8Array {
    this.#put(SCALAR_A, a);
    this.#put(SCALAR_B, b);
    this.#sodium._crypto_core_ristretto255_scalar_mul(
      this.#scratch + RESULT,
      this.#scratch + SCALAR_A,
      this.#scratch + SCALAR_B,
    );
    return this.#get(RESULT, SCALAR_BYTES);
  }

  scalarSub(a: Uint8Array, b: Uint8Array): Uint8Array {
    this.#put(SCALAR_A, a);
    this.#put(SCALAR_B, b);
    this.#sodium._crypto_core_ristretto255_scalar_sub(
      this.#scratch + RESULT,
      this.#scratch + SCALAR_A,
      this.#scratch + SCALAR_B,
    );
    return this.#get(RESULT, SCALAR_BYTES);
  }

  /** 1/a mod ℓ; a must be non-zero. */
  scalarInvert(a: Uint8Array): Uint8Array {
    this.#put(SCALAR_A, a);
    this.#sodium._crypto_core_ristretto255_scalar_invert(this.#scratch + RESULT, this.#scratch + SCALAR_A);
    return this.#get(RESULT, SCALAR_BYTES);
  }

  sha512Each(messages: readonly MessageParts[]): Uint8Array[] {
    return messages.map((parts) => this.sha512(parts));
  }

  hashToGroupEach(messages: readonly MessageParts[], dstPrimeBytes: Uint8Array): Uint8Array[] {
    return messages.map((parts) => this.hashToGroup(parts, dstPrimeBytes));
  }

  hashToScalarEach(messages: readonly MessageParts[], dstPrimeBytes: Uint8Array): Uint8Array[] {
    return messages.map((parts) => this.hashToScalar(parts, dstPrimeBytes));
  }

  reduceWideEach(wides: readonly Uint8Array[]): Uint8Array[] {
    return wides.map((wide) => this.reduceWide(wide));
  }

  multiplyAll(scalar: Uint8Array, elements: readonly Uint8Array[]): BatchOutcome<Uint8Array[]> {
    return each(elements.length, (i) => this.multiply(scalar, elements[i]!));
  }

  multiplyEach(scalars: readonly Uint8Array[], elements: readonly Uint8Array[]): BatchOutcome<Uint8Array[]> {
    return each(elements.length, (i) => this.multiply(scalars[i]!, elements[i]!));
  }

  multiplyBaseEach(scalars: readonly Uint8Array[]): BatchOutcome<Uint8Array[]> {
    return each(scalars.length, (i) => this.multiplyBase(scalars[i]!));
  }

  linearCombination(
    scalars: readonly Uint8Array[],
    elements: readonly Uint8Array[],
  ): BatchOutcome<Uint8Array> {
    let sum: Uint8Array | undefined;
    for (let index = 0; index < elements.length; index++) {
      const term = this.multiply(scalars[index]!, elements[index]!);
      if (term === undefined) {
        // libsodium also fails on an identity product: only an undecodable element is an error.
        if (!this.isValidElement(elements[index]!)) return { ok: false, index };
        continue;
      }
      // Both operands are libsodium's own encodings, so the addition cannot fail.
      sum = sum === undefined ? term : this.add(sum, term)!;
    }
    return { ok: true, value: sum ?? new Uint8Array(ELEMENT_BYTES) };
  }

  firstInvalid(elements: readonly Uint8Array[]): number {
    return elements.findIndex((element) => isAllZero(element) || !this.isValidElement(element));
  }

  /** Montgomery's trick: n inverses for one inversion and 3(n − 1) multiplications. */
  invertEach(scalars: readonly Uint8Array[]): BatchOutcome<Uint8Array[]> {
    const zero = scalars.findIndex(isAllZero);
    if (zero >= 0) return { ok: false, index: zero };
    const prefix: Uint8Array[] = [scalars[0]!];
    for (let i = 1; i < scalars.length; i++) prefix.push(this.scalarMul(prefix[i - 1]!, scalars[i]!));
    let inverse = this.scalarInvert(prefix[scalars.length - 1]!);
    const value = new Array<Uint8Array>(scalars.length);
    for (let i = scalars.length - 1; i > 0; i--) {
      value[i] = this.scalarMul(inverse, prefix[i - 1]!);
      inverse = this.scalarMul(inverse, scalars[i]!);
    }
    value[0] = inverse;
    for (let i = 1; i < prefix.length; i++) prefix[i]!.fill(0);
    return { ok: true, value };
  }

  /** Overwrites the scratch areas, which held secret scalars (keys, blinds, r). */
  wipe(): void {
    const heap = this.#sodium.HEAPU8;
    heap.fill(0, this.#scratch, this.#scratch + SCRATCH_BYTES);
    heap.fill(0, this.#message, this.#message + this.#messageCapacity);
  }
}
