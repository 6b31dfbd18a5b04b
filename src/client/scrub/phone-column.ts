/**
 * Which columns of a call list hold phone numbers, settled from its header row exactly as `build`
 * settles it (src/core/text/header-names.ts: French and English names, accent-, case- and
 * punctuation-insensitive): names given with --column (once per column), 1-based positions, or, with
 * no --column, every column the header names as a phone: `Tél. fixe` and `Tél. portable` are two
 * numbers a row may be called on, so both are checked (row-columns.ts says how a row is judged).
 * Errors list the header as read, never a value that could be a number.
 */
import { QuietlistError } from '../../core/errors.ts';
import { maskPhone } from '../../core/phone/normalize.ts';
import { findHeaderColumn, findNamedColumn, PHONE_HEADERS } from '../../core/text/header-names.ts';
import { MAX_PHONE_COLUMNS } from './row-columns.ts';

export interface PhoneColumn {
  index: number;
  /** The header's name for it, as read (for the receipt). */
  name: string;
}

/**
 * The phone columns: `columns` as given (--column, each a name or a 1-based position), or, with none,
 * the header's phone columns. In the header's order, each once.
 */
export function resolvePhoneColumns(
  header: readonly string[],
  columns: readonly string[] | undefined,
): PhoneColumn[] {
  const names = header.map((name) => name.trim());
  const found = (index: number) => ({ index, name: names[index] ?? `column ${index + 1}` });
  let indexes: number[];
  if (columns !== undefined && columns.length > 0) {
    indexes = columns.map((column) => resolvePhoneColumn(header, column).index);
  } else {
    const match = findHeaderColumn(names, PHONE_HEADERS);
    if (match.kind === 'found') indexes = [match.index];
    else if (match.kind === 'ambiguous') indexes = match.indexes;
    else indexes = [resolvePhoneColumn(header, undefined).index];
  }
  const chosen = [...new Set(indexes)].sort((a, b) => a - b);
  if (chosen.length > MAX_PHONE_COLUMNS) {
    throw new QuietlistError('INVALID_ARGUMENT', `at most ${MAX_PHONE_COLUMNS} phone columns can be checked`);
  }
  return chosen.map(found);
}

/** One column: `column` (--column: a name or a 1-based position), or the header's only phone column. */
export function resolvePhoneColumn(header: readonly string[], column: string | undefined): PhoneColumn {
  const names = header.map((name) => name.trim());
  const found = (index: number) => ({ index, name: names[index] ?? `column ${index + 1}` });
  if (column !== undefined && /^\s*\d+\s*$/.test(column)) {
    const position = Number(column);
    if (position < 1 || position > names.length) {
      throw new QuietlistError(
        'INVALID_ARGUMENT',
        `--column ${position}: the header row has ${names.length} column${names.length === 1 ? '' : 's'} (positions start at 1)`,
      );
    }
    return found(position - 1);
  }
  if (column !== undefined) {
    const index = findNamedColumn(names, column);
    if (index === -1) {
      throw new QuietlistError(
        'INPUT_INVALID',
        `column "${column}" is not in the header row (it has: ${describeHeader(names)})${garbledHint(names)}; nothing was written`,
      );
    }
    return found(index);
  }
  const match = findHeaderColumn(names, PHONE_HEADERS);
  if (match.kind === 'found') return found(match.index);
  if (match.kind === 'ambiguous') {
    const candidates = match.indexes.map((index) => JSON.stringify(safeName(names[index]!))).join(', ');
    throw new QuietlistError(
      'INVALID_ARGUMENT',
      `several columns could hold the phone number (${candidates}); pass --column once for each column to check`,
    );
  }
  if (names.length === 1) return found(0);
  throw new QuietlistError(
    'INVALID_ARGUMENT',
    `no phone column recognised in the header row (it has: ${describeHeader(names)}); pass --column NAME or --column POSITION${garbledHint(names)}`,
  );
}

function describeHeader(names: readonly string[]): string {
  return names.map((name) => JSON.stringify(safeName(name))).join(', ') || 'no fields';
}

/** A "header" may really be a data row: never print something that could be a phone number. */
function safeName(name: string): string {
  return /\d{4}/.test(name) ? maskPhone(name) : name.slice(0, 40);
}

/** U+FFFD in a header name: the file was read in the wrong encoding. */
function garbledHint(names: readonly string[]): string {
  return names.some((name) => name.includes('\uFFFD'))
    ? ' (the names look garbled: pass --encoding windows-1252, utf-16le...)'
    : '';
}
