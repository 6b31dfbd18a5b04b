/**
 * Synthetic North American numbers for the US-sized builder and edge runs, deterministic from a seed:
 * entry i is +1 NPA NXX XXXX read from a keyed pseudo-random permutation of i over the 6.4·10⁹ numbers
 * whose area code (NPA) and exchange (NXX) start with 2-9 (feistel-permutation.ts, on two halves of
 * 80,000). Being a permutation, distinct indexes give distinct numbers: members are indexes 0..n-1 and
 * non-members are taken from NON_MEMBER_START on, so the input has no duplicates (entries = rows) and a
 * non-member is never in it. Generated, never taken from any list.
 */
import { FeistelPermutation } from './feistel-permutation.ts';

const HALF = 80_000;
const SPACE = HALF * HALF;
const PER_NPA = 800 * 10_000;
/** Names this generator in cached epochs' directories: a kept epoch built from other numbers is never reused. */
export const NANP_GENERATOR = 'feistel4';
export const NANP_NON_MEMBER_START = SPACE / 2;
export const NANP_MAX_MEMBERS = NANP_NON_MEMBER_START;

export class SyntheticNanpNumbers {
  private readonly permutation: FeistelPermutation;

  constructor(seed: number) {
    this.permutation = new FeistelPermutation(HALF, seed ^ 0x1f1f1f1f);
  }

  /** "+12125550123" */
  e164(index: number): string {
    const x = this.permutation.at(index);
    const npa = 200 + Math.floor(x / PER_NPA);
    const rest = x % PER_NPA;
    const nxx = 200 + Math.floor(rest / 10_000);
    return `+1${npa}${nxx}${(rest % 10_000).toString().padStart(4, '0')}`;
  }

  nonMemberE164(index: number): string {
    return this.e164(NANP_NON_MEMBER_START + index);
  }

  /** What the builder hashes for entry i: the E.164 string itself (NANP is no shared plan). */
  key(index: number): string {
    return this.e164(index);
  }

  nonMemberKey(index: number): string {
    return this.nonMemberE164(index);
  }
}
