/**
 * Filter file format v1 ("QLBF"), byte by byte in docs/FORMAT.md. All integers little-endian.
 *
 *   0  magic "QLBF"          12 u32 shard index      32 f64 target false-positive rate
 *   4  u16 format version 1  16 u32 k (hash count)   40 24 reserved zero bytes
 *   6  u16 header length 64  20 u32 m (bit count)    64 bit array, m/8 bytes, bit i = byte i>>3, bit i&7
 *   8  u8 filter type 1      24 u32 n (entries)      end-4 u32 CRC-32 of every preceding byte
 *   9  u8 index scheme 1     28 u32 reserved zero
 *  10  u8 shard prefix bits
 *  11  u8 reserved zero
 */

import { FormatError, QuietlistError } from '../errors.ts';
import { BloomFilter } from './bloom-filter.ts';
import { crc32 } from './crc32.ts';
import { type BloomParameters, MAX_SHARD_BITS } from './sizing.ts';

export const FILTER_MAGIC = 'QLBF';
export const FILTER_FORMAT_VERSION = 1;
export const FILTER_HEADER_BYTES = 64;
export const FILTER_TYPE_BLOOM = 1;
/** Enhanced double hashing over the u32 LE digest words at bytes 4 and 8 (bloom-filter.ts). */
export const INDEX_SCHEME_EDH32 = 1;

export interface FilterShard {
  filter: BloomFilter;
  shardIndex: number;
  shardPrefixBits: number;
  entries: number;
  falsePositiveRate: number;
}

export function serializeFilter(shard: FilterShard): Uint8Array {
  const file = allocateFilterFile(shard.filter);
  file.filter.bits.set(shard.filter.bits);
  return file.finish({ ...shard, filter: file.filter });
}

/**
 * A filter whose bit array lives inside its own file buffer, so a builder fills it in place and
 * publishes it without a second copy of every shard in memory.
 */
export function allocateFilterFile(parameters: BloomParameters): {
  filter: BloomFilter;
  finish(shard: FilterShard): Uint8Array;
} {
  if (!isFileBitCount(parameters.bitCount)) {
    throw new QuietlistError(
      'INVALID_ARGUMENT',
      'a filter file holds a multiple of 64 bits, from 64 to 2^32 - 64',
    );
  }
  const out = new Uint8Array(FILTER_HEADER_BYTES + parameters.bitCount / 8 + 4);
  const filter = new BloomFilter(parameters, out.subarray(FILTER_HEADER_BYTES, out.length - 4));
  return { filter, finish: (shard) => writeHeaderAndChecksum(out, shard) };
}

function writeHeaderAndChecksum(out: Uint8Array, shard: FilterShard): Uint8Array {
  const { filter } = shard;
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  for (let i = 0; i < 4; i++) out[i] = FILTER_MAGIC.charCodeAt(i);
  view.setUint16(4, FILTER_FORMAT_VERSION, true);
  view.setUint16(6, FILTER_HEADER_BYTES, true);
  view.setUint8(8, FILTER_TYPE_BLOOM);
  view.setUint8(9, INDEX_SCHEME_EDH32);
  view.setUint8(10, shard.shardPrefixBits);
  view.setUint32(12, shard.shardIndex, true);
  view.setUint32(16, filter.hashCount, true);
  view.setUint32(20, filter.bitCount, true);
  view.setUint32(24, shard.entries, true);
  view.setFloat64(32, shard.falsePositiveRate, true);
  view.setUint32(out.length - 4, crc32(out.subarray(0, out.length - 4)), true);
  return out;
}

/**
 * Reads a v1 filter file, checking every field before trusting it. The bit array is a view into
 * `bytes` (no copy): callers that keep the filter must not reuse the buffer.
 */
export function parseFilter(bytes: Uint8Array): FilterShard {
  if (bytes.length < FILTER_HEADER_BYTES + 4) {
    throw new FormatError(
      `filter file truncated: ${bytes.length} bytes, the header alone is ${FILTER_HEADER_BYTES}`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!);
  if (magic !== FILTER_MAGIC) throw new FormatError('not a quietlist filter file (bad magic bytes)');
  const version = view.getUint16(4, true);
  if (version !== FILTER_FORMAT_VERSION) {
    throw new FormatError(
      `unsupported filter format version ${version} (this reader knows ${FILTER_FORMAT_VERSION})`,
    );
  }
  if (view.getUint16(6, true) !== FILTER_HEADER_BYTES)
    throw new FormatError('unexpected filter header length');
  if (view.getUint8(8) !== FILTER_TYPE_BLOOM)
    throw new FormatError(`unknown filter type ${view.getUint8(8)}`);
  if (view.getUint8(9) !== INDEX_SCHEME_EDH32)
    throw new FormatError(`unknown index scheme ${view.getUint8(9)}`);
  if (
    view.getUint8(11) !== 0 ||
    view.getUint32(28, true) !== 0 ||
    bytes.subarray(40, 64).some((b) => b !== 0)
  ) {
    throw new FormatError('reserved filter header bytes are not zero');
  }
  const bitCount = view.getUint32(20, true);
  const hashCount = view.getUint32(16, true);
  const expectedLength = FILTER_HEADER_BYTES + Math.ceil(bitCount / 8) + 4;
  if (bytes.length !== expectedLength) {
    throw new FormatError(
      `filter file is ${bytes.length} bytes, its header says ${expectedLength} (truncated or padded)`,
    );
  }
  const storedCrc = view.getUint32(bytes.length - 4, true);
  if (crc32(bytes.subarray(0, bytes.length - 4)) !== storedCrc) {
    throw new FormatError('filter file checksum mismatch (corrupted)', 'CHECKSUM_MISMATCH');
  }
  const shardPrefixBits = view.getUint8(10);
  const shardIndex = view.getUint32(12, true);
  if (shardPrefixBits > 16 || shardIndex >= 2 ** shardPrefixBits)
    throw new FormatError('shard index out of range');
  if (!isFileBitCount(bitCount)) throw new FormatError('bit count is not a multiple of 64 in range');
  const falsePositiveRate = view.getFloat64(32, true);
  if (!(falsePositiveRate > 0 && falsePositiveRate < 0.5))
    throw new FormatError('false-positive rate out of range');
  let filter: BloomFilter;
  try {
    filter = new BloomFilter({ bitCount, hashCount }, bytes.subarray(FILTER_HEADER_BYTES, bytes.length - 4));
  } catch (error) {
    throw new FormatError(`invalid filter parameters: ${(error as Error).message}`);
  }
  return { filter, shardIndex, shardPrefixBits, entries: view.getUint32(24, true), falsePositiveRate };
}

/** Whole 64-bit words, so a reader may use u64 words; at most 2^32 - 64 so indexes fit a u32. */
function isFileBitCount(bitCount: number): boolean {
  return bitCount >= 64 && bitCount % 64 === 0 && bitCount <= MAX_SHARD_BITS;
}
