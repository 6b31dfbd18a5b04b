/**
 * Rows on their way to a worker thread. A batch travels as a few strings and typed arrays: cloning one
 * string of all the phone values costs a copy, cloning thousands of row objects costs thousands of
 * allocations on both sides (as the scrub's hashing threads do, src/client/scrub/classify-worker.ts).
 */
import type { InputRecord } from '../input/record.ts';
import type { InputProblem } from '../input/reject-reasons.ts';

export interface PackedRows {
  count: number;
  lines: Float64Array;
  /** Every phone value, concatenated; `phoneLengths[i]` is row i's length, -1 when it has none. */
  phones: string;
  phoneLengths: Int32Array;
  /** The same for registration dates; absent when no row of the batch has one. */
  dates?: { joined: string; lengths: Int32Array };
  /** Row indexes whose bytes were not valid UTF-8. */
  invalidEncoding: number[];
  /** Rows the reader could not read, by index (rare: kept as objects). */
  problems: { index: number; problem: InputProblem }[];
}

export function packRows(records: readonly InputRecord[]): { rows: PackedRows; transfer: ArrayBuffer[] } {
  const count = records.length;
  const lines = new Float64Array(count);
  const phoneLengths = new Int32Array(count);
  const phones: string[] = [];
  let dateLengths: Int32Array<ArrayBuffer> | undefined;
  const dates: string[] = [];
  const invalidEncoding: number[] = [];
  const problems: PackedRows['problems'] = [];
  for (let i = 0; i < count; i++) {
    const record = records[i]!;
    lines[i] = record.line;
    phoneLengths[i] = record.phone?.length ?? -1;
    if (record.phone !== undefined) phones.push(record.phone);
    if (record.registeredOn !== undefined) {
      dateLengths ??= new Int32Array(count).fill(-1);
      dateLengths[i] = record.registeredOn.length;
      dates.push(record.registeredOn);
    }
    if (record.invalidEncoding) invalidEncoding.push(i);
    if (record.problem !== undefined) problems.push({ index: i, problem: record.problem });
  }
  const rows: PackedRows = {
    count,
    lines,
    phones: phones.join(''),
    phoneLengths,
    invalidEncoding,
    problems,
  };
  const transfer: ArrayBuffer[] = [lines.buffer, phoneLengths.buffer];
  if (dateLengths) {
    rows.dates = { joined: dates.join(''), lengths: dateLengths };
    transfer.push(dateLengths.buffer);
  }
  return { rows, transfer };
}

/** Visits each row of a packed batch, in order, as one reused record (no object per row). */
export function forEachPackedRow(rows: PackedRows, visit: (record: InputRecord) => void): void {
  // Every field assigned on every row (never deleted), so the object keeps one shape.
  const record: InputRecord = {
    line: 0,
    phone: undefined,
    registeredOn: undefined,
    problem: undefined,
    invalidEncoding: undefined,
  };
  let phoneAt = 0;
  let dateAt = 0;
  let nextInvalid = 0;
  let nextProblem = 0;
  for (let i = 0; i < rows.count; i++) {
    record.line = rows.lines[i]!;
    const length = rows.phoneLengths[i]!;
    record.phone = length < 0 ? undefined : rows.phones.slice(phoneAt, phoneAt + length);
    if (length > 0) phoneAt += length;
    const dateLength = rows.dates?.lengths[i] ?? -1;
    record.registeredOn = dateLength < 0 ? undefined : rows.dates!.joined.slice(dateAt, dateAt + dateLength);
    if (dateLength > 0) dateAt += dateLength;
    const invalid = rows.invalidEncoding[nextInvalid] === i;
    if (invalid) nextInvalid++;
    record.invalidEncoding = invalid ? true : undefined;
    record.problem =
      rows.problems[nextProblem]?.index === i ? rows.problems[nextProblem++]!.problem : undefined;
    visit(record);
  }
}
