/**
 * Resolves the phone and date columns of a CSV from the options and the first row. Headers are matched
 * accent- and case-insensitively (src/core/text/header-names.ts). Errors here are usage/data errors reported
 * before any output: a missing column is never silently a missing list.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import { QuietlistError } from '../../core/errors.ts';
import { maskPhone, readPhone } from '../../core/phone/normalize.ts';
import {
  CHANNELS_HEADERS,
  findHeaderColumn,
  findNamedColumn,
  type HeaderVocabulary,
  PHONE_HEADERS,
  REGISTRATION_DATE_HEADERS,
  SECTORS_HEADERS,
} from '../../core/text/header-names.ts';
import type { InputOptions } from './record.ts';

export interface ColumnSelection {
  hasHeader: boolean;
  phoneIndex: number;
  dateIndex: number | undefined;
  /** Scoped registers: the channels and sectors columns, when the export has them. */
  channelsIndex?: number;
  sectorsIndex?: number;
  header: string[] | undefined;
}

export function selectColumns(
  firstRow: string[],
  options: Pick<InputOptions, 'column' | 'dateColumn' | 'noDateColumn' | 'header' | 'scopeColumns'>,
  region: CountryCode,
): ColumnSelection {
  const byName = (spec: string | undefined) => spec !== undefined && !/^\d+$/.test(spec);
  const hasHeader =
    options.header === 'yes' ||
    (options.header !== 'no' &&
      (byName(options.column) ||
        byName(options.dateColumn) ||
        byName(options.scopeColumns?.channels) ||
        byName(options.scopeColumns?.sectors) ||
        !firstRow.some((field) => readPhone(field, region).ok)));
  const header = hasHeader ? firstRow.map((name) => name.trim()) : undefined;
  const phoneIndex =
    options.column === undefined
      ? defaultPhoneIndex(firstRow.length, header)
      : resolve(options.column, header, 'phone');
  const dateIndex =
    options.dateColumn !== undefined
      ? resolve(options.dateColumn, header, 'date')
      : options.noDateColumn || header === undefined
        ? undefined
        : defaultDateIndex(header, phoneIndex);
  const selection: ColumnSelection = { hasHeader, phoneIndex, dateIndex, header };
  if (options.scopeColumns) {
    const taken = [phoneIndex, dateIndex];
    const channels = scopeColumn(options.scopeColumns.channels, header, taken, CHANNELS_HEADERS, 'channels');
    if (channels !== undefined) selection.channelsIndex = channels;
    const sectors = scopeColumn(
      options.scopeColumns.sectors,
      header,
      [...taken, channels],
      SECTORS_HEADERS,
      'sectors',
    );
    if (sectors !== undefined) selection.sectorsIndex = sectors;
  }
  return selection;
}

/** A channels or sectors column: the one named, else the one whose header names it, else none (all). */
function scopeColumn(
  spec: string | undefined,
  header: string[] | undefined,
  taken: (number | undefined)[],
  vocabulary: HeaderVocabulary,
  what: string,
): number | undefined {
  if (spec !== undefined) return resolve(spec, header, what);
  if (header === undefined) return undefined;
  const match = findHeaderColumn(
    header.map((name, index) => (taken.includes(index) ? '' : name)),
    vocabulary,
  );
  if (match.kind === 'ambiguous') throw ambiguous(`the ${what}`, header, match.indexes, `--${what}-column`);
  return match.kind === 'found' ? match.index : undefined;
}

function resolve(spec: string, header: string[] | undefined, what: string): number {
  if (/^\d+$/.test(spec)) {
    const position = Number(spec);
    if (position < 1) throw new QuietlistError('INVALID_ARGUMENT', `${what} column position starts at 1`);
    return position - 1;
  }
  const index = header ? findNamedColumn(header, spec) : -1;
  if (index === -1) {
    throw new QuietlistError(
      'INPUT_INVALID',
      `${what} column "${spec}" is not in the header (line 1 has: ${describeHeader(header)})${garbledHint(header)}`,
    );
  }
  return index;
}

function defaultPhoneIndex(width: number, header: string[] | undefined): number {
  if (header) {
    const match = findHeaderColumn(header, PHONE_HEADERS);
    if (match.kind === 'found') return match.index;
    if (match.kind === 'ambiguous') throw ambiguous('the phone number', header, match.indexes, '--column');
  }
  if (width === 1) return 0;
  throw new QuietlistError(
    'INVALID_ARGUMENT',
    `cannot tell which column holds the phone number (line 1 has: ${describeHeader(header)}); pass --column${garbledHint(header)}`,
  );
}

/** The registration date, by its header; none found means no date filtering (the summary warns). */
function defaultDateIndex(header: string[], phoneIndex: number): number | undefined {
  const match = findHeaderColumn(
    header.map((name, index) => (index === phoneIndex ? '' : name)),
    REGISTRATION_DATE_HEADERS,
  );
  if (match.kind === 'ambiguous')
    throw ambiguous('the registration date', header, match.indexes, '--date-column (or --no-expiry)');
  return match.kind === 'found' ? match.index : undefined;
}

function ambiguous(what: string, header: string[], indexes: number[], option: string): QuietlistError {
  const names = indexes.map((index) => JSON.stringify(safeName(header[index]!))).join(', ');
  return new QuietlistError(
    'INVALID_ARGUMENT',
    `several columns could hold ${what} (${names}); pass ${option} to choose`,
  );
}

/** U+FFFD in a header name: the file was read in the wrong encoding. */
function garbledHint(header: string[] | undefined): string {
  return header?.some((name) => name.includes('\uFFFD'))
    ? '; the names look garbled: pass --encoding (windows-1252, utf-16le...)'
    : '';
}

function describeHeader(header: string[] | undefined): string {
  if (!header) return 'no header';
  return header.map((name) => JSON.stringify(safeName(name))).join(', ') || 'nothing';
}

/** A "header" may really be data: never print something that could be a phone number. */
function safeName(name: string): string {
  return /\d{4}/.test(name) ? maskPhone(name) : name.slice(0, 40);
}
