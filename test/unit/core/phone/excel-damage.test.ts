import { describe, expect, it } from 'vitest';
import { keyNumber } from '../../../../src/core/membership.ts';
import { explainRejection, isExcelScientific } from '../../../../src/core/phone/excel-damage.ts';
import { readPhone } from '../../../../src/core/phone/normalize.ts';
import { planOfRegion } from '../../../../src/core/phone/numbering-plan.ts';
import { REJECT_REASON_TEXT } from '../../../../src/core/phone/reject-reasons.ts';

describe("Excel's damage in reject reasons", () => {
  it('recognises scientific notation in French and English spellings', () => {
    for (const value of ['3,37672E+10', '3.37672E+10', '6,12346E+08', ' 3,3E+10 ', '3E+10', '6.12346e+8']) {
      expect(isExcelScientific(value), value).toBe(true);
    }
    for (const value of ['0639980012', '+33 6 39 98 00 12', 'E+10', '3,37672', 'abc', '3.3E+10x']) {
      expect(isExcelScientific(value), value).toBe(false);
    }
  });

  it('turns NOT_A_NUMBER into EXCEL_SCIENTIFIC, with a reason that says what to do', () => {
    expect(readPhone('3,37672E+10')).toEqual({ ok: false, reason: 'NOT_A_NUMBER' });
    expect(explainRejection('3,37672E+10', 'NOT_A_NUMBER')).toBe('EXCEL_SCIENTIFIC');
    expect(explainRejection('abc', 'NOT_A_NUMBER')).toBe('NOT_A_NUMBER');
    expect(explainRejection('3E+10', 'TOO_SHORT')).toBe('TOO_SHORT');
    expect(REJECT_REASON_TEXT.EXCEL_SCIENTIFIC).toMatch(/Excel scientific notation: digits were lost/);
  });

  it('is the verdict of the membership path every client uses', () => {
    const membership = {
      manifest: {} as never,
      region: 'FR' as const,
      plan: planOfRegion('FR'),
      hasher: { digest: () => new Uint8Array(32) } as never,
      scope: null,
      labels: null,
      partitionRule: null,
      partitions: undefined,
    };
    expect(keyNumber(membership, '3.37672E+10')).toBe('EXCEL_SCIENTIFIC');
    expect(keyNumber(membership, 'n/a')).toBe('NOT_A_NUMBER');
    // A dropped leading zero is no damage: the French plan reads 639980012 as 0639980012.
    expect(readPhone('639980012', 'FR')).toEqual({
      ok: true,
      readings: [{ e164: '+33639980012', key: '+33639980012' }],
      valid: true,
    });
  });
});
