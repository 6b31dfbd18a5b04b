/** The scrub classifier says "listed" exactly when the builder registered the number, in any spelling. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fictionalNumber, spellings } from '../../../../scripts/fictional-numbers.ts';
import { classifierFromSetup } from '../../../../src/client/scrub/classifier-setup.ts';
import { LISTED, NO_FIELD, NOT_LISTED, reasonOf } from '../../../../src/client/scrub/row-status.ts';
import { parseFilter } from '../../../../src/core/filter/format.ts';
import { checkNumbers, epochMembership } from '../../../../src/core/membership.ts';
import { epochInMemory } from '../../../helpers/open-epoch.ts';

describe('scrub classifier', async () => {
  const key = new Uint8Array(32).fill(9);
  const registered = Array.from({ length: 3000 }, (_, i) => fictionalNumber(i * 2));
  const { shards, manifest } = await epochInMemory(registered, { key, shardMaxBytes: 8192 });
  const classify = classifierFromSetup({ shards, manifest, region: 'FR' });

  it('lists every registered number in every spelling, and no free one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2999 }), fc.integer({ min: 0, max: 7 }), (i, s) => {
        expect(classify(spellings(registered[i]!)[s]!)).toBe(LISTED);
        expect(classify(spellings(fictionalNumber(i * 2 + 1))[s]!)).toBe(NOT_LISTED);
      }),
    );
  });

  it('agrees with the core checkNumbers, invalid reasons included', async () => {
    const values = ['', 'abc', '12', '+999 12', '1'.repeat(70), registered[3]!, '07 00 00 00 00'];
    const core = await checkNumbers(
      epochMembership(manifest),
      values,
      async (index) => parseFilter(shards[index]!).filter,
    );
    values.forEach((value, i) => {
      const status = classify(value);
      const expected = core[i]!;
      if (expected.status === 'invalid') expect(reasonOf(status)).toBe(expected.reason);
      else expect(status).toBe(expected.status === 'listed' ? LISTED : NOT_LISTED);
    });
    expect(classify(undefined)).toBe(NO_FIELD);
  });
});
