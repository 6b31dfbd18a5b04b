/**
 * Golomb-Rice coding of a sorted set of distinct positions (docs/FORMAT.md §12.2), as Safe Browsing
 * codes its hash-prefix diffs. Gaps g0 = p0, gi = pi − p(i−1) − 1 are geometric-like when the
 * positions are spread at random, for which a Rice code with parameter r ≈ log2(mean gap) is within a
 * few percent of the entropy: each gap is ⌊g / 2^r⌋ one-bits, a zero bit, then the r low bits of g,
 * least significant first. Bits fill each byte from its least significant bit; the last byte is padded
 * with zero bits.
 */
import { FormatError } from '../errors.ts';

export const MAX_RICE_PARAMETER = 31;

/** The exact length in bits of the positions coded with parameter r. */
export function riceBitLength(positions: ArrayLike<number>, r: number): number {
  let bits = 0;
  let previous = -1;
  const divisor = 2 ** r;
  for (let i = 0; i < positions.length; i++) {
    const gap = positions[i]! - previous - 1;
    previous = positions[i]!;
    bits += Math.floor(gap / divisor) + 1 + r;
  }
  return bits;
}

/**
 * The Rice parameter that codes these positions in the fewest bits: log2 of the mean gap, then its
 * neighbours measured exactly (the estimate is off by one when gaps are not geometric).
 */
export function chooseRiceParameter(positions: ArrayLike<number>, span: number): number {
  if (positions.length === 0) return 0;
  const estimate = Math.max(0, Math.min(MAX_RICE_PARAMETER, Math.floor(Math.log2(span / positions.length))));
  let best = estimate;
  let bestBits = riceBitLength(positions, estimate);
  for (const r of [estimate - 2, estimate - 1, estimate + 1, estimate + 2]) {
    if (r < 0 || r > MAX_RICE_PARAMETER) continue;
    const bits = riceBitLength(positions, r);
    if (bits < bestBits) [best, bestBits] = [r, bits];
  }
  return best;
}

export function riceEncode(positions: ArrayLike<number>, r: number): Uint8Array {
  const out = new Uint8Array(Math.ceil(riceBitLength(positions, r) / 8));
  let at = 0; // next bit to write
  const divisor = 2 ** r;
  let previous = -1;
  for (let i = 0; i < positions.length; i++) {
    const gap = positions[i]! - previous - 1;
    previous = positions[i]!;
    // Unary quotient: q one-bits, then the zero bit the zeroed buffer already holds.
    for (let q = Math.floor(gap / divisor); q > 0; q--, at++) out[at >>> 3]! |= 1 << (at & 7);
    at++;
    let remainder = gap % divisor;
    for (let bit = 0; bit < r; bit++, at++) {
      if (remainder & 1) out[at >>> 3]! |= 1 << (at & 7);
      remainder = Math.floor(remainder / 2);
    }
  }
  return out;
}

/**
 * Decodes exactly `count` positions, each below `limit`, strictly increasing by construction; the
 * payload must end within its last byte and that byte's padding bits must be zero.
 */
export function riceDecode(payload: Uint8Array, count: number, r: number, limit: number): Uint32Array {
  const positions = new Uint32Array(count);
  const totalBits = payload.length * 8;
  let at = 0;
  let previous = -1;
  const divisor = 2 ** r;
  for (let i = 0; i < count; i++) {
    let q = 0;
    while (true) {
      if (at >= totalBits) throw new FormatError('delta payload ends inside a gap');
      if (((payload[at >>> 3]! >>> (at & 7)) & 1) === 0) break;
      q++;
      at++;
    }
    at++;
    if (at + r > totalBits) throw new FormatError('delta payload ends inside a gap');
    let remainder = 0;
    for (let bit = 0; bit < r; bit++, at++) {
      if ((payload[at >>> 3]! >>> (at & 7)) & 1) remainder += 2 ** bit;
    }
    const position = previous + 1 + q * divisor + remainder;
    if (position >= limit) throw new FormatError('delta flips a bit past the end of the shard');
    positions[i] = position;
    previous = position;
  }
  if (totalBits - at >= 8) throw new FormatError('delta payload is longer than its positions');
  for (; at < totalBits; at++) {
    if ((payload[at >>> 3]! >>> (at & 7)) & 1) throw new FormatError('delta payload padding is not zero');
  }
  return positions;
}

/** LEB128 varints of the same gaps: the simple alternative the bench compares Rice against. */
export function varintByteLength(positions: ArrayLike<number>): number {
  let bytes = 0;
  let previous = -1;
  for (let i = 0; i < positions.length; i++) {
    let gap = positions[i]! - previous - 1;
    previous = positions[i]!;
    do {
      bytes++;
      gap = Math.floor(gap / 128);
    } while (gap > 0);
  }
  return bytes;
}
