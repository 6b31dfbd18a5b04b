/**
 * Synthetic NANP numbers (`+1NPANXXXXXX`) for the edge benchmark's US-sized lists, deterministic from
 * a seed. The space is every NPA and NXX from 200 to 999 with any 4-digit line: 800 × 800 × 10^4 =
 * 6.4·10^9 numbers. Entry i is an affine permutation of i over that space (multiplier coprime with
 * 2 and 5, offset from the seed), so distinct indexes give distinct numbers: members are indexes
 * 0..n-1, non-members are taken from NON_MEMBER_START on. They follow the plan's shape only: they are
 * never printed, and the benchmark never writes them anywhere but into the filter it builds.
 */
import { seededRandom } from '../../scripts/fictional-numbers.ts';

const PER_NPA = 800 * 10_000;
const SPACE = 800 * PER_NPA;
/** 2^32 − 5, a prime: coprime with 2 and 5, hence with the space (2^14 · 5^8). */
const MULTIPLIER = 4_294_967_291;
const MULTIPLIER_HIGH = Math.floor(MULTIPLIER / 65_536);
const MULTIPLIER_LOW = MULTIPLIER % 65_536;
/** Indexes from here on are never members of a list of up to this many numbers. */
export const NON_MEMBER_START = 3_000_000_000;

export class NanpNumbers {
  readonly #offset: number;

  constructor(seed: number) {
    this.#offset = Math.floor(seededRandom(seed)() * SPACE);
  }

  /** "+12125550123"-shaped, for index 0 ≤ i < 6.4·10^9. */
  e164(index: number): string {
    if (!(Number.isSafeInteger(index) && index >= 0 && index < SPACE)) {
      throw new RangeError(`synthetic NANP index out of range: ${index}`);
    }
    // (index · MULTIPLIER + offset) mod SPACE without leaving exact doubles (index < 2^33).
    const high = ((index * MULTIPLIER_HIGH) % SPACE) * 65_536;
    const value = (((high % SPACE) + index * MULTIPLIER_LOW + this.#offset) % SPACE) as number;
    const npa = 200 + Math.floor(value / PER_NPA);
    const rest = value % PER_NPA;
    const nxx = 200 + Math.floor(rest / 10_000);
    const line = rest % 10_000;
    return `+1${npa}${nxx}${String(line).padStart(4, '0')}`;
  }

  nonMember(index: number): string {
    return this.e164(NON_MEMBER_START + index);
  }
}
