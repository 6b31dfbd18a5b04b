/**
 * Scrubbing a workbook held in memory (.xlsx, or .ods, read by SheetJS: docs/CLIENT.md,
 * "Spreadsheets"): one sheet, its header row found like a CSV's (phone-column.ts), every data row
 * classified by the same classifier as a CSV row, and the rows laid out in clean / listed / rejects
 * workbooks of the input's format. Rows are the input's own cell objects, so every other cell keeps
 * its value, type and number format (dates stay dates, numbers stay numbers); the sheet keeps its name
 * and column widths. Only the scrubbed sheet is written: another sheet could hold numbers nobody
 * scrubbed. Runtime-neutral: `scrub` (sheet-scrub.ts writes the files) and the browser page share it.
 */
import * as XLSX from '@e965/xlsx';
import { QuietlistError } from '../../core/errors.ts';
import { resolvePhoneColumn } from './phone-column.ts';
import type { RowClassifier } from './row-classifier.ts';
import { REJECT_COLUMNS, type ScrubCounts, type ScrubMode, STATUS_COLUMN } from './row-layout.ts';
import { LISTED, NOT_LISTED, reasonOf, SCRUB_REASON_TEXT, type ScrubRejectReason } from './row-status.ts';
import { checkSheetGrid, checkWorkbookLimits } from './workbook-limits.ts';

export type SheetFormat = 'xlsx' | 'ods';

const BATCH_ROWS = 4096;

type Cell = XLSX.CellObject;
type Row = (Cell | undefined)[];

export interface WorkbookScrubOptions {
  format: SheetFormat;
  /** The sheet to scrub (default: the first). */
  sheet?: string;
  column?: string;
  mode: ScrubMode;
  classifier: RowClassifier;
  /** Which of the optional outputs to lay out. */
  listed: boolean;
  rejects: boolean;
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
  column: string;
  outputs: { clean: WorkbookOutput; listed?: WorkbookOutput; rejects?: WorkbookOutput };
  /** Formula cells of the rows written: replaced by their values when excelSafe, else kept. */
  formulaCells: number;
}

