/** The byte-level rules of RFC 9497 that everything else leans on: canonical scalars and I2OSP framing. */
import { describe, expect, it } from 'vitest';
import { framed, i2osp2, isCanonicalScalar, isNonZeroScalar } from '../../../src/oprf/bytes.ts';

const ORDER = 2n ** 252n + 27742317777372353535851937790883648493n;
const littleEndian = (value: bigint, length = 32) =>
  Uint8Array.from({ length }, (_, i) => Number((value >> BigInt(8 * i)) & 0xffn));

describe('scalars', () => {
  it.each([
    [0n, true],
    [1n, true],
    [2n ** 252n, true],
    [ORDER - 1n, true],
    [ORDER, false],
    [ORDER + 1n, false],
    [2n ** 255n, false],
    [2n ** 256n - 1n, false],
  ])('%s is canonical: %s', (value, canonical) => {
    expect(isCanonicalScalar(littleEndian(value))).toBe(canonical);
  });

  it('rejects zero as a key or blind, and wrong lengths', () => {
    expect(isNonZeroScalar(littleEndian(0n))).toBe(false);
    expect(isNonZeroScalar(littleEndian(5n))).toBe(true);
    expect(isCanonicalScalar(littleEndian(5n, 31))).toBe(false);
    expect(isCanonicalScalar(littleEndian(5n, 33))).toBe(false);
  });
});

describe('framing', () => {
  it('prefixes each value with its 2-byte big-endian length, labels as they are', () => {
    expect(Array.from(i2osp2(0x1234))).toEqual([0x12, 0x34]);
    const out = framed([new Uint8Array([7]), new Uint8Array(0)], new Uint8Array([0x41]));
    expect(Array.from(out)).toEqual([0, 1, 7, 0, 0, 0x41]);
  });
});
