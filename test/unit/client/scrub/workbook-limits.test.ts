/**
 * Spreadsheet limits (docs/CLIENT.md "Spreadsheets"), on real hostile files: a 1.6 MB .xlsx whose sheet
 * inflates to 1.6 GB (its size declared, or lied about, small or huge), a sheet of a million tiny cells,
 * a 1 KB .ods whose one cell repeats a billion times, a sheet reaching past Excel's grid, a damaged ZIP.
 * Each is refused in one line naming the limit; an ordinary workbook passes.
 */
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { scrubWorkbook, workbookHeader } from '../../../../src/client/scrub/sheet-workbook.ts';
import {
  checkWorkbookLimits,
  countOdsCells,
  WORKBOOK_LIMITS,
  XlsxTagCounter,
} from '../../../../src/client/scrub/workbook-limits.ts';
import { QuietlistError } from '../../../../src/core/errors.ts';
import { odsRepeatBomb, xlsxBomb, xlsxCells, xlsxWith } from '../../../helpers/spreadsheet-bombs.ts';

async function refusal(promise: Promise<unknown>): Promise<QuietlistError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof QuietlistError) return error;
    throw error;
  }
  throw new Error('the workbook was accepted');
}

const INFLATED =
  /^the workbook inflates to more than 100 MiB \(the limit of a spreadsheet, read whole in memory\): save the sheet as CSV and use that file/;
const CELLS =
  /^the workbook holds more than 1,000,000 cells \(the limit of a spreadsheet, read whole in memory\)/;

describe('checkWorkbookLimits', () => {
  it('refuses the 1.6 GB sheet bomb whether its size is declared, understated or overstated', async () => {
    for (const declare of [undefined, 1000, 4_000_000_000]) {
      const bomb = xlsxBomb(1_600_000_000, declare);
      expect(bomb.length).toBeLessThan(2_000_000);
      const error = await refusal(checkWorkbookLimits(bomb));
      expect(error.code).toBe('INPUT_INVALID');
      expect(error.message).toMatch(INFLATED);
    }
  });

  it('refuses a part that inflates to another size than it declares', async () => {
    const error = await refusal(checkWorkbookLimits(xlsxBomb(2_000_000, 1000)));
    expect(error.message).toMatch(
      /cannot be read \(the part "xl\/worksheets\/sheet1.xml" is not the size it declares\)/,
    );
  });

  it('counts cells the way SheetJS makes them, and refuses more than a million', async () => {
    await checkWorkbookLimits(xlsxCells(WORKBOOK_LIMITS.cells - 1)); // + the header cell: exactly the limit
    expect((await refusal(checkWorkbookLimits(xlsxCells(WORKBOOK_LIMITS.cells)))).message).toMatch(CELLS);
  });

  it('refuses a 1 KB .ods whose cell repeats a billion times, and reads a small repeat', async () => {
    const bomb = odsRepeatBomb(1_000_000, 1000);
    expect(bomb.length).toBeLessThan(2048);
    expect((await refusal(checkWorkbookLimits(bomb))).message).toMatch(CELLS);
    await checkWorkbookLimits(odsRepeatBomb(10, 10));
    const { names } = await workbookHeader(odsRepeatBomb(10, 10), 'ods');
    expect(names).toEqual(['phone']);
  });

  it('passes an ordinary workbook', async () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      ['name', 'phone'],
      ['A', '01 99 00 00 01'],
    ]);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Calls');
    const bytes = XLSX.write(book, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer;
    await checkWorkbookLimits(new Uint8Array(bytes));
  });

  it('refuses a damaged or truncated ZIP in one line', async () => {
    const good = xlsxCells(10);
    for (const bytes of [good.subarray(0, good.length - 30), good.subarray(100)]) {
      expect((await refusal(checkWorkbookLimits(bytes))).message).toMatch(/^the workbook cannot be read \(/);
    }
  });
});

describe('the counters', () => {
  it('finds cell tags with any prefix across chunk boundaries, and nothing else', () => {
    const counter = new XlsxTagCounter();
    const text = '<x:c r="A1"><v>1</v></x:c><c/><col min="1"/><cfRule/><c>1</c><si><t>a</t></si><si x="1"/>';
    const bytes = new TextEncoder().encode(text);
    for (let i = 0; i < bytes.length; i += 3) counter.feed(bytes.subarray(i, i + 3));
    counter.end();
    expect([counter.cells, counter.strings]).toEqual([3, 2]);
  });

  it('multiplies an .ods cell with content by its repeats, and counts an empty repeated one once', () => {
    const row = (attributes: string, cells: string) =>
      `<table:table-row ${attributes}>${cells}</table:table-row>`;
    const full =
      '<table:table-cell table:number-columns-repeated="4" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>';
    const empty = '<table:table-cell table:number-columns-repeated="1020"/>';
    expect(countOdsCells(row('table:number-rows-repeated="3"', full + empty))).toBe(3 * 4 + 1);
    // LibreOffice's tail: a million empty rows of empty cells costs one cell each, not a billion.
    expect(countOdsCells(row('table:number-rows-repeated="1048000"', empty))).toBe(1);
    expect(countOdsCells(`<!-- ${full} -->`)).toBe(0);
  });
});

describe('the sheet grid', () => {
  it('refuses a sheet whose rows reach past row 1,048,576 before any loop runs over them', async () => {
    const far = xlsxWith({
      content:
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>phone</t></is></c></row><row r="2000000000"><c r="A2000000000"><v>1</v></c></row></sheetData></worksheet>',
    });
    const error = await refusal(workbookHeader(far, 'xlsx'));
    expect(error.message).toMatch(/reaches past row 1,048,576 or column 16,384, Excel's own grid/);
    const classifier = { threads: 1, classify: async () => new Uint8Array(), close: async () => undefined };
    const scrubbed = refusal(
      scrubWorkbook(far, { format: 'xlsx', mode: 'drop', classifier, listed: false, rejects: false }),
    );
    expect((await scrubbed).message).toMatch(/Excel's own grid/);
  });
});
