/**
 * The national-scale builder runs (builder-us, builder-fr): a register's plan and the synthetic numbers
 * of its input, each a keyed permutation (no duplicates, non-members never in the input).
 */
import { FRENCH_MAX_MEMBERS, SyntheticFrenchPlanNumbers } from './french-plan-numbers.ts';
import { NANP_MAX_MEMBERS, SyntheticNanpNumbers } from './nanp-numbers.ts';

export type NationalPlan = 'US' | 'FR';

export interface NationalNumbers {
  /** The input line of entry i: canonical E.164. */
  e164(index: number): string;
  /** What the builder hashes for it (normalisation scheme 3's key). */
  key(index: number): string;
  nonMemberKey(index: number): string;
}

export interface NationalRegister {
  plan: NationalPlan;
  /** What the input holds, for the notes. */
  describes: string;
  /** The cached input's file name prefix. */
  fileStem: string;
  maxMembers: number;
  numbers(seed: number): NationalNumbers;
}

export const NATIONAL_REGISTERS: Readonly<Record<NationalPlan, NationalRegister>> = {
  US: {
    plan: 'US',
    describes: 'canonical E.164 NANP numbers (+1 NPA NXX XXXX)',
    fileStem: 'nanp',
    maxMembers: NANP_MAX_MEMBERS,
    numbers: (seed) => new SyntheticNanpNumbers(seed),
  },
  FR: {
    plan: 'FR',
    describes:
      'canonical E.164 numbers of the French plan (9 national digits; overseas ranges written +262, +590, +594, +596)',
    fileStem: 'fr-plan',
    maxMembers: FRENCH_MAX_MEMBERS,
    numbers: (seed) => new SyntheticFrenchPlanNumbers(seed),
  },
};
