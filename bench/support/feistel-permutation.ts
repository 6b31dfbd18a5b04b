/**
 * The keyed pseudo-random permutation every synthetic number generator of the benchmarks reads its
 * numbers from (synthetic-numbers.ts, french-plan-numbers.ts, nanp-numbers.ts): a 4-round Feistel
 * network on two halves of `half` values, round keys from the project's seeded PRNG. Being a
 * permutation of [0, half²), distinct indexes give distinct values, so members (indexes 0..n-1) and
 * non-members (indexes from the generator's NON_MEMBER_START on) never meet. Cached inputs and kept
 * epochs are named by the numbers it gives: changing it changes every benchmark's input.
 */
import { seededRandom } from '../../scripts/fictional-numbers.ts';

export class FeistelPermutation {
  /** How many values it permutes: half². */
  readonly size: number;
  private readonly half: number;
  private readonly roundKeys: number[];

  /** `half` a whole number up to 2^26, so every index (below half²) is an exact integer. */
  constructor(half: number, seed: number) {
    if (!(Number.isInteger(half) && half > 0 && half <= 2 ** 26))
      throw new RangeError(`half out of range: ${half}`);
    this.half = half;
    this.size = half * half;
    const random = seededRandom(seed);
    this.roundKeys = Array.from({ length: 4 }, () => Math.floor(random() * 2 ** 32));
  }

  /** The value at `index`, in [0, size). */
  at(index: number): number {
    if (!(index >= 0 && index < this.size)) throw new RangeError(`synthetic index out of range: ${index}`);
    const { half } = this;
    let left = Math.floor(index / half);
    let right = index - left * half;
    for (const key of this.roundKeys) {
      // left and the mix are below half, so one subtraction is the `% half` of their sum.
      let next = left + mix(right, key, half);
      if (next >= half) next -= half;
      left = right;
      right = next;
    }
    return left * half + right;
  }
}

/**
 * A round function: any deterministic mix of (value, key) to [0, half) keeps the Feistel a permutation.
 * Its remainder is taken through a division of doubles, exact for a 32-bit x (a quotient that is not
 * whole is at least 1/half below the next integer, far more than its rounding error, 2^-20/half),
 * because `%` by a divisor that is not a constant costs an integer division per round: the edge
 * benchmark times a build that reads its rows from here.
 */
function mix(value: number, key: number, half: number): number {
  let x = Math.imul(value ^ key, 0x9e3779b1);
  x ^= x >>> 15;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x >>>= 0;
  return x - Math.floor(x / half) * half;
}
