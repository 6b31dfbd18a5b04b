/**
 * The RistrettoGroup (../group.ts) over the native addon: every batch is packed into one buffer, handed
 * to C in one call and unpacked as views of one output buffer. Inputs that held secrets (blinds, random
 * bytes, keys being derived, pre-outputs) are wiped as soon as C has read them; there is no long-lived
 * scratch memory, so `wipe` has nothing left to do.
 */
import type { BatchOutcome, MessageParts, RistrettoGroup } from '../group.ts';
import { ELEMENT_BYTES, SCALAR_BYTES } from '../suite.ts';
import type { RistrettoAddon } from './native-addon.ts';

const WIDE_BYTES = 64;
const DIGEST_BYTES = 64;
const Z_PAD_BYTES = 128; // SHA-512 block size (RFC 9380 §5.3.1)
const UNIFORM_BYTES = 64; // hash_to_ristretto255 and HashToScalar both expand to 64 bytes
const OK = -1;

/** Concatenates same-size items. */
function pack(items: readonly Uint8Array[], size: number): Uint8Array {
  const packed = new Uint8Array(items.length * size);
  items.forEach((item, i) => {
    if (item.length !== size) throw new RangeError(`item ${i} is ${item.length} bytes, not ${size}`);
    packed.set(item, i * size);
  });
  return packed;
}

/** The items of a packed buffer, as views (the buffer belongs to them alone). */
function unpack(packed: Uint8Array, size: number): Uint8Array[] {
  return Array.from({ length: packed.length / size }, (_, i) => packed.subarray(i * size, (i + 1) * size));
}

function outcome<T>(status: number, value: () => T): BatchOutcome<T> {
  return status === OK ? { ok: true, value: value() } : { ok: false, index: status };
}

export class NativeRistretto implements RistrettoGroup {
  readonly #addon: RistrettoAddon;
  readonly #tails = new WeakMap<Uint8Array, { xmd: Uint8Array; b1: Uint8Array }>();

  constructor(addon: RistrettoAddon) {
    this.#addon = addon;
  }

  get sodiumVersion(): string {
    return this.#addon.sodiumVersion;
  }

