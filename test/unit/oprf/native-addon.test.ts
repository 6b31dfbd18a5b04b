/**
 * The C addon (native/ristretto255.c) on its own: each batch function against @noble/curves, the index
 * it reports for the first bad item, and its argument checks. Skipped, with a test title saying so,
 * when the addon is not built on this machine (scripts/build-native.mjs).
 */
import { createHash } from 'node:crypto';
import { ristretto255, ristretto255_hasher } from '@noble/curves/ed25519.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRistrettoAddon, type RistrettoAddon } from '../../../src/oprf/native/native-addon.ts';
import { hex, NATIVE_BUILT, noteNativeSkipped, toHex } from './helpers/backends.ts';

const Point = ristretto255.Point;
const ORDER = Point.Fn.ORDER;
/** RFC 9496 §A.2 bad encodings, and the generator with bit 255 set (which libsodium 1.0.18 accepts). */
const BAD_ENCODINGS = [
  '00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
  'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '0100000000000000000000000000000000000000000000000000000000000000',
  'ed57ffd8c914fb201471d1c3d245ce3c746fcbe63a3679d51b6a516ebebe0e20',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2df6',
];
const IDENTITY = new Uint8Array(32);

const concat = (items: readonly Uint8Array[]) => Uint8Array.from(items.flatMap((item) => [...item]));
const split = (bytes: Uint8Array, size = 32) =>
  Array.from({ length: bytes.length / size }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
const scalarBytes = (value: bigint) => Point.Fn.toBytes(value);
const randomScalar = () =>
  (BigInt(`0x${toHex(crypto.getRandomValues(new Uint8Array(40)))}`) % (ORDER - 1n)) + 1n;
const randomPoint = () => Point.BASE.multiply(randomScalar());

noteNativeSkipped();

describe.runIf(NATIVE_BUILT)('native addon (native/build/ristretto255.node)', () => {
  let addon: RistrettoAddon;
  beforeAll(() => {
    addon = loadRistrettoAddon();
  });

  it('reports its libsodium version', () => {
    expect(addon.sodiumVersion).toMatch(/^1\.0\.\d+/);
  });

  it('multiplies like noble: one scalar by many points, each scalar by its point, scalars by G', () => {
    const scalars = Array.from({ length: 20 }, randomScalar);
    const points = Array.from({ length: 20 }, randomPoint);
    const packedPoints = concat(points.map((point) => point.toBytes()));
    const packedScalars = concat(scalars.map(scalarBytes));
    const out = new Uint8Array(packedPoints.length);
    expect(addon.scalarmultMany(out, scalarBytes(scalars[0]!), packedPoints)).toBe(-1);
    expect(split(out).map(toHex)).toEqual(
      points.map((point) => toHex(point.multiply(scalars[0]!).toBytes())),
    );
    expect(addon.scalarmultEach(out, packedScalars, packedPoints)).toBe(-1);
    expect(split(out).map(toHex)).toEqual(
      points.map((point, i) => toHex(point.multiply(scalars[i]!).toBytes())),
    );
    expect(addon.scalarmultBaseEach(out, packedScalars)).toBe(-1);
    expect(split(out).map(toHex)).toEqual(
      scalars.map((scalar) => toHex(Point.BASE.multiply(scalar).toBytes())),
    );
  });

  it('reports the first point that does not decode, bit 255 set included', () => {
    const good = Array.from({ length: 6 }, () => randomPoint().toBytes());
    for (const bad of BAD_ENCODINGS) {
      const points = concat([...good.slice(0, 4), hex(bad), good[4]!, hex(BAD_ENCODINGS[0]!)]);
      const out = new Uint8Array(points.length);
      expect(addon.validateMany(points), bad).toBe(4);
      expect(addon.scalarmultMany(out, scalarBytes(7n), points), bad).toBe(4);
      expect(addon.scalarmultEach(out, concat(Array(7).fill(scalarBytes(7n))), points), bad).toBe(4);
      expect(
        addon.scalarmultSum(new Uint8Array(32), concat(Array(7).fill(scalarBytes(7n))), points),
        bad,
      ).toBe(4);
      expect(addon.addEach(new Uint8Array(32), good[0]!, hex(bad)), bad).toBe(0);
    }
    expect(addon.validateMany(concat([good[0]!, IDENTITY]))).toBe(1);
    expect(addon.validateMany(concat(good))).toBe(-1);
    // An identity product fails a plain multiplication (libsodium's contract)...
    expect(addon.scalarmultMany(new Uint8Array(64), scalarBytes(0n), concat(good.slice(0, 2)))).toBe(0);
    expect(addon.scalarmultBaseEach(new Uint8Array(64), concat([scalarBytes(3n), scalarBytes(0n)]))).toBe(1);
  });

  it('sums products like noble, skipping identity terms; the empty sum is the identity', () => {
    const scalars = Array.from({ length: 30 }, randomScalar);
    const points = Array.from({ length: 30 }, randomPoint);
    scalars[3] = 0n;
    const pointBytes = points.map((point) => point.toBytes());
    pointBytes[7] = IDENTITY;
    const expected = points.reduce(
      (sum, point, i) => (i === 3 || i === 7 ? sum : sum.add(point.multiply(scalars[i]!))),
      Point.ZERO,
    );
    const out = new Uint8Array(32);
    expect(addon.scalarmultSum(out, concat(scalars.map(scalarBytes)), concat(pointBytes))).toBe(-1);
    expect(toHex(out)).toBe(toHex(expected.toBytes()));
    out.fill(1);
    expect(addon.scalarmultSum(out, new Uint8Array(0), new Uint8Array(0))).toBe(-1);
    expect(toHex(out)).toBe(toHex(IDENTITY));
    const [a, b] = [randomPoint(), randomPoint()];
    expect(addon.addEach(out, a.toBytes(), b.toBytes())).toBe(-1);
    expect(toHex(out)).toBe(toHex(a.add(b).toBytes()));
  });

  it('sums like noble at every batch size its multi-scalar multiplication meets (window widths 2 to 9)', () => {
    // Points from hashing and from multiples, scalars from the whole 256-bit range (bit 255 ignored,
    // as libsodium ignores it), negatives of each other so that sums vanish, and identities.
    for (const size of [1, 2, 3, 5, 17, 64, 255, 1000, 3000]) {
      const points = Array.from({ length: size }, (_, i) =>
        i % 3 === 0
          ? ristretto255_hasher.deriveToCurve!(crypto.getRandomValues(new Uint8Array(64)))
          : randomPoint(),
      );
      const raw: Uint8Array[] = Array.from({ length: size }, () =>
        crypto.getRandomValues(new Uint8Array(32)),
      );
      if (size > 4) {
        raw[1] = scalarBytes(ORDER - 1n);
        raw[2] = new Uint8Array(32).fill(0xff);
        points[4] = Point.ZERO;
      }
      const value = (bytes: Uint8Array) =>
        BigInt(`0x${toHex(Uint8Array.from(bytes).reverse())}`) & ((1n << 255n) - 1n);
      const expected = points.reduce((sum, point, i) => {
        const k = value(raw[i]!) % ORDER;
        return k === 0n ? sum : sum.add(point.multiply(k));
      }, Point.ZERO);
      const out = new Uint8Array(32);
      const pointBytes = concat(points.map((point) => point.toBytes()));
      expect(addon.scalarmultSum(out, concat(raw), pointBytes), `size ${size}`).toBe(-1);
      expect(toHex(out), `size ${size}`).toBe(toHex(expected.toBytes()));
    }
    const out = new Uint8Array(32);
    // Decoding agrees with libsodium's on random bytes, and 1·P re-encodes P exactly.
    const one = scalarBytes(1n);
    let valid = 0;
    for (let i = 0; i < 2000; i++) {
      const bytes = crypto.getRandomValues(new Uint8Array(32));
      if (i % 2 === 0) bytes[31]! &= 0x7f;
      const accepted = addon.scalarmultSum(out, one, bytes) === -1;
      expect(accepted, toHex(bytes)).toBe(addon.validateMany(bytes) === -1);
      if (accepted) {
        valid++;
        expect(toHex(out)).toBe(toHex(bytes));
      }
    }
    expect(valid).toBeGreaterThan(50);
    // A vanishing sum: k·P + (ℓ − k)·P.
    const [k, P] = [randomScalar(), randomPoint().toBytes()];
    out.fill(1);
    expect(addon.scalarmultSum(out, concat([scalarBytes(k), scalarBytes(ORDER - k)]), concat([P, P]))).toBe(
      -1,
    );
    expect(toHex(out)).toBe(toHex(IDENTITY));
    // The first bad encoding of a large batch, wherever it is.
    const many: Uint8Array[] = Array.from({ length: 500 }, () => randomPoint().toBytes());
    many[321] = hex(BAD_ENCODINGS[2]!);
    many[400] = hex(BAD_ENCODINGS[6]!);
    const scalars = concat(Array.from({ length: 500 }, () => scalarBytes(randomScalar())));
    expect(addon.scalarmultSum(out, scalars, concat(many))).toBe(321);
  });

  it('inverts a batch of scalars (Montgomery), and reports a zero scalar', () => {
    const scalars = [...Array.from({ length: 9 }, randomScalar), 1n, ORDER - 1n];
    const packed = concat(scalars.map(scalarBytes));
    const inverses = new Uint8Array(packed.length);
    expect(addon.scalarInvertMany(inverses, packed)).toBe(-1);
    expect(split(inverses).map((inverse) => Point.Fn.fromBytes(inverse))).toEqual(
      scalars.map((scalar) => Point.Fn.inv(scalar)),
    );
    const products = new Uint8Array(packed.length);
    expect(addon.scalarMulEach(products, packed, inverses)).toBe(-1);
    expect(split(products).every((product) => Point.Fn.fromBytes(product) === 1n)).toBe(true);
    const withZero = concat([scalarBytes(5n), scalarBytes(0n), scalarBytes(6n)]);
    expect(addon.scalarInvertMany(new Uint8Array(96), withZero)).toBe(1);
  });

  it('reduces wide values, adds and subtracts scalars, maps hashes to points like noble', () => {
    const wides = Array.from({ length: 5 }, () => crypto.getRandomValues(new Uint8Array(64)));
    const out = new Uint8Array(5 * 32);
    expect(addon.scalarReduceMany(out, concat(wides))).toBe(-1);
    const asBigInt = (bytes: Uint8Array) => BigInt(`0x${toHex(Uint8Array.from(bytes).reverse())}`);
    expect(split(out).map(toHex)).toEqual(wides.map((wide) => toHex(scalarBytes(asBigInt(wide) % ORDER))));
    expect(addon.scalarSubEach(out.subarray(0, 32), scalarBytes(3n), scalarBytes(5n))).toBe(-1);
    expect(Point.Fn.fromBytes(out.subarray(0, 32))).toBe(ORDER - 2n);
    expect(addon.scalarAddEach(out.subarray(0, 32), scalarBytes(ORDER - 2n), scalarBytes(5n))).toBe(-1);
    expect(Point.Fn.fromBytes(out.subarray(0, 32))).toBe(3n);
    const points = new Uint8Array(5 * 32);
    expect(addon.fromHashMany(points, concat(wides))).toBe(-1);
    expect(split(points).map(toHex)).toEqual(
      wides.map((wide) => toHex(ristretto255_hasher.deriveToCurve!(wide).toBytes())),
    );
  });

  it('hashes a batch of messages of any length with SHA-512', () => {
    const messages = [0, 1, 111, 112, 128, 129, 1000].map((length) =>
      crypto.getRandomValues(new Uint8Array(length)),
    );
    const ends = new Uint32Array(messages.length);
    messages.reduce((end, message, i) => (ends[i] = end + message.length), 0);
    const out = new Uint8Array(messages.length * 64);
    expect(addon.sha512Many(out, concat(messages), ends)).toBe(-1);
    expect(split(out, 64).map(toHex)).toEqual(
      messages.map((message) => createHash('sha512').update(message).digest('hex')),
    );
    const empty = new Uint8Array(128);
    expect(addon.sha512Many(empty, new Uint8Array(0), Uint32Array.of(0, 0))).toBe(-1);
    expect(toHex(empty.subarray(64))).toBe(createHash('sha512').digest('hex'));
    expect(() => addon.sha512Many(new Uint8Array(64), new Uint8Array(10), Uint32Array.of(11))).toThrow(
      RangeError,
    );
  });

  it('throws on wrong argument types and sizes (programming errors), never crashes', () => {
    const point = Point.BASE.toBytes();
    const call = (f: () => unknown) => f;
    const misuse = addon as unknown as Record<string, (...args: unknown[]) => number>;
    expect(call(() => misuse.validateMany!([1, 2, 3]))).toThrow(TypeError);
    expect(call(() => misuse.validateMany!(new Uint16Array(16)))).toThrow(TypeError);
    expect(call(() => misuse.validateMany!())).toThrow(TypeError);
    expect(call(() => addon.validateMany(new Uint8Array(31)))).toThrow(RangeError);
    expect(call(() => addon.scalarmultMany(new Uint8Array(32), new Uint8Array(31), point))).toThrow(
      RangeError,
    );
    expect(call(() => addon.scalarmultEach(new Uint8Array(64), concat([point, point]), point))).toThrow(
      RangeError,
    );
    expect(call(() => addon.sha512Many(new Uint8Array(64), new Uint8Array(1), new Uint32Array(2)))).toThrow(
      RangeError,
    );
  });
});
