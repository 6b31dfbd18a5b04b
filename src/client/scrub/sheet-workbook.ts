/**
 * Scrubbing a workbook held in memory (.xlsx, or .ods, read by SheetJS: docs/CLIENT.md,
 * "Spreadsheets"): one sheet, its header row found like a CSV's (phone-column.ts), every data row
 * classified by the same classifier as a CSV row, and the rows laid out in clean / listed / rejects
 * workbooks of the input's format. Rows are the input's own cell objects, so every other cell keeps
 * its value, type and number format (dates stay dates, numbers stay numbers); the sheet keeps its name
 * and column widths. Only the scrubbed sheet is written: another sheet could hold numbers nobody
 * scrubbed. The workbook is read, within its limits, by sheet-read.ts. Runtime-neutral: `scrub`
 * (sheet-scrub.ts writes the files) and the browser page share it.
 */
import * as XLSX from '@e965/xlsx';
import { QuietlistError } from '../../core/errors.ts';
import { resolvePhoneColumns } from './phone-column.ts';
import type { RowClassifier } from './row-classifier.ts';
import { columnNames, combineColumns } from './row-columns.ts';
import {
  MATCHED_COLUMN,
  REJECT_COLUMNS,
  type ScrubCounts,
  type ScrubMode,
  STATUS_COLUMN,
} from './row-layout.ts';
import {
  LISTED,
  NOT_LISTED,
  reasonOf,
  SCRUB_REASON_TEXT,
  type ScrubRejectReason,
  UNCHECKED,
} from './row-status.ts';
import {
  type Cell,
  cellText,
  columns,
  isBlankRow,
  pickSheet,
  type Row,
  readWorkbook,
  type SheetFormat,
  sheetGrid,
} from './sheet-read.ts';

export { cellText, type SheetFormat, workbookHeader } from './sheet-read.ts';

const BATCH_ROWS = 4096;

export interface WorkbookScrubOptions {
  format: SheetFormat;
  /** The sheet to scrub (default: the first). */
  sheet?: string;
  /** The phone columns (names or 1-based positions); none: the header's phone columns. */
  columns?: readonly string[];
  mode: ScrubMode;
  classifier: RowClassifier;
  /** Which of the optional outputs to lay out. */
  listed: boolean;
  rejects: boolean;
  /** Rows the classifier left unchecked (a scrub stopped by the quota): laid out in their own workbook. */
  unchecked?: boolean;
  /**
   * Write the input's formula cells as their values (excel-safe.ts explains why): a text cell of a
   * workbook is never run, a formula cell is. Default false: formulas are kept.
   */
  excelSafe?: boolean;
  onProgress?: (rows: number) => void;
}

export interface WorkbookOutput {
  bytes: Uint8Array;
  /** Data rows (the header row not counted). */
  rows: number;
}

export interface WorkbookScrubResult {
  counts: ScrubCounts;
  invalidByReason: Partial<Record<ScrubRejectReason, number>>;
  sheet: string;
  /** The (first) phone column's name; `columns`: every one checked. */
  column: string;
  columns: string[];
  outputs: {
    clean: WorkbookOutput;
    listed?: WorkbookOutput;
    rejects?: WorkbookOutput;
    unchecked?: WorkbookOutput;
  };
  /** Formula cells of the rows written: replaced by their values when excelSafe, else kept. */
  formulaCells: number;
}