  /** SHA-512 of each `prefix zero bytes ‖ parts ‖ suffix`, packed (64 bytes each); the input is wiped. */
  #sha512Packed(messages: readonly MessageParts[], zeros: number, suffix: Uint8Array): Uint8Array {
    const ends = new Uint32Array(messages.length);
    let total = 0;
    messages.forEach((parts, i) => {
      total += zeros + suffix.length;
      for (const part of parts) total += part.length;
      ends[i] = total;
    });
    const buffer = new Uint8Array(total);
    let offset = 0;
    for (const parts of messages) {
      offset += zeros;
      for (const part of parts) {
        buffer.set(part, offset);
        offset += part.length;
      }
      buffer.set(suffix, offset);
      offset += suffix.length;
    }
    const digests = new Uint8Array(messages.length * DIGEST_BYTES);
    this.#addon.sha512Many(digests, buffer, ends);
    buffer.fill(0);
    return digests;
  }

  /** expand_message_xmd(SHA-512) of each message to 64 bytes (ell = 1: the output is b_1), packed. */
  #expand(messages: readonly MessageParts[], dstPrime: Uint8Array): Uint8Array {
    let tails = this.#tails.get(dstPrime);
    if (tails === undefined) {
      // I2OSP(64, 2) ‖ I2OSP(0, 1) ‖ DST_prime after the message; I2OSP(1, 1) ‖ DST_prime after b_0.
      const xmd = new Uint8Array(3 + dstPrime.length);
      xmd[1] = UNIFORM_BYTES;
      xmd.set(dstPrime, 3);
      const b1 = new Uint8Array(1 + dstPrime.length);
      b1[0] = 1;
      b1.set(dstPrime, 1);
      tails = { xmd, b1 };
      this.#tails.set(dstPrime, tails);
    }
    const b0 = this.#sha512Packed(messages, Z_PAD_BYTES, tails.xmd);
    const uniform = this.#sha512Packed(
      unpack(b0, DIGEST_BYTES).map((digest) => [digest]),
      0,
      tails.b1,
    );
    b0.fill(0);
    return uniform;
  }

  sha512Each(messages: readonly MessageParts[]): Uint8Array[] {
    return unpack(this.#sha512Packed(messages, 0, new Uint8Array(0)), DIGEST_BYTES);
  }

  hashToGroupEach(messages: readonly MessageParts[], dstPrime: Uint8Array): Uint8Array[] {
    const uniform = this.#expand(messages, dstPrime);
    const elements = new Uint8Array(messages.length * ELEMENT_BYTES);
    this.#addon.fromHashMany(elements, uniform);
    uniform.fill(0);
    return unpack(elements, ELEMENT_BYTES);
  }

  hashToScalarEach(messages: readonly MessageParts[], dstPrime: Uint8Array): Uint8Array[] {
    const uniform = this.#expand(messages, dstPrime);
    const scalars = new Uint8Array(messages.length * SCALAR_BYTES);
    this.#addon.scalarReduceMany(scalars, uniform);
    uniform.fill(0);
    return unpack(scalars, SCALAR_BYTES);
  }

  reduceWideEach(wides: readonly Uint8Array[]): Uint8Array[] {
    const packed = pack(wides, WIDE_BYTES);
    const scalars = new Uint8Array(wides.length * SCALAR_BYTES);
    this.#addon.scalarReduceMany(scalars, packed);
    packed.fill(0);
    return unpack(scalars, SCALAR_BYTES);
  }

  multiplyAll(scalar: Uint8Array, elements: readonly Uint8Array[]): BatchOutcome<Uint8Array[]> {
    if (scalar.length !== SCALAR_BYTES) throw new RangeError(`scalar is ${scalar.length} bytes`);
    const out = new Uint8Array(elements.length * ELEMENT_BYTES);
    const status = this.#addon.scalarmultMany(out, scalar, pack(elements, ELEMENT_BYTES));
    return outcome(status, () => unpack(out, ELEMENT_BYTES));
  }

  multiplyEach(scalars: readonly Uint8Array[], elements: readonly Uint8Array[]): BatchOutcome<Uint8Array[]> {
    const packedScalars = pack(scalars, SCALAR_BYTES);
    const out = new Uint8Array(elements.length * ELEMENT_BYTES);
    const status = this.#addon.scalarmultEach(out, packedScalars, pack(elements, ELEMENT_BYTES));
    packedScalars.fill(0);
    return outcome(status, () => unpack(out, ELEMENT_BYTES));
  }

  multiplyBaseEach(scalars: readonly Uint8Array[]): BatchOutcome<Uint8Array[]> {
    const packedScalars = pack(scalars, SCALAR_BYTES);
    const out = new Uint8Array(scalars.length * ELEMENT_BYTES);
    const status = this.#addon.scalarmultBaseEach(out, packedScalars);
    packedScalars.fill(0);
    return outcome(status, () => unpack(out, ELEMENT_BYTES));
  }

  linearCombination(
    scalars: readonly Uint8Array[],
    elements: readonly Uint8Array[],
  ): BatchOutcome<Uint8Array> {
    const packedScalars = pack(scalars, SCALAR_BYTES);
    const out = new Uint8Array(ELEMENT_BYTES);
    const status = this.#addon.scalarmultSum(out, packedScalars, pack(elements, ELEMENT_BYTES));
    packedScalars.fill(0);
    return outcome(status, () => out);
  }

  firstInvalid(elements: readonly Uint8Array[]): number {
    for (let i = 0; i < elements.length; i++) {
      if (elements[i]!.length !== ELEMENT_BYTES) return i;
    }
    return this.#addon.validateMany(pack(elements, ELEMENT_BYTES));
  }

  scalarAdd(a: Uint8Array, b: Uint8Array): Uint8Array {
    const out = new Uint8Array(SCALAR_BYTES);
    this.#addon.scalarAddEach(out, a, b);
    return out;
  }

  scalarMul(a: Uint8Array, b: Uint8Array): Uint8Array {
    const out = new Uint8Array(SCALAR_BYTES);
    this.#addon.scalarMulEach(out, a, b);
    return out;
  }

  scalarSub(a: Uint8Array, b: Uint8Array): Uint8Array {
    const out = new Uint8Array(SCALAR_BYTES);
    this.#addon.scalarSubEach(out, a, b);
    return out;
  }

  invertEach(scalars: readonly Uint8Array[]): BatchOutcome<Uint8Array[]> {
    const packed = pack(scalars, SCALAR_BYTES);
    const out = new Uint8Array(scalars.length * SCALAR_BYTES);
    const status = this.#addon.scalarInvertMany(out, packed);
    packed.fill(0);
    return outcome(status, () => unpack(out, SCALAR_BYTES));
  }

  wipe(): void {}
}
