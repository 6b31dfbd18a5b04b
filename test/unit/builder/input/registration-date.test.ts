import { describe, expect, it } from 'vitest';
import { parseDateFormat, readDate } from '../../../../src/builder/input/registration-date.ts';
import { judgeRegistration } from '../../../../src/builder/input/registration-validity.ts';

const dmy = parseDateFormat('DD/MM/YYYY');
const mdy = parseDateFormat('MM/DD/YYYY');
const auto = parseDateFormat('auto');

describe('registration dates', () => {
  it('always reads ISO 8601 dates and date-times', () => {
    for (const value of [
      '2025-04-03',
      '2025-04-03T10:22:00Z',
      '2025-04-03 10:22',
      '2025-04-03T10:22:00.5+02:00',
    ])
      expect(readDate(value, mdy), value).toEqual({ kind: 'date', iso: '2025-04-03' });
  });

  it('reads day-first dates by default, with /, - or . and an optional time', () => {
    for (const value of [
      '03/04/2025',
      '3/4/2025',
      '03-04-2025',
      '03.04.2025',
      '03/04/2025 08:15',
      '03/04/2025 08:15:59',
    ])
      expect(readDate(value), value).toEqual({ kind: 'date', iso: '2025-04-03' });
    expect(readDate('03/04-2025').kind).toBe('unreadable');
    expect(readDate('31/02/2025').kind).toBe('unreadable');
    expect(readDate('15 avrel 2025').kind).toBe('unreadable');
  });

  it('reads the unambiguous spellings of spreadsheets and CRMs in every format but ISO', () => {
    for (const format of [dmy, mdy, auto])
      for (const value of [
        '45750', // Excel's serial day, a date column saved as "General"
        '45750.4375', // with a time of day
        '20250403', // ISO 8601 basic form
        '3 avril 2025',
        '03 AVR. 2025',
        '3 Apr 2025',
        'April 3, 2025',
      ])
        expect(readDate(value, format), value).toEqual({ kind: 'date', iso: '2025-04-03' });
    expect(readDate('1er mars 2024')).toEqual({ kind: 'date', iso: '2024-03-01' });
    expect(readDate('3 févr. 2025')).toEqual({ kind: 'date', iso: '2025-02-03' });
    expect(readDate('12345').kind).toBe('unreadable'); // a serial before 2000 is no registration date
    expect(readDate('20251301').kind).toBe('unreadable');
    expect(readDate('31 févr. 2025').kind).toBe('unreadable');
    expect(readDate('45750', parseDateFormat('ISO')).kind).toBe('unreadable');
  });

  it('reads month-first dates when told, and two-digit years only when the format says so', () => {
    expect(readDate('04/03/2025', mdy)).toEqual({ kind: 'date', iso: '2025-04-03' });
    expect(readDate('03/04/25', dmy).kind).toBe('unreadable');
    expect(readDate('03/04/25', parseDateFormat('DD/MM/YY'))).toEqual({ kind: 'date', iso: '2025-04-03' });
    expect(readDate('03/04/2025', parseDateFormat('ISO')).kind).toBe('unreadable');
  });

  it('calls a date ambiguous in auto when both readings are real, different days', () => {
    expect(readDate('03/04/2025', auto)).toEqual({
      kind: 'ambiguous',
      earlier: '2025-03-04',
      later: '2025-04-03',
    });
    expect(readDate('13/04/2025', auto)).toEqual({ kind: 'date', iso: '2025-04-13' });
    expect(readDate('04/13/2025', auto)).toEqual({ kind: 'date', iso: '2025-04-13' });
    expect(readDate('04/04/2025', auto)).toEqual({ kind: 'date', iso: '2025-04-04' });
  });

  it('keeps an ambiguous registration unless both readings are expired', () => {
    const cutoff = '2023-03-10';
    expect(judgeRegistration('05/03/2023', cutoff, auto)).toBe('ambiguous'); // 5 March or 3 May
    expect(judgeRegistration('01/02/2023', cutoff, auto)).toBe('expired');
    expect(judgeRegistration('11/12/2023', cutoff, auto)).toBe('valid');
  });

  it('refuses a format it does not know, naming the ones it does', () => {
    expect(() => parseDateFormat('YYYY/DD/MM')).toThrow(
      /--date-format "YYYY\/DD\/MM" is not one of DD\/MM\/YYYY/,
    );
    expect(parseDateFormat('dd.mm.yyyy')).toEqual({
      label: 'DD.MM.YYYY',
      order: 'DMY',
      twoDigitYears: false,
    });
  });
});
