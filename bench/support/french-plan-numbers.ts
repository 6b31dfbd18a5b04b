/**
 * Synthetic numbers of the French dialling plan for the French-sized builder run, deterministic from a
 * seed: entry i is a national significant number of 9 digits starting with 1-9 (the plan's length),
 * read from a keyed pseudo-random permutation of i over those 9·10⁸ numbers (feistel-permutation.ts,
 * on two halves of 30,000). A number in a range of an overseas region (0692 … La Réunion, 0690 …
 * Guadeloupe, …) is written with that region's calling code, as a CRM exports it ("+262692…"); every
 * number is keyed "+33" and its national number all the same (normalisation scheme 3,
 * src/core/phone/numbering-plan.ts). Being a permutation, distinct indexes
 * give distinct numbers: members are indexes 0..n-1, non-members come from NON_MEMBER_START on.
 * Generated, never taken from any list.
 */
import { FeistelPermutation } from './feistel-permutation.ts';

const HALF = 30_000;
const SPACE = HALF * HALF;
export const FRENCH_NON_MEMBER_START = SPACE / 2;
export const FRENCH_MAX_MEMBERS = FRENCH_NON_MEMBER_START;

/** First three digits of a national number → the overseas calling code CRMs write it with. */
const OVERSEAS_CODE: Readonly<Record<string, string>> = {
  '262': '262',
  '263': '262',
  '269': '262',
  '639': '262',
  '692': '262',
  '693': '262',
  '590': '590',
  '690': '590',
  '691': '590',
  '594': '594',
  '694': '594',
  '596': '596',
  '696': '596',
  '697': '596',
};

export class SyntheticFrenchPlanNumbers {
  private readonly permutation: FeistelPermutation;

  constructor(seed: number) {
    this.permutation = new FeistelPermutation(HALF, seed ^ 0x33333333);
  }

  /** "612345678": the national significant number of entry i. */
  national(index: number): string {
    return String(100_000_000 + this.permutation.at(index));
  }

  /** "+33612345678", or "+262692123456" for a number of La Réunion's ranges. */
  e164(index: number): string {
    const national = this.national(index);
    return `+${OVERSEAS_CODE[national.slice(0, 3)] ?? '33'}${national}`;
  }

  /** What the builder hashes for entry i: the plan's home code and the national number. */
  key(index: number): string {
    return `+33${this.national(index)}`;
  }

  nonMemberKey(index: number): string {
    return this.key(FRENCH_NON_MEMBER_START + index);
  }
}
