import { describe, expect, it } from 'vitest';
import {
  cutoffDate,
  isoDateOf,
  judgeRegistration,
} from '../../../../src/builder/input/registration-validity.ts';

describe('registration validity', () => {
  it('computes the cutoff in whole and fractional years', () => {
    expect(cutoffDate({ years: 3, referenceDate: '2026-11-28' })).toBe('2023-11-28');
    expect(cutoffDate({ years: 0.5, referenceDate: '2026-11-28' })).toBe('2026-05-29');
  });

  it('reads ISO dates, timestamps and French dates; refuses impossible ones', () => {
    expect(isoDateOf('2024-02-29')).toBe('2024-02-29');
    expect(isoDateOf('2024-03-01T10:00:00Z')).toBe('2024-03-01');
    expect(isoDateOf('01/03/2024')).toBe('2024-03-01');
    expect(isoDateOf('2023-02-29')).toBeUndefined();
    expect(isoDateOf('yesterday')).toBeUndefined();
  });

  it('keeps a row whose date is missing or unreadable (a dropped registration would be a false negative)', () => {
    const cutoff = '2023-11-28';
    expect(judgeRegistration('2023-11-27', cutoff)).toBe('expired');
    expect(judgeRegistration('2023-11-28', cutoff)).toBe('valid');
    expect(judgeRegistration('', cutoff)).toBe('valid');
    expect(judgeRegistration('31/31/2024', cutoff)).toBe('unreadable');
    expect(judgeRegistration('2000-01-01', undefined)).toBe('valid');
  });
});
