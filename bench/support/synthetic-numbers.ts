/**
 * Synthetic French mobile numbers, deterministic from a seed: entry i is +336 followed by the 8 digits
 * of a keyed pseudo-random permutation of i over [0, 10^8) (feistel-permutation.ts on two 4-digit
 * halves). Being a permutation, distinct indexes give distinct numbers: members are indexes 0..n-1 and
 * non-members are taken from NON_MEMBER_START on, so a non-member is never in the input, and the input
 * has no duplicates (entries = rows).
 */
import { seededRandom } from '../../scripts/fictional-numbers.ts';
import { FeistelPermutation } from './feistel-permutation.ts';

const HALF = 10_000;
const SPACE = HALF * HALF;
export const NON_MEMBER_START = SPACE / 2;
export const MAX_MEMBERS = NON_MEMBER_START;

export class SyntheticNumbers {
  private readonly permutation: FeistelPermutation;

  constructor(seed: number) {
    this.permutation = new FeistelPermutation(HALF, seed);
  }

  /** The 8 subscriber digits of entry i, as a number below 10^8. */
  subscriber(index: number): number {
    return this.permutation.at(index);
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

/** The project's seeded PRNG (mulberry32), floats in [0, 1). */
export const mulberry32 = seededRandom;
