/**
 * The benchmarks' synthetic numbers are pinned: cached inputs and kept epochs are named by the
 * generator and seed (bench/support/input-files.ts, NANP_GENERATOR), so a change to the permutation
 * (bench/support/feistel-permutation.ts) or to a generator's spelling would silently reuse inputs
 * built from other numbers. The digests below are of the first 2,000 entries of each generator for one
 * seed, as the generators gave them when they were written (fictional numbers, never a list's).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SyntheticFrenchPlanNumbers } from '../../../bench/support/french-plan-numbers.ts';
import { SyntheticNanpNumbers } from '../../../bench/support/nanp-numbers.ts';
import { SyntheticNumbers } from '../../../bench/support/synthetic-numbers.ts';

const SEED = 20260315;
const COUNT = 2_000;

function digestOf(spell: (index: number) => string): string {
  const hash = createHash('sha256');
  for (let i = 0; i < COUNT; i++) hash.update(`${spell(i)}\n`);
  return hash.digest('hex');
}

describe('the benchmarks’ synthetic number generators', () => {
  it('give the same numbers as when inputs were cached', () => {
    const french = new SyntheticFrenchPlanNumbers(SEED);
    const nanp = new SyntheticNanpNumbers(SEED);
    const mobiles = new SyntheticNumbers(SEED);
    expect({
      french: digestOf((i) => french.e164(i)),
      frenchNonMembers: digestOf((i) => french.nonMemberKey(i)),
      nanp: digestOf((i) => nanp.e164(i)),
      nanpNonMembers: digestOf((i) => nanp.nonMemberE164(i)),
      mobiles: digestOf((i) => mobiles.national(i)),
      mobileNonMembers: digestOf((i) => mobiles.nonMemberE164(i)),
    }).toEqual(PINNED);
  });

  it('refuse an index outside their space', () => {
    expect(() => new SyntheticNanpNumbers(SEED).e164(6_400_000_000)).toThrow(RangeError);
    expect(() => new SyntheticFrenchPlanNumbers(SEED).national(-1)).toThrow(RangeError);
    expect(() => new SyntheticNumbers(SEED).subscriber(100_000_000)).toThrow(RangeError);
  });
});

const PINNED = {
  french: '51d9e5f6dc720d45d080d3a245f0e02ce1b58a7b24b468bfffa8c4d1a1833c36',
  frenchNonMembers: '4c6148afddfe81f1f007fe475f3c239eefeeab311c731e544d69250c0dd3043d',
  nanp: '4cc09e2df879af5ffa6a984dd71174d896cc15211f2ed94480ccbdae7472b0ed',
  nanpNonMembers: 'ae690ba9908c0a6fe1d117cfdb3ef42d442398c45ad617dfe883a3cd52949b47',
  mobiles: '3fde40c74bb703e2856cf1886726f7cd6947cd2ce794a7c9c11f3ce992ab8267',
  mobileNonMembers: '41378d200557b4c03836ba2821bf8da4a3f19bf68b65a3d922715a115cef2379',
};
