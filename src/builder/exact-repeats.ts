/**
 * Exact duplicate counting for pass 2, at almost no cost. A Bloom insert that finds every bit of a
 * digest already set is either a repeat of an earlier digest or a false positive; before, every such
 * insert was counted as a duplicate, so `entries` fell short by the collisions (9,999,999 for 10M
 * distinct numbers). Only those inserts (the candidates) can be repeats, and a repeat's first occurrence
 * is in the same spill bucket, so one scan of the bucket against a small table of the candidates' heads
 * settles each: the first record with a given head is its first occurrence, every later one a repeat.
 * The cost is one probe of a cache-sized table per record; the memory, a few words per candidate.
 *
 * Heads are the digests' first 12 bytes: two distinct numbers with the same 96 bits (probability about
 * n²/2⁹⁷, 4·10⁻¹³ at 250M numbers) would count once, and would set exactly the same filter bits anyway.
 */
import { DIGEST_MIN_BYTES } from '../core/filter/bloom-filter.ts';

const W = DIGEST_MIN_BYTES / 4;

/**
 * Calls `onRepeat(position)` for every record of `records` (12-byte heads, `count` of them) whose head
 * an earlier record has; `candidates[0 .. candidateCount)` lists positions that may be repeats, and
 * must include every repeat.
 */
export function forEachRepeat(
  records: Uint8Array,
  count: number,
  candidates: Uint32Array,
  candidateCount: number,
  onRepeat: (position: number) => void,
): void {
  if (candidateCount === 0) return;
  if (records.byteOffset % 4 !== 0) throw new RangeError('records must be 4-byte aligned');
  const words = new Uint32Array(records.buffer, records.byteOffset, count * W);
  // Open addressing over the distinct candidate heads, at most half full: slot → position + 1 (0: empty).
  const size = 2 ** Math.max(4, Math.ceil(Math.log2(candidateCount * 2)));
  const mask = size - 1;
  const slots = new Uint32Array(size);
  // Words 1 and 2 (digest bytes 4..11) are uniform within a bucket; word 0 starts with the bucket's byte.
  const slotOf = (position: number) => (words[position * W + 1]! ^ words[position * W + 2]!) & mask;
  const sameHead = (a: number, b: number) =>
    words[a * W] === words[b * W] &&
    words[a * W + 1] === words[b * W + 1] &&
    words[a * W + 2] === words[b * W + 2];
  for (let c = 0; c < candidateCount; c++) {
    const position = candidates[c]!;
    for (let slot = slotOf(position); ; slot = (slot + 1) & mask) {
      const held = slots[slot]!;
      if (held === 0) {
        slots[slot] = position + 1;
        break;
      }
      if (sameHead(held - 1, position)) break;
    }
  }
  const seen = new Uint8Array(size);
  for (let position = 0; position < count; position++) {
    for (let slot = slotOf(position); ; slot = (slot + 1) & mask) {
      const held = slots[slot]!;
      if (held === 0) break;
      if (!sameHead(held - 1, position)) continue;
      if (seen[slot] === 0) seen[slot] = 1;
      else onRepeat(position);
      break;
    }
  }
}
