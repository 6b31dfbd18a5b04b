/** The open-mode warning quotes the enumeration benchmark's record, not a figure written in code. */
import { describe, expect, it } from 'vitest';
import recorded from '../../../../src/core/privacy/enumeration-benchmark.json' with { type: 'json' };
import { modePrivacyStatement } from '../../../../src/core/privacy/mode-privacy.ts';
import { describeWalkCost, enumerationCost } from '../../../../src/core/privacy/open-mode-exposure.ts';

describe('the recorded cost of walking the plan', () => {
  it('is a plausible benchmark record: a date, a rate, the French plan', () => {
    expect(recorded.measuredAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Number.isNaN(Date.parse(recorded.measuredAt))).toBe(false);
    expect(recorded.walkRatePerCore).toBeGreaterThan(1_000);
    expect(recorded.planNumbers).toBe(9e8);
  });

  it('derives the minutes from the recorded rate and plan size', () => {
    const cost = enumerationCost();
    expect(cost.planMinutesOneCore).toBe(Math.round(recorded.planNumbers / recorded.walkRatePerCore / 60));
    const text = describeWalkCost(cost);
    expect(text).toContain(`about ${cost.planMinutesOneCore} minutes on one core`);
    expect(text).toContain(recorded.measuredAt);
    expect(text).toContain('9×10^8');
  });

  it('follows a new record: twice the rate, half the minutes', () => {
    const text = describeWalkCost({
      measuredAt: '2030-01-02',
      walkRatePerCore: 500_000,
      planNumbers: 9e8,
      planName: 'the French numbering plan',
      planMinutesOneCore: 30,
    });
    expect(text).toBe(
      'about 30 minutes on one core for the French numbering plan (9×10^8 numbers; enumeration benchmark of 2030-01-02: 500,000 numbers/s)',
    );
  });
});

describe('what each mode promises', () => {
  it('says open mode gives the list away, with the recorded figure', () => {
    const open = modePrivacyStatement('open');
    expect(open).toContain('can rebuild the list');
    expect(open).toContain(describeWalkCost());
    expect(open).not.toMatch(/never leaves the operator/);
  });

  it('says secret mode shows the numbers to the server, and oprf mode shows it none', () => {
    expect(modePrivacyStatement('secret')).toMatch(/sees the numbers checked/);
    const oprf = modePrivacyStatement('oprf');
    expect(oprf).toMatch(/one blinded, metered evaluation/);
    expect(oprf).toMatch(/never sees the numbers/);
    expect(oprf).toMatch(/filter alone reveals nothing/);
  });
});
