/**
 * Reading a workbook held in memory (.xlsx or .ods, by SheetJS) for a scrub: refused past
 * WORKBOOK_LIMITS before SheetJS sees it (workbook-limits.ts), the sheet picked, its rows and range
 * within Excel's grid, each cell as the normaliser reads it, and the header the browser page shows.
 * Runtime-neutral: `scrub` and the scrub page share it (sheet-workbook.ts scrubs what it reads).
 */
import * as XLSX from '@e965/xlsx';
import { QuietlistError } from '../../core/errors.ts';
import { checkSheetGrid, checkWorkbookLimits } from './workbook-limits.ts';

export type SheetFormat = 'xlsx' | 'ods';
export type Cell = XLSX.CellObject;
export type Row = (Cell | undefined)[];

/**
 * The columns of the first non-blank row of a sheet, as read, and how many data rows follow it (for the
 * browser page's column picker and its progress).
 */
export async function workbookHeader(
  bytes: Uint8Array,
  format: SheetFormat,
  wanted?: string,
): Promise<{ sheet: string; names: string[]; rows: number }> {
  const { name, sheet } = pickSheet(await readWorkbook(bytes, format), wanted);
  const { rows, range } = sheetGrid(sheet);
  const headerRow = rows.findIndex((row) => row !== undefined && !isBlankRow(row));
  const header = rows[headerRow] ?? [];
  let dataRows = 0;
  for (let r = headerRow + 1; headerRow >= 0 && r < rows.length; r++) {
    const row = rows[r];
    if (row !== undefined && !isBlankRow(row)) dataRows++;
  }
  return {
    sheet: name,
    names: columns(range.s.c, range.e.c).map((c) => cellText(header[c])),
    rows: dataRows,
  };
}

/**
 * The workbook, once its size, cells and parts are within WORKBOOK_LIMITS (workbook-limits.ts): SheetJS
 * holds it whole, so a bomb is refused before it sees the bytes.
 */
export async function readWorkbook(bytes: Uint8Array, format: SheetFormat): Promise<XLSX.WorkBook> {
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
export function sheetGrid(sheet: XLSX.WorkSheet): { rows: Row[]; range: XLSX.Range } {
  const rows: Row[] = sheet['!data'] ?? [];
  const range = XLSX.utils.decode_range(sheet['!ref'] ?? 'A1:A1');
  checkSheetGrid(rows, range.e.c);
  return { rows, range };
}

export function pickSheet(
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

export function isBlankRow(row: Row): boolean {
  for (const cell of row) if (cellText(cell).trim() !== '') return false;
  return true;
}

export function columns(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
