/**
 * Shard delta format v1 ("QLBD"), byte by byte in docs/FORMAT.md §12. A delta turns the previous
 * epoch's file of a shard into this epoch's: the bits that differ (XOR of the two bit arrays) as sorted
 * positions, Golomb-Rice gap-coded (rice-coding.ts), plus the new entry count. Both files share the
 * stable geometry (same index, p, m, k, ε), so everything else in the header is equal. All integers
 * little-endian.
 *
 *   0  magic "QLBD"           20 u32 c (flipped bits)        64 32 bytes SHA-256 of the target file
 *   4  u16 format version 1   24 u8 Rice parameter r         96 payload, L bytes
 *   6  u16 header length 96   25 u8 shard prefix bits p      96+L u32 CRC-32 of every preceding byte
 *   8  u32 shard index        26 u16 reserved zero
 *  12  u32 m (bit count)      28 u32 L (payload bytes)
 *  16  u32 n of the target    32 32 bytes SHA-256 of the source file
 */
import { fromHex, type Sha256Hex, toHex } from '../encoding/bytes.ts';
import { FormatError } from '../errors.ts';
import { crc32 } from './crc32.ts';
import { FILTER_HEADER_BYTES, parseFilter } from './format.ts';
import { chooseRiceParameter, MAX_RICE_PARAMETER, riceDecode, riceEncode } from './rice-coding.ts';

export const DELTA_MAGIC = 'QLBD';
export const DELTA_FORMAT_VERSION = 1;
export const DELTA_HEADER_BYTES = 96;

export interface ShardDeltaHeader {
  shardIndex: number;
  shardPrefixBits: number;
  bitCount: number;
  /** Entries of the target shard (its header's n). */
  entries: number;
  flipped: number;
  riceParameter: number;
  fromSha256: string;
  toSha256: string;
}

export interface ParsedShardDelta extends ShardDeltaHeader {
  payload: Uint8Array;
}

/** The positions of the bits that differ between two equal-length bit arrays, ascending. */
export function flippedBits(from: Uint8Array, to: Uint8Array): Uint32Array {
  let positions = new Uint32Array(1024);
  let count = 0;
  for (let byte = 0; byte < from.length; byte++) {
    let diff = from[byte]! ^ to[byte]!;
    if (diff === 0) continue;
    if (count + 8 > positions.length) {
      const grown = new Uint32Array(positions.length * 2);
      grown.set(positions);
      positions = grown;
    }
    for (let bit = 0; diff !== 0; bit++, diff >>>= 1) if (diff & 1) positions[count++] = byte * 8 + bit;
  }
  return positions.subarray(0, count);
}

/**
 * The delta from `fromFile` to `toFile` (two v1 filter files of the same shard and geometry), with
 * their SHA-256s as the manifests list them. Throws when the geometries differ: no delta then.
 */
