/** The open-mode warning quotes the enumeration benchmark's record for the epoch's own plan, not a figure written in code. */
import { describe, expect, it } from 'vitest';
import recorded from '../../../../src/core/privacy/enumeration-benchmark.json' with { type: 'json' };
import { modePrivacyStatement } from '../../../../src/core/privacy/mode-privacy.ts';
import {
  describeDuration,
  describeWalkCost,
  enumerationCost,
  walkMinutes,
} from '../../../../src/core/privacy/open-mode-exposure.ts';
import { BUILTIN_PROFILES } from '../../../../src/core/registers/builtin-profiles.ts';

describe('the recorded cost of walking a plan', () => {
  it('is a plausible benchmark record: a date, a rate, and the plan of every built-in register', () => {
    expect(recorded.measuredAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Number.isNaN(Date.parse(recorded.measuredAt))).toBe(false);
    expect(recorded.walkRatePerCore).toBeGreaterThan(1_000);
    for (const profile of BUILTIN_PROFILES) {
      const plan = (recorded.plans as Record<string, { numbers: number; mobiles: number }>)[profile.region];
      expect(plan, profile.region).toBeDefined();
      expect(plan!.mobiles).toBeGreaterThan(1e6);
      expect(plan!.mobiles).toBeLessThanOrEqual(plan!.numbers);
    }
  });

  it("quotes each register's own plan", () => {
    const us = describeWalkCost(enumerationCost('US'));
    const be = describeWalkCost(enumerationCost('BE'));
    expect(us).toContain('North American plan');
    expect(be).toContain('Belgian plan');
    expect(us).not.toEqual(be);
    const cost = enumerationCost('BE');
    expect(be).toContain(describeDuration(walkMinutes(cost.plan!.mobiles, cost)));
    expect(be).toContain(recorded.measuredAt);
  });

  it('follows a new record: twice the rate, half the minutes', () => {
    const text = describeWalkCost({
      measuredAt: '2030-01-02',
      walkRatePerCore: 500_000,
      region: 'FR',
      plan: { name: 'the French plan', numbers: 9e8, mobiles: 1.5e8 },
    });
    expect(text).toBe(
      'its 1.5×10^8 mobile numbers in about 5 minutes on one core, all 9.0×10^8 valid numbers of the French plan in about 30 minutes (enumeration benchmark of 2030-01-02: 500,000 numbers/s on one core)',
    );
  });

  it('rounds a walk to words: seconds are "under a minute", never "about 0 minutes"', () => {
    expect(describeDuration(0.2)).toBe('under a minute');
    expect(describeDuration(1.2)).toBe('about 1 minute');
    expect(describeDuration(11.4)).toBe('about 11 minutes');
    expect(describeDuration(150)).toBe('about 3 hours');
    expect(describeDuration(60 * 24 * 5)).toBe('about 5 days');
  });

  it('says so when a plan was not measured, and still quotes the rate', () => {
    const text = describeWalkCost(enumerationCost('ZW'));
    expect(text).toContain('the plan of ZW was not measured');
    expect(text).toContain('numbers per second on one core');
  });
});

describe('what each mode promises', () => {
  it("says open mode gives the list away, with the plan's recorded figure", () => {
    const open = modePrivacyStatement('open', 'GB');
    expect(open).toContain('can rebuild the list');
    expect(open).toContain(describeWalkCost(enumerationCost('GB')));
    expect(open).not.toMatch(/never leaves the operator/);
  });

  it('says secret mode shows the numbers to the server, and oprf mode shows it none', () => {
    expect(modePrivacyStatement('secret', 'FR')).toMatch(/sees the numbers checked/);
    const oprf = modePrivacyStatement('oprf', 'FR');
    expect(oprf).toMatch(/one blinded, metered evaluation/);
    expect(oprf).toMatch(/never sees the numbers/);
    expect(oprf).toMatch(/filter alone reveals nothing/);
  });
});
