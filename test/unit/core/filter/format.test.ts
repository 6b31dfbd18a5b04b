import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../../src/core/errors.ts';
import { BloomFilter, MAX_HASH_COUNT } from '../../../../src/core/filter/bloom-filter.ts';
import { crc32 } from '../../../../src/core/filter/crc32.ts';
import {
  allocateFilterFile,
  FILTER_HEADER_BYTES,
  type FilterShard,
  parseFilter,
  serializeFilter,
} from '../../../../src/core/filter/format.ts';

const ascii = (text: string) => new TextEncoder().encode(text);

/** A small valid file: 384 bits (48 bytes), 3 shard prefix bits, a few members. */
function sampleFile(): Uint8Array {
  const file = allocateFilterFile({ bitCount: 384, hashCount: 7 });
  for (let i = 0; i < 20; i++)
    file.filter.add(Uint8Array.from({ length: 12 }, (_, j) => (i * 37 + j * 11) & 0xff));
  return file.finish({
    filter: file.filter,
    shardIndex: 5,
    shardPrefixBits: 3,
    entries: 20,
    falsePositiveRate: 0.01,
  });
}

/** Rewrites a header field and recomputes the trailer, so only the field check can object. */
function withField(file: Uint8Array, edit: (view: DataView) => void): Uint8Array {
  const copy = file.slice();
  const view = new DataView(copy.buffer);
  edit(view);
  view.setUint32(copy.length - 4, crc32(copy.subarray(0, copy.length - 4)), true);
  return copy;
}

function formatErrorOf(bytes: Uint8Array): FormatError {
  try {
    parseFilter(bytes);
  } catch (error) {
    if (error instanceof FormatError) return error;
    throw error;
  }
  throw new Error('parseFilter accepted the file');
}

const shardArbitrary = fc
  .record({
    words: fc.integer({ min: 1, max: 64 }),
    hashCount: fc.integer({ min: 1, max: MAX_HASH_COUNT }),
    shardPrefixBits: fc.integer({ min: 0, max: 16 }),
    shardSeed: fc.nat(),
    entries: fc.nat({ max: 2 ** 32 - 1 }),
    falsePositiveRate: fc.double({ min: 1e-12, max: 0.49, noNaN: true }),
    bytes: fc.uint8Array({ minLength: 512, maxLength: 512 }),
  })
  .map(({ words, hashCount, shardPrefixBits, shardSeed, entries, falsePositiveRate, bytes }) => {
    const filter = new BloomFilter({ bitCount: words * 64, hashCount }, bytes.slice(0, words * 8));
    const shardIndex = shardSeed % 2 ** shardPrefixBits;
    return { filter, shardIndex, shardPrefixBits, entries, falsePositiveRate } satisfies FilterShard;
  });

