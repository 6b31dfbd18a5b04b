/**
 * Resolves the phone and date columns of a CSV from the options and the first row. Errors here are
 * usage/data errors reported before any output: a missing column is never silently a missing list.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import { QuietlistError } from '../core/errors.ts';
import { maskPhone, normalizePhone } from '../core/phone.ts';
import { PHONE_COLUMN_NAMES } from './input-record.ts';

export interface ColumnSelection {
  hasHeader: boolean;
  phoneIndex: number;
  dateIndex: number | undefined;
  header: string[] | undefined;
}

export function selectColumns(
  firstRow: string[],
  options: { column?: string; dateColumn?: string; header?: 'auto' | 'yes' | 'no' },
  region: CountryCode,
): ColumnSelection {
  const byName = (spec: string | undefined) => spec !== undefined && !/^\d+$/.test(spec);
  const hasHeader =
    options.header === 'yes' ||
    (options.header !== 'no' &&
      (byName(options.column) ||
        byName(options.dateColumn) ||
        !firstRow.some((field) => normalizePhone(field, region).ok)));
  const header = hasHeader ? firstRow.map((name) => name.trim()) : undefined;
  const phoneIndex =
    options.column === undefined
      ? defaultPhoneIndex(firstRow.length, header)
      : resolve(options.column, header, 'phone');
  const dateIndex =
    options.dateColumn === undefined ? undefined : resolve(options.dateColumn, header, 'date');
  return { hasHeader, phoneIndex, dateIndex, header };
}

function resolve(spec: string, header: string[] | undefined, what: string): number {
  if (/^\d+$/.test(spec)) {
    const position = Number(spec);
    if (position < 1) throw new QuietlistError('INVALID_ARGUMENT', `${what} column position starts at 1`);
    return position - 1;
  }
  const index = header?.findIndex((name) => name.toLowerCase() === spec.toLowerCase()) ?? -1;
  if (index === -1) {
    throw new QuietlistError(
      'INPUT_INVALID',
      `${what} column "${spec}" is not in the header (line 1 has: ${describeHeader(header)})`,
    );
  }
  return index;
}

function defaultPhoneIndex(width: number, header: string[] | undefined): number {
  if (header) {
    const index = header.findIndex((name) => PHONE_COLUMN_NAMES.includes(name.toLowerCase()));
    if (index !== -1) return index;
  }
  if (width === 1) return 0;
  throw new QuietlistError(
    'INVALID_ARGUMENT',
    `cannot tell which column holds the phone number (line 1 has: ${describeHeader(header)}); pass --column`,
  );
}

function describeHeader(header: string[] | undefined): string {
  if (!header) return 'no header';
  // A "header" may really be data: never print something that could be a phone number.
  const safe = (name: string) => (/\d{4}/.test(name) ? maskPhone(name) : name.slice(0, 40));
  return header.map((name) => JSON.stringify(safe(name))).join(', ') || 'nothing';
}
