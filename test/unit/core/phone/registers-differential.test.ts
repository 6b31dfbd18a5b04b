/**
 * The differential check of docs/NUMBERS.md at test scale (scripts/register-differential.ts measures it
 * at 1,500 numbers per register): valid numbers of every register's plan (checked by Google's
 * libphonenumber), half registered through the real builder, every spelling people and Excel write
 * checked through the membership path. Counts only: no number is printed.
 */
import { describe, expect, it } from 'vitest';
import { runProfile } from '../../../../scripts/register-differential.ts';
import { REGISTER_PROFILES } from '../../../../scripts/register-numbers.ts';

describe('every register, every spelling', () => {
  it.each(REGISTER_PROFILES.map((profile) => [profile.id, profile] as const))(
    '%s: no registered number answered "not listed", no other one answered "listed"',
    async (_, profile) => {
      const outcome = await runProfile(profile, 160, 2026);
      expect(outcome.numbers).toBe(160);
      const summary = [...outcome.bySpelling].map(([name, counts]) => ({ name, ...counts }));
      expect(summary.length).toBeGreaterThanOrEqual(6);
      expect(summary.filter((row) => row.falseNegatives > 0 || row.falsePositives > 0)).toEqual([]);
      // A registered number in a spelling of the world is found: never "invalid" either.
      expect(summary.filter((row) => row.registeredInvalid > 0)).toEqual([]);
      expect(outcome.pathDisagreements).toBe(0);
    },
  );
});