describe('CRC-32', () => {
  it('has the standard check value and empty value', () => {
    expect(crc32(ascii('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(ascii('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
  });
});

describe('filter file format v1', () => {
  it('round-trips every field and every bit', () => {
    fc.assert(
      fc.property(shardArbitrary, (shard) => {
        const bytes = serializeFilter(shard);
        expect(bytes.length).toBe(FILTER_HEADER_BYTES + shard.filter.bitCount / 8 + 4);
        const parsed = parseFilter(bytes);
        expect(parsed.shardIndex).toBe(shard.shardIndex);
        expect(parsed.shardPrefixBits).toBe(shard.shardPrefixBits);
        expect(parsed.entries).toBe(shard.entries);
        expect(parsed.falsePositiveRate).toBe(shard.falsePositiveRate);
        expect(parsed.filter.bitCount).toBe(shard.filter.bitCount);
        expect(parsed.filter.hashCount).toBe(shard.filter.hashCount);
        expect(parsed.filter.bits).toEqual(shard.filter.bits);
        expect(serializeFilter(parsed)).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it('writes the header fields at their documented offsets', () => {
    const bytes = sampleFile();
    const view = new DataView(bytes.buffer);
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('QLBF');
    expect([view.getUint16(4, true), view.getUint16(6, true)]).toEqual([1, 64]);
    expect([bytes[8], bytes[9], bytes[10], bytes[11]]).toEqual([1, 1, 3, 0]);
    expect([12, 16, 20, 24, 28].map((offset) => view.getUint32(offset, true))).toEqual([5, 7, 384, 20, 0]);
    expect(view.getFloat64(32, true)).toBe(0.01);
    expect(bytes.subarray(40, 64).every((byte) => byte === 0)).toBe(true);
    expect(bytes.length).toBe(64 + 48 + 4);
    expect(view.getUint32(bytes.length - 4, true)).toBe(crc32(bytes.subarray(0, bytes.length - 4)));
  });

  it('fills a filter allocated inside its file, then reads every member back', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 256 }),
        fc.integer({ min: 1, max: 16 }),
        fc.array(fc.uint8Array({ minLength: 12, maxLength: 32 }), { maxLength: 100 }),
        (words, hashCount, members) => {
          const file = allocateFilterFile({ bitCount: words * 64, hashCount });
          for (const member of members) file.filter.add(member);
          const bytes = file.finish({
            filter: file.filter,
            shardIndex: 0,
            shardPrefixBits: 0,
            entries: members.length,
            falsePositiveRate: 0.001,
          });
          const parsed = parseFilter(bytes.slice());
          for (const member of members) expect(parsed.filter.has(member)).toBe(true);
          expect(parsed.filter.bits).toEqual(file.filter.bits);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('refuses to allocate a bit count the format does not allow', () => {
    expect(() => allocateFilterFile({ bitCount: 1000, hashCount: 3 })).toThrow(/multiple of 64/);
    expect(() => allocateFilterFile({ bitCount: 2 ** 32, hashCount: 3 })).toThrow(/multiple of 64/);
  });

  it('rejects every truncation, and padding', () => {
    const bytes = sampleFile();
    for (let length = 0; length < bytes.length; length++) {
      const error = formatErrorOf(bytes.subarray(0, length));
      expect(error.message).toMatch(length < 68 ? /truncated: \d+ bytes/ : /truncated or padded/);
    }
    const padded = new Uint8Array(bytes.length + 1);
    padded.set(bytes);
    expect(formatErrorOf(padded).message).toMatch(/truncated or padded/);
  });

  it('rejects every single-byte corruption, by a header check or the checksum', () => {
    const bytes = sampleFile();
    const headerChecks: [number, number, RegExp][] = [
      [0, 4, /bad magic/],
      [4, 6, /unsupported filter format version/],
      [6, 8, /header length/],
      [8, 9, /unknown filter type/],
      [9, 10, /unknown index scheme/],
      [11, 12, /reserved/],
      // m: a changed byte length, or (m ± 1..7 rounds to the same length) the checksum.
      [20, 24, /truncated or padded|checksum mismatch/],
      [28, 32, /reserved/],
      [40, 64, /reserved/],
    ];
    for (let offset = 0; offset < bytes.length; offset++) {
      for (const flip of [0x01, 0x80, 0xff]) {
        const corrupted = bytes.slice();
        corrupted[offset]! ^= flip;
        const error = formatErrorOf(corrupted);
        const check = headerChecks.find(([from, to]) => offset >= from && offset < to);
        if (check) {
          expect(error.message, `offset ${offset}`).toMatch(check[2]);
        } else {
          expect(error.code, `offset ${offset}`).toBe('CHECKSUM_MISMATCH');
        }
      }
    }
  });

  it('names what is wrong with a header whose checksum is right', () => {
    const bytes = sampleFile();
    const cases: [(view: DataView) => void, RegExp][] = [
      [(view) => view.setUint8(0, 0x58), /not a quietlist filter file \(bad magic bytes\)/],
      [(view) => view.setUint16(4, 2, true), /unsupported filter format version 2 \(this reader knows 1\)/],
      [(view) => view.setUint16(6, 128, true), /unexpected filter header length/],
      [(view) => view.setUint8(8, 2), /unknown filter type 2/],
      [(view) => view.setUint8(9, 2), /unknown index scheme 2/],
      [(view) => view.setUint8(11, 1), /reserved filter header bytes are not zero/],
      [(view) => view.setUint32(28, 1, true), /reserved filter header bytes are not zero/],
      [(view) => view.setUint8(63, 1), /reserved filter header bytes are not zero/],
      [(view) => view.setUint8(10, 17), /shard index out of range/],
      [(view) => view.setUint32(12, 8, true), /shard index out of range/],
      [(view) => view.setUint32(16, 0, true), /hash count/],
      [(view) => view.setUint32(16, 65, true), /hash count/],
      [(view) => view.setFloat64(32, 0, true), /false-positive rate out of range/],
      [(view) => view.setFloat64(32, 0.5, true), /false-positive rate out of range/],
      [(view) => view.setFloat64(32, Number.NaN, true), /false-positive rate out of range/],
    ];
    for (const [edit, message] of cases)
      expect(formatErrorOf(withField(bytes, edit)).message).toMatch(message);
  });

  it('rejects a bit count that is a multiple of 8 but not of 64', () => {
    // 320 + 8 bits: the file length matches the header, the checksum is right, the format says no.
    const filter = new BloomFilter({ bitCount: 328, hashCount: 3 });
    const bytes = new Uint8Array(64 + 41 + 4);
    bytes.set(sampleFile().subarray(0, 64));
    const view = new DataView(bytes.buffer);
    view.setUint32(20, filter.bitCount, true);
    view.setUint32(bytes.length - 4, crc32(bytes.subarray(0, bytes.length - 4)), true);
    expect(formatErrorOf(bytes).message).toMatch(/multiple of 64/);
  });
});