export async function scrubWorkbook(
  bytes: Uint8Array,
  options: WorkbookScrubOptions,
): Promise<WorkbookScrubResult> {
  const { name, sheet } = pickSheet(await readWorkbook(bytes, options.format), options.sheet);
  const { rows, range } = sheetGrid(sheet);
  const headerRow = rows.findIndex((row) => row !== undefined && !isBlankRow(row));
  if (headerRow === -1)
    throw new QuietlistError('INPUT_INVALID', `sheet "${name}" is empty: a header row is needed`);
  const firstColumn = range.s.c;
  const lastColumn = range.e.c;
  const header = withoutFormulas(rows[headerRow]!, options.excelSafe ?? false, { cells: 0 });
  const names = columns(firstColumn, lastColumn).map((c) => cellText(header[c]));
  const phone = resolvePhoneColumns(names, options.columns);
  const phoneColumns = phone.map((column) => firstColumn + column.index);
  const phoneNames = phone.map((column) => column.name);

  const counts: ScrubCounts = { rows: 0, listed: 0, clean: 0, invalid: 0, blank: 0 };
  const formulas = { cells: 0 };
  const written = (row: Row) => withoutFormulas(row, options.excelSafe ?? false, formulas);
  const dataRows: { row: Row; number: number }[] = [];
  for (let r = headerRow + 1; r < rows.length; r++) {
    const row = rows[r];
    if (row === undefined || isBlankRow(row)) counts.blank++;
    else dataRows.push({ row: written(row), number: r + 1 });
  }
  const values = await classifyAll(
    options.classifier,
    dataRows.flatMap(({ row }) => phoneColumns.map((c) => cellText(row[c]))),
    phoneColumns.length,
    (done) => options.onProgress?.(done),
  );
  const { statuses, columns: matchedColumns } = combineColumns(values, phoneColumns.length);

  const flag = options.mode === 'flag';
  const text = (value: string): Cell => ({ t: 's', v: value });
  // Several phone columns: the outputs say which one matched (quietlist_column).
  const several = phoneNames.length > 1;
  const columnCell = (i: number): Cell[] =>
    several ? [text(columnNames(phoneNames, matchedColumns?.[i] ?? 0))] : [];
  const columnHeader = several ? [text(MATCHED_COLUMN)] : [];
  const clean: Row[] = [withExtra(header, lastColumn, flag ? [text(STATUS_COLUMN), ...columnHeader] : [])];
  const listed: Row[] = [withExtra(header, lastColumn, columnHeader)];
  const rejects: Row[] = [withExtra(header, lastColumn, [...REJECT_COLUMNS.map(text), ...columnHeader])];
  const unchecked: Row[] = [header];
  const invalidByReason: Partial<Record<ScrubRejectReason, number>> = {};
  dataRows.forEach(({ row, number }, i) => {
    const status = statuses[i]!;
    if (status === UNCHECKED) {
      // Never in the clean workbook: an unchecked row may hold a registered number.
      if (!options.unchecked) throw new Error('a row was left unchecked but the scrub has no output for it');
      unchecked.push(row);
      return;
    }
    counts.rows++;
    if (status === NOT_LISTED) {
      counts.clean++;
      clean.push(flag ? withExtra(row, lastColumn, [text('not_listed'), ...columnCell(i)]) : row);
    } else if (status === LISTED) {
      counts.listed++;
      if (flag) clean.push(withExtra(row, lastColumn, [text('listed'), ...columnCell(i)]));
      listed.push(withExtra(row, lastColumn, columnCell(i)));
    } else {
      const reason = reasonOf(status)!;
      counts.invalid++;
      invalidByReason[reason] = (invalidByReason[reason] ?? 0) + 1;
      if (flag) clean.push(withExtra(row, lastColumn, [text('invalid'), ...columnCell(i)]));
      const because = text(`${reason}: ${SCRUB_REASON_TEXT[reason]}`);
      rejects.push(withExtra(row, lastColumn, [{ t: 'n', v: number }, because, ...columnCell(i)]));
    }
  });

  const write = (out: Row[], extra: number): WorkbookOutput => {
    const workbook = outputWorkbook(name, sheet, out, firstColumn, lastColumn + extra);
    // SheetJS compresses every ODF part when asked, the "mimetype" entry included, which ODF wants stored.
    const compression = options.format === 'xlsx';
    const written = XLSX.write(workbook, {
      type: 'array',
      bookType: options.format,
      compression,
    }) as ArrayBuffer;
    return { bytes: new Uint8Array(written), rows: out.length - 1 };
  };
  const extra = columnHeader.length;
  const outputs: WorkbookScrubResult['outputs'] = { clean: write(clean, flag ? 1 + extra : 0) };
  if (options.listed) outputs.listed = write(listed, extra);
  if (options.rejects) outputs.rejects = write(rejects, REJECT_COLUMNS.length + extra);
  if (options.unchecked) outputs.unchecked = write(unchecked, 0);
  return {
    counts,
    invalidByReason,
    sheet: name,
    column: phoneNames[0]!,
    columns: phoneNames,
    outputs,
    formulaCells: formulas.cells,
  };
}

/**
 * The row with each formula cell replaced by its value (its type, value and number format kept), when
 * `excelSafe`; otherwise the row itself. Formula cells are counted either way.
 */
function withoutFormulas(row: Row, excelSafe: boolean, formulas: { cells: number }): Row {
  let copy: Row | undefined;
  row.forEach((cell, i) => {
    if (cell?.f === undefined && cell?.F === undefined) return;
    formulas.cells++;
    if (!excelSafe) return;
    const { f: _formula, F: _array, ...value } = cell;
    copy ??= row.slice();
    copy[i] = value;
  });
  return copy ?? row;
}

/** The row with `extra` cells after the sheet's last column (a copy: the input row may be written twice). */
function withExtra(row: Row, lastColumn: number, extra: Cell[]): Row {
  if (extra.length === 0) return row;
  const copy: Row = row.slice(0, lastColumn + 1);
  copy.length = lastColumn + 1;
  copy.push(...extra);
  return copy;
}

function outputWorkbook(
  name: string,
  input: XLSX.WorkSheet,
  rows: Row[],
  firstColumn: number,
  lastColumn: number,
): XLSX.WorkBook {
  const sheet = {
    '!data': rows as Cell[][],
    '!ref': XLSX.utils.encode_range({
      s: { r: 0, c: firstColumn },
      e: { r: Math.max(0, rows.length - 1), c: lastColumn },
    }),
  } as XLSX.WorkSheet;
  if (input['!cols']) sheet['!cols'] = input['!cols'];
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, sheet, name);
  return workbook;
}

/**
 * Status bytes for every value (rows × `perRow` values, row by row), classified in batches of whole
 * rows with a bounded number in flight; `onProgress` counts rows.
 */
async function classifyAll(
  classifier: RowClassifier,
  values: string[],
  perRow: number,
  onProgress: (rows: number) => void,
): Promise<Uint8Array> {
  classifier.startRows?.(perRow);
  const statuses = new Uint8Array(values.length);
  const window = Math.max(2, classifier.threads * 3);
  const batch = BATCH_ROWS * perRow;
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < values.length) {
      const start = next;
      next += batch;
      const part = await classifier.classify(values.slice(start, start + batch));
      statuses.set(part, start);
      done += part.length;
      onProgress(Math.floor(done / perRow));
    }
  };
  await Promise.all(Array.from({ length: window }, worker));
  return statuses;
}
