/**
 * Reading registration dates as exports write them. ISO 8601 (2024-03-01, 2024-03-01T10:00:00Z,
 * 2024-03-01 10:00) is always read; other dates follow the stated format: day first (DD/MM/YYYY, the
 * French default; "/", "-" or "." between the parts), month first (MM/DD/YYYY), ISO only, or auto
 * (either order: a date such as 03/04/2025 that reads both ways is ambiguous). Two-digit years are
 * read only when the format says so (DD/MM/YY, MM/DD/YY: 20YY). A time after the date is allowed.
 * Unambiguous spellings (Excel serial days, 20240301, "1er mars 2024") are read too: date-spellings.ts.
 */
import { QuietlistError } from '../../core/errors.ts';
import { readDateSpelling } from './date-spellings.ts';

export interface DateFormat {
  /** How the format was given, for messages. */
  label: string;
  order: 'DMY' | 'MDY' | 'auto' | 'ISO';
  twoDigitYears: boolean;
}

export const DEFAULT_DATE_FORMAT: DateFormat = { label: 'DD/MM/YYYY', order: 'DMY', twoDigitYears: false };

export const DATE_FORMAT_NAMES = [
  'DD/MM/YYYY',
  'DD-MM-YYYY',
  'DD.MM.YYYY',
  'MM/DD/YYYY',
  'MM-DD-YYYY',
  'DD/MM/YY',
  'MM/DD/YY',
  'YYYY-MM-DD',
  'ISO',
  'auto',
];

export function parseDateFormat(spec: string): DateFormat {
  const text = spec.trim();
  const upper = text.toUpperCase();
  if (upper === 'AUTO') return { label: 'auto', order: 'auto', twoDigitYears: false };
  if (upper === 'ISO' || upper === 'YYYY-MM-DD') return { label: upper, order: 'ISO', twoDigitYears: false };
  const match = /^(DD|MM)([/.-])(DD|MM)\2(YYYY|YY)$/.exec(upper);
  if (match && match[1] !== match[3]) {
    return { label: upper, order: match[1] === 'DD' ? 'DMY' : 'MDY', twoDigitYears: match[4] === 'YY' };
  }
  throw new QuietlistError(
    'INVALID_ARGUMENT',
    `--date-format ${JSON.stringify(text)} is not one of ${DATE_FORMAT_NAMES.join(', ')}`,
  );
}

export type DateReading =
  | { kind: 'date'; iso: string }
  /** Both readings are real, different dates; `later` is the one that keeps a registration longest. */
  | { kind: 'ambiguous'; earlier: string; later: string }
  | { kind: 'unreadable' };

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const PART_DATE =
  /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:[T ]\d{1,2}[:h]\d{2}(?::\d{2}(?:[.,]\d+)?)?)?$/;

export function readDate(value: string, format: DateFormat = DEFAULT_DATE_FORMAT): DateReading {
  const text = value.trim();
  const iso = ISO_DATE.exec(text);
  if (iso) return reading(realDate(iso[1]!, iso[2]!, iso[3]!));
  if (format.order === 'ISO') return { kind: 'unreadable' };
  const parts = PART_DATE.exec(text);
  if (!parts) return reading(readDateSpelling(text));
  const [, first, , second, yearText] = parts as unknown as [string, string, string, string, string];
  if (yearText.length === 2 && !format.twoDigitYears) return { kind: 'unreadable' };
  const year = yearText.length === 2 ? `20${yearText}` : yearText;
  const dayFirst = realDate(year, second, first);
  const monthFirst = realDate(year, first, second);
  if (format.order === 'DMY') return reading(dayFirst);
  if (format.order === 'MDY') return reading(monthFirst);
  if (dayFirst && monthFirst && dayFirst !== monthFirst) {
    const [earlier, later] = dayFirst < monthFirst ? [dayFirst, monthFirst] : [monthFirst, dayFirst];
    return { kind: 'ambiguous', earlier, later };
  }
  return reading(dayFirst ?? monthFirst);
}

function reading(iso: string | undefined): DateReading {
  return iso === undefined ? { kind: 'unreadable' } : { kind: 'date', iso };
}

/** YYYY-MM-DD when the parts name a day that exists, else undefined. */
function realDate(year: string, month: string, day: string): string | undefined {
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso ? undefined : iso;
}