/** The columns of the first non-blank row of a sheet, as read (for the browser page's column picker). */
export async function workbookHeader(
  bytes: Uint8Array,
  format: SheetFormat,
  wanted?: string,
): Promise<{ sheet: string; names: string[] }> {
  const { name, sheet } = pickSheet(await readWorkbook(bytes, format), wanted);
  const { rows, range } = sheetGrid(sheet);
  const header = rows.find((row) => row !== undefined && !isBlankRow(row)) ?? [];
  return { sheet: name, names: columns(range.s.c, range.e.c).map((c) => cellText(header[c])) };
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
  const column = resolvePhoneColumn(names, options.column);
  const phoneColumn = firstColumn + column.index;

  const counts: ScrubCounts = { rows: 0, listed: 0, clean: 0, invalid: 0, blank: 0 };
  const formulas = { cells: 0 };
  const written = (row: Row) => withoutFormulas(row, options.excelSafe ?? false, formulas);
  const dataRows: { row: Row; number: number }[] = [];
  for (let r = headerRow + 1; r < rows.length; r++) {
    const row = rows[r];
    if (row === undefined || isBlankRow(row)) counts.blank++;
    else dataRows.push({ row: written(row), number: r + 1 });
  }
  const statuses = await classifyAll(
    options.classifier,
    dataRows.map(({ row }) => cellText(row[phoneColumn])),
    (done) => options.onProgress?.(done),
  );

  const flag = options.mode === 'flag';
  const text = (value: string): Cell => ({ t: 's', v: value });
  const clean: Row[] = [withExtra(header, lastColumn, flag ? [text(STATUS_COLUMN)] : [])];
  const listed: Row[] = [header];
  const rejects: Row[] = [withExtra(header, lastColumn, REJECT_COLUMNS.map(text))];
  const invalidByReason: Partial<Record<ScrubRejectReason, number>> = {};
  dataRows.forEach(({ row, number }, i) => {
    const status = statuses[i]!;
    counts.rows++;
    if (status === NOT_LISTED) {
      counts.clean++;
      clean.push(flag ? withExtra(row, lastColumn, [text('not_listed')]) : row);
    } else if (status === LISTED) {
      counts.listed++;
      if (flag) clean.push(withExtra(row, lastColumn, [text('listed')]));
      listed.push(row);
    } else {
      const reason = reasonOf(status)!;
      counts.invalid++;
      invalidByReason[reason] = (invalidByReason[reason] ?? 0) + 1;
      if (flag) clean.push(withExtra(row, lastColumn, [text('invalid')]));
      rejects.push(
        withExtra(row, lastColumn, [{ t: 'n', v: number }, text(`${reason}: ${SCRUB_REASON_TEXT[reason]}`)]),
      );
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
  const outputs: WorkbookScrubResult['outputs'] = { clean: write(clean, flag ? 1 : 0) };
  if (options.listed) outputs.listed = write(listed, 0);
  if (options.rejects) outputs.rejects = write(rejects, REJECT_COLUMNS.length);
  return { counts, invalidByReason, sheet: name, column: column.name, outputs, formulaCells: formulas.cells };
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

/**
 * The workbook, once its size, cells and parts are within WORKBOOK_LIMITS (workbook-limits.ts): SheetJS
 * holds it whole, so a bomb is refused before it sees the bytes.
 */
async function readWorkbook(bytes: Uint8Array, format: SheetFormat): Promise<XLSX.WorkBook> {
  await checkWorkbookLimits(bytes);
  try {
    // cellNF keeps number formats (dates, leading zeros shown by a "0000000000" format) for the outputs.
    return XLSX.read(bytes, { type: 'array', dense: true, cellNF: true, cellDates: false });
  } catch (error) {
    throw new QuietlistError(
      'INPUT_INVALID',
      `the ${format === 'ods' ? 'OpenDocument spreadsheet' : 'Excel workbook'} cannot be read (${(error as Error).message.slice(0, 80)}); nothing was written`,
    );
  }
}

/** The sheet's rows and range, refused past Excel's grid before anything loops over them. */
function sheetGrid(sheet: XLSX.WorkSheet): { rows: Row[]; range: XLSX.Range } {
  const rows: Row[] = sheet['!data'] ?? [];
  const range = XLSX.utils.decode_range(sheet['!ref'] ?? 'A1:A1');
  checkSheetGrid(rows, range.e.c);
  return { rows, range };
}

function pickSheet(
  workbook: XLSX.WorkBook,
  wanted: string | undefined,
): { name: string; sheet: XLSX.WorkSheet } {
  const name = wanted ?? workbook.SheetNames[0];
  const sheet = name === undefined ? undefined : workbook.Sheets[name];
  if (name === undefined || sheet === undefined) {
    const names = workbook.SheetNames.map((n) => JSON.stringify(n)).join(', ') || 'none';
    throw new QuietlistError(
      wanted === undefined ? 'INPUT_INVALID' : 'INVALID_ARGUMENT',
      `${wanted === undefined ? 'the workbook has no sheet' : `no sheet "${wanted}"`} (sheets: ${names})`,
    );
  }
  return { name, sheet };
}

/**
 * A cell as the normaliser reads it. A number cell holds the full number (an .xlsx keeps 15 digits,
 * whatever the display format), so an integer is written out in full, never in exponent form.
 */
export function cellText(cell: Cell | undefined): string {
  if (cell === undefined || cell.v === undefined || cell.v === null) return '';
  if (cell.t === 'n' && typeof cell.v === 'number' && Number.isInteger(cell.v) && Math.abs(cell.v) < 1e21)
    return cell.v.toFixed(0);
  if (cell.t === 'e') return cell.w ?? '#ERROR';
  return String(cell.v);
}

function isBlankRow(row: Row): boolean {
  for (const cell of row) if (cellText(cell).trim() !== '') return false;
  return true;
}

function columns(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
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

/** Status bytes for every value, classified in batches with a bounded number in flight. */
async function classifyAll(
  classifier: RowClassifier,
  values: string[],
  onProgress: (done: number) => void,
): Promise<Uint8Array> {
  const statuses = new Uint8Array(values.length);
  const window = Math.max(2, classifier.threads * 3);
  let next = 0;
  const worker = async () => {
    while (next < values.length) {
      const start = next;
      next += BATCH_ROWS;
      statuses.set(await classifier.classify(values.slice(start, start + BATCH_ROWS)), start);
      onProgress(Math.min(next, values.length));
    }
  };
  await Promise.all(Array.from({ length: window }, worker));
  return statuses;
}
