/**
 * Exact duplicate counting for pass 2, at almost no cost. A Bloom insert that finds every bit of a
 * digest already set is either a repeat of an earlier digest or a false positive; before, every such
 * insert was counted as a duplicate, so `entries` fell short by the collisions (9,999,999 for 10M
 * distinct numbers). Only those inserts (the candidates) can be repeats, and a repeat's first occurrence
 * is in the same spill bucket, so one more scan of the bucket against a small table of the candidates'
 * heads settles each: the first record with a given head is its first occurrence, every later one a
 * repeat. The cost is one probe of a cache-sized table per record, and only for buckets with a
 * candidate; the memory, a few words per candidate.
 *
 * Heads are the digests' first 12 bytes: two distinct numbers with the same 96 bits (probability about
 * n²/2⁹⁷, 4·10⁻¹³ at 250M numbers) would count once, and would set exactly the same filter bits anyway.
 */

/** 32-bit words per 12-byte head. */
const W = 3;

export class RepeatFinder {
  #heads = new Uint32Array(W * 64);
  #count = 0;
  #slots = new Uint32Array(0);
  #seen = new Uint8Array(0);
  #mask = 0;

  /** Candidates collected since the last reset. */
  get candidates(): number {
    return this.#count;
  }

  reset(): void {
    this.#count = 0;
  }

  /** Record `record` of `words` (heads as 32-bit words) may be a repeat: keep a copy of its head. */
  candidate(words: Uint32Array, record: number): void {
    if (W * (this.#count + 1) > this.#heads.length) {
      const grown = new Uint32Array(this.#heads.length * 2);
      grown.set(this.#heads);
      this.#heads = grown;
    }
    this.#heads.set(words.subarray(W * record, W * record + W), W * this.#count++);
  }

  /** Builds the table of the distinct candidate heads; then scan the bucket from its first record. */
  prepare(): void {
    const size = 2 ** Math.max(4, Math.ceil(Math.log2(this.#count * 2)));
    this.#mask = size - 1;
    this.#slots = new Uint32Array(size);
    this.#seen = new Uint8Array(size);
    const heads = this.#heads;
    for (let c = 0; c < this.#count; c++) {
      for (let slot = this.#slotOf(heads, c); ; slot = (slot + 1) & this.#mask) {
        const held = this.#slots[slot]!;
        if (held === 0) {
          this.#slots[slot] = c + 1;
          break;
        }
        if (sameHead(heads, held - 1, heads, c)) break;
      }
    }
  }

  /**
   * The bucket's records, in order, `count` at a time: calls `onRepeat(record)` (its index in `words`)
   * for every record whose head an earlier record of the bucket has.
   */
  scan(words: Uint32Array, count: number, onRepeat: (record: number) => void): void {
    const heads = this.#heads;
    for (let record = 0; record < count; record++) {
      for (let slot = this.#slotOf(words, record); ; slot = (slot + 1) & this.#mask) {
        const held = this.#slots[slot]!;
        if (held === 0) break;
        if (!sameHead(heads, held - 1, words, record)) continue;
        if (this.#seen[slot] === 0) this.#seen[slot] = 1;
        else onRepeat(record);
        break;
      }
    }
  }

  /** Words 1 and 2 (digest bytes 4..11) are uniform within a bucket; word 0 starts with the bucket's byte. */
  #slotOf(words: Uint32Array, record: number): number {
    return (words[W * record + 1]! ^ words[W * record + 2]!) & this.#mask;
  }
}

function sameHead(a: Uint32Array, i: number, b: Uint32Array, j: number): boolean {
  return a[W * i] === b[W * j] && a[W * i + 1] === b[W * j + 1] && a[W * i + 2] === b[W * j + 2];
}
