/**
 * Synthetic French mobile numbers, deterministic from a seed: entry i is +336 followed by the 8 digits
 * of a keyed pseudo-random permutation of i over [0, 10^8) (a 4-round Feistel network on two 4-digit
 * halves, round keys from a seeded PRNG). Being a permutation, distinct indexes give distinct numbers:
 * members are indexes 0..n-1 and non-members are taken from NON_MEMBER_START on, so a non-member is
 * never in the input, and the input has no duplicates (entries = rows).
 */
import { seededRandom } from '../../scripts/fictional-numbers.ts';

const HALF = 10_000;
const SPACE = HALF * HALF;
export const NON_MEMBER_START = SPACE / 2;
export const MAX_MEMBERS = NON_MEMBER_START;

export class SyntheticNumbers {
  private readonly roundKeys: number[];

  constructor(seed: number) {
    const random = mulberry32(seed);
    this.roundKeys = Array.from({ length: 4 }, () => Math.floor(random() * 2 ** 32));
  }

  /** The 8 subscriber digits of entry i, as a number below 10^8. */
  subscriber(index: number): number {
    if (!(index >= 0 && index < SPACE)) throw new RangeError(`synthetic index out of range: ${index}`);
    let left = Math.floor(index / HALF);
    let right = index % HALF;
    for (const key of this.roundKeys) {
      const next = (left + mix(right, key)) % HALF;
      left = right;
      right = next;
    }
    return left * HALF + right;
  }

  /** "+33612345678" */
  e164(index: number): string {
    return `+336${eightDigits(this.subscriber(index))}`;
  }

  /** "06 12 34 56 78", the national spelling of the same number. */
  national(index: number): string {
    const d = eightDigits(this.subscriber(index));
    return `06 ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4, 6)} ${d.slice(6, 8)}`;
  }

  nonMemberE164(index: number): string {
    return this.e164(NON_MEMBER_START + index);
  }
}

function eightDigits(value: number): string {
  return value.toString().padStart(8, '0');
}

/** A round function: any deterministic mix of (half, key) to [0, 10^4) keeps the Feistel a permutation. */
function mix(half: number, key: number): number {
  let x = Math.imul(half ^ key, 0x9e3779b1);
  x ^= x >>> 15;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  return (x >>> 0) % HALF;
}

/** The project's seeded PRNG (mulberry32), floats in [0, 1). */
export const mulberry32 = seededRandom;