export function encodeShardDelta(
  fromFile: Uint8Array,
  toFile: Uint8Array,
  hashes: { fromSha256: string; toSha256: string },
): Uint8Array {
  const from = parseFilter(fromFile);
  const to = parseFilter(toFile);
  if (
    from.shardIndex !== to.shardIndex ||
    from.shardPrefixBits !== to.shardPrefixBits ||
    from.filter.bitCount !== to.filter.bitCount ||
    from.filter.hashCount !== to.filter.hashCount ||
    from.falsePositiveRate !== to.falsePositiveRate
  ) {
    throw new FormatError('a delta joins two files of the same shard geometry');
  }
  const positions = flippedBits(from.filter.bits, to.filter.bits);
  const riceParameter = chooseRiceParameter(positions, to.filter.bitCount);
  const payload = riceEncode(positions, riceParameter);
  const out = new Uint8Array(DELTA_HEADER_BYTES + payload.length + 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = DELTA_MAGIC.charCodeAt(i);
  view.setUint16(4, DELTA_FORMAT_VERSION, true);
  view.setUint16(6, DELTA_HEADER_BYTES, true);
  view.setUint32(8, to.shardIndex, true);
  view.setUint32(12, to.filter.bitCount, true);
  view.setUint32(16, to.entries, true);
  view.setUint32(20, positions.length, true);
  view.setUint8(24, riceParameter);
  view.setUint8(25, to.shardPrefixBits);
  view.setUint32(28, payload.length, true);
  out.set(fromHex(hashes.fromSha256), 32);
  out.set(fromHex(hashes.toSha256), 64);
  out.set(payload, DELTA_HEADER_BYTES);
  view.setUint32(out.length - 4, crc32(out.subarray(0, out.length - 4)), true);
  return out;
}

/** Reads a v1 delta, checking every field before trusting it (the payload is a view into `bytes`). */
export function parseShardDelta(bytes: Uint8Array): ParsedShardDelta {
  if (bytes.length < DELTA_HEADER_BYTES + 4) throw new FormatError(`delta truncated: ${bytes.length} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!);
  if (magic !== DELTA_MAGIC) throw new FormatError('not a quietlist shard delta (bad magic bytes)');
  const version = view.getUint16(4, true);
  if (version !== DELTA_FORMAT_VERSION) throw new FormatError(`unsupported delta format version ${version}`);
  if (view.getUint16(6, true) !== DELTA_HEADER_BYTES) throw new FormatError('unexpected delta header length');
  if (view.getUint16(26, true) !== 0) throw new FormatError('reserved delta header bytes are not zero');
  const payloadLength = view.getUint32(28, true);
  if (bytes.length !== DELTA_HEADER_BYTES + payloadLength + 4) {
    throw new FormatError(
      `delta is ${bytes.length} bytes, its header says ${DELTA_HEADER_BYTES + payloadLength + 4}`,
    );
  }
  if (crc32(bytes.subarray(0, bytes.length - 4)) !== view.getUint32(bytes.length - 4, true)) {
    throw new FormatError('delta checksum mismatch (corrupted)', 'CHECKSUM_MISMATCH');
  }
  const header: ParsedShardDelta = {
    shardIndex: view.getUint32(8, true),
    bitCount: view.getUint32(12, true),
    entries: view.getUint32(16, true),
    flipped: view.getUint32(20, true),
    riceParameter: view.getUint8(24),
    shardPrefixBits: view.getUint8(25),
    fromSha256: toHex(bytes.subarray(32, 64)),
    toSha256: toHex(bytes.subarray(64, 96)),
    payload: bytes.subarray(DELTA_HEADER_BYTES, DELTA_HEADER_BYTES + payloadLength),
  };
  if (header.riceParameter > MAX_RICE_PARAMETER) throw new FormatError('Rice parameter out of range');
  if (header.shardPrefixBits > 16 || header.shardIndex >= 2 ** header.shardPrefixBits)
    throw new FormatError('delta shard index out of range');
  if (header.flipped > header.bitCount) throw new FormatError('delta flips more bits than the shard has');
  return header;
}

/**
 * Applies a delta to the source file: checks the source is the one the delta names, flips the bits,
 * writes the target's n and CRC, and returns the new file only if its SHA-256 is the delta's target
 * (the caller then checks it against the signed manifest). The source bytes are not modified.
 */
export async function applyShardDelta(
  fromFile: Uint8Array,
  deltaBytes: Uint8Array,
  sha256Hex: Sha256Hex,
): Promise<Uint8Array> {
  const delta = parseShardDelta(deltaBytes);
  if ((await sha256Hex(fromFile)) !== delta.fromSha256) {
    throw new FormatError('the delta starts from another file than the cached shard', 'CHECKSUM_MISMATCH');
  }
  const from = parseFilter(fromFile);
  if (
    from.shardIndex !== delta.shardIndex ||
    from.shardPrefixBits !== delta.shardPrefixBits ||
    from.filter.bitCount !== delta.bitCount
  ) {
    throw new FormatError('the delta is for another shard geometry');
  }
  const positions = riceDecode(delta.payload, delta.flipped, delta.riceParameter, delta.bitCount);
  const out = fromFile.slice();
  const bits = out.subarray(FILTER_HEADER_BYTES, out.length - 4);
  for (const position of positions) bits[position >>> 3]! ^= 1 << (position & 7);
  const view = new DataView(out.buffer);
  view.setUint32(24, delta.entries, true);
  view.setUint32(out.length - 4, crc32(out.subarray(0, out.length - 4)), true);
  if ((await sha256Hex(out)) !== delta.toSha256) {
    throw new FormatError('the patched shard does not have the SHA-256 the delta names', 'CHECKSUM_MISMATCH');
  }
  return out;
}
