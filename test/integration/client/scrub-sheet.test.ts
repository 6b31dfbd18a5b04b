/**
 * Spreadsheets in and out: an .xlsx call list comes back as .xlsx workbooks (clean, listed, rejects)
 * with the same sheet name, the other cells' values, types and number formats; numbers stored as
 * numbers (a dropped leading zero, a lost "+") are read like the builder reads them; .ods is read and
 * written as .ods; a 100,000-row workbook works.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fictionalNumber } from '../../../scripts/fictional-numbers.ts';
import { detectSpreadsheet } from '../../../src/core/text/spreadsheet-magic.ts';
import { freeNumbers, registeredNumbers, removeTempDirs, tempDir } from './helpers/client-fixture.ts';
import { leftovers, type ScrubHarness, scrubHarness } from './helpers/scrub-harness.ts';

afterAll(removeTempDirs);

const registered = registeredNumbers(2000);
const free = freeNumbers(20);
const [a, b] = registered;
let harness: ScrubHarness;

beforeAll(async () => {
  harness = await scrubHarness(registered);
});

type Cell = XLSX.CellObject;
const s = (v: string): Cell => ({ t: 's', v });
const n = (v: number, z?: string): Cell => (z ? { t: 'n', v, z } : { t: 'n', v });

function workbook(rows: Cell[][], bookType: 'xlsx' | 'ods' = 'xlsx', sheetName = 'Appels'): Buffer {
  const sheet = XLSX.utils.aoa_to_sheet(rows, { dense: true });
  sheet['!cols'] = [{ wch: 20 }, { wch: 18 }];
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, sheetName);
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['autre'], [a]]), 'Autre');
  return XLSX.write(book, { type: 'buffer', bookType }) as Buffer;
}

function readSheet(bytes: Buffer): { names: string[]; rows: Cell[][] } {
  const book = XLSX.read(bytes, { type: 'buffer', dense: true, cellNF: true });
  return { names: book.SheetNames, rows: (book.Sheets[book.SheetNames[0]!]!['!data'] ?? []) as Cell[][] };
}

const values = (rows: Cell[][]) => rows.map((row) => row.map((cell) => cell?.v));

describe('scrub: spreadsheets', () => {
  it('scrubs an .xlsx into .xlsx workbooks, keeping the sheet, the cells and their types', async () => {
    const header = [s('Nom'), s('Téléphone'), s('Montant'), s('Rappel')];
    const rows = [
      [s('Dupont'), s(a!), n(1250.5, '#,##0.00 €'), n(46000, 'dd/mm/yyyy')],
      [s('Martin'), n(Number(free[0]!.slice(3))), n(3), n(46001, 'dd/mm/yyyy')], // leading zero dropped
      [s('Durand'), n(Number(b!.slice(1))), n(4), s('demain')], // "+" dropped: 33…
      [s('Petit'), s('3,37672E+10'), n(5), s('')],
      [s('Blanc'), s(`0${free[1]!.slice(3)}`), { t: 'b', v: true } as Cell, n(46002, 'dd/mm/yyyy')],
    ];
    const input = workbook([header, ...rows]);
    const { clean, listed, rejects, report } = await harness.run(input, { column: undefined });
    expect(report.result).toMatchObject({ format: 'xlsx', sheet: 'Appels', column: 'Téléphone' });
    expect(report.receipt!.settings).toMatchObject({ format: 'xlsx', sheet: 'Appels' });
    expect(report.result.counts).toEqual({ rows: 5, listed: 2, clean: 2, invalid: 1, blank: 0 });

    const cleanBook = readSheet(clean);
    expect(cleanBook.names).toEqual(['Appels']); // the other sheet was not scrubbed: not written
    expect(values(cleanBook.rows)).toEqual(values([header, rows[1]!, rows[4]!]));
    const amount = readSheet(listed).rows[1]![2]!;
    expect(amount).toMatchObject({ t: 'n', v: 1250.5, z: '#,##0.00 €' });
    expect(readSheet(listed).rows[1]![3]).toMatchObject({ t: 'n', v: 46000, z: 'dd/mm/yyyy' });
    expect(cleanBook.rows[2]![2]).toMatchObject({ t: 'b', v: true } as Cell);
    expect(values(readSheet(listed).rows)).toEqual(values([header, rows[0]!, rows[2]!]));
    expect(values(readSheet(rejects).rows)).toEqual([
      ['Nom', 'Téléphone', 'Montant', 'Rappel', 'quietlist_row', 'quietlist_reason'],
      [
        'Petit',
        '3,37672E+10',
        5,
        '',
        5,
        'EXCEL_SCIENTIFIC: Excel scientific notation: digits were lost; re-export the column as text',
      ],
    ]);
  });

  it('flags in place, takes --sheet and a position, and reads and writes .ods', async () => {
    const input = workbook(
      [[s('id'), s('contact')], [n(1), s(a!)], [n(2), s(free[2]!)], [], [n(3), s('x')]],
      'ods',
    );
    const { clean, report } = await harness.run(input, { column: '2', mode: 'flag', sheet: 'Appels' });
    expect(report.result).toMatchObject({ format: 'ods', column: 'contact' });
    expect(report.result.counts).toEqual({ rows: 3, listed: 1, clean: 1, invalid: 1, blank: 1 });
    expect(values(readSheet(clean).rows)).toEqual([
      ['id', 'contact', 'quietlist_status'],
      [1, a, 'listed'],
      [2, free[2], 'not_listed'],
      [3, 'x', 'invalid'],
    ]);
    expect(detectSpreadsheet(clean)).toBe('ods');
  });

  it('refuses an unknown sheet, a CSV option and an .xls, writing nothing', async () => {
    const dir = tempDir('quietlist-client-scrub-');
    const input = workbook([[s('phone')], [s(a!)]]);
    await expect(harness.run(input, { dir, sheet: 'Nope' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: 'no sheet "Nope" (sheets: "Appels", "Autre")',
    });
    await expect(harness.run(input, { dir, delimiter: ';' })).rejects.toMatchObject({
      message: '--delimiter is for CSV inputs; this one is .xlsx',
    });
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    await expect(harness.run(xls, { dir })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      message: expect.stringContaining('Excel 97-2003 workbook (.xls)'),
    });
    await expect(harness.run(xls, { dir })).rejects.toThrow(/save it as \.xlsx \(or CSV\), then scrub/);
    // A PDF is not read as a one-column CSV: refused by its content, whatever its name.
    const pdf = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1');
    await expect(harness.run(pdf, { dir })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      message: expect.stringMatching(/^the input is a PDF document, not a call list: export the list/),
    });
    expect(leftovers(dir)).toEqual([]);
  });

  it('keeps the input’s formulas, and with excelSafe writes them as their values, text cells untouched', async () => {
    const formula = { t: 'n', v: 2, f: 'SUM(1,1)' } as Cell;
    const rows = [
      [s('Nom'), s('Téléphone'), s('Total')],
      [s('=HYPERLINK("http://x.test")'), s(free[0]!), formula],
    ];
    const kept = await harness.run(workbook(rows), { column: 'Téléphone' });
    expect(kept.report.result).toMatchObject({ formulaCells: 1, excelSafe: false });
    expect(readSheet(kept.clean).rows[1]![2]).toMatchObject({ f: 'SUM(1,1)' });
    const safe = await harness.run(workbook(rows), { column: 'Téléphone', excelSafe: true });
    expect(safe.report.result).toMatchObject({ formulaCells: 1, excelSafe: true });
    expect(safe.report.receipt!.settings).toMatchObject({ excelSafe: true });
    const [text, , total] = readSheet(safe.clean).rows[1]!;
    expect(total).toMatchObject({ t: 'n', v: 2 });
    expect(total?.f).toBeUndefined();
    // A text cell of a workbook is never run: it stays exactly as it was.
    expect(text).toMatchObject({ t: 's', v: '=HYPERLINK("http://x.test")' });
  });

  it('scrubs a 100,000-row workbook', async () => {
    const rows: Cell[][] = [[s('Nom'), s('Téléphone'), s('Ville')]];
    for (let i = 0; i < 100_000; i++) {
      const number =
        i % 10 === 0 ? registered[i % registered.length]! : fictionalNumber((i % 30_000) * 2 + 1);
      rows.push([s(`client ${i}`), i % 2 ? s(number) : n(Number(number.slice(3))), s('Paris')]);
    }
    const { clean, listed, report } = await harness.run(workbook(rows), { column: undefined, threads: 2 });
    expect(report.result.counts).toMatchObject({ rows: 100_000, listed: 10_000, clean: 90_000, invalid: 0 });
    expect(readSheet(listed).rows).toHaveLength(10_001);
    expect(readSheet(clean).rows).toHaveLength(90_001);
    expect(readFileSync(join(report.result.outputs.clean.name)).length).toBe(clean.length);
  }, 120_000);
});
