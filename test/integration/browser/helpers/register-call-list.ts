/**
 * The call list of a built-in register's scrub-page test (test/integration/browser/profiles-page.test.ts):
 * the first numbers of the register, each in every spelling that country's CRMs and spreadsheets write,
 * as a CSV and as an .xlsx whose digit-only cells Excel made numbers; the rows of the outputs; and what
 * `quietlist scrub` says of the same file, to compare the page with.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { parse } from 'csv-parse/sync';
import { expect } from 'vitest';
import {
  REGISTER_PROFILES,
  type RegisterNumber,
  registerSpellings,
} from '../../../../scripts/register-numbers.ts';
import type { RegisterProfile } from '../../../../src/core/registers/profile.ts';
import { numberLeaks } from '../../../helpers/number-leaks.ts';
import { runClientCli } from '../../client/helpers/client-cli.ts';

/** One row of the call list: its id, whether its number is registered, the spelling it is written in. */
export interface CallRow {
  id: string;
  registered: boolean;
  spelling: string;
  raw: string;
}

/** The first `called` numbers (registered: the even ones), each in a row per spelling. */
export function callRows(
  profile: RegisterProfile,
  numbers: readonly RegisterNumber[],
  called: number,
): CallRow[] {
  const generator = REGISTER_PROFILES.find((candidate) => candidate.region === profile.region)!;
  const rows: CallRow[] = [];
  numbers.slice(0, called).forEach((number, n) => {
    for (const [spelling, raw] of Object.entries(registerSpellings(generator, number)))
      rows.push({ id: `r${rows.length}`, registered: n % 2 === 0, spelling, raw });
  });
  return rows;
}

export function csvOf(rows: readonly CallRow[]): Buffer {
  const lines = [
    'id,name,phone',
    ...rows.map((row) => `${row.id},Prospect ${row.id},"${row.raw.replace(/"/g, '""')}"`),
  ];
  return Buffer.from(`${lines.join('\n')}\n`);
}

/** The rows as Excel keeps them: a digit-only spelling typed in a cell becomes a number (a leading 0 lost). */
export function workbookOf(rows: readonly CallRow[]): Buffer {
  const cells: XLSX.CellObject[][] = [
    [
      { t: 's', v: 'id' },
      { t: 's', v: 'name' },
      { t: 's', v: 'phone' },
    ],
    ...rows.map((row): XLSX.CellObject[] => [
      { t: 's', v: row.id },
      { t: 's', v: `Prospect ${row.id}` },
      /^\d{1,15}$/.test(row.raw) ? { t: 'n', v: Number(row.raw) } : { t: 's', v: row.raw },
    ]),
  ];
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(cells, { dense: true }), 'Calls');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

/** The rows of an output (CSV, or .xlsx for a workbook: the outputs keep the file's kind and columns). */
export function rowsOf(bytes: Buffer): Record<string, string>[] {
  if (bytes.subarray(0, 2).toString('latin1') === 'PK') {
    const book = XLSX.read(bytes, { type: 'buffer' });
    return XLSX.utils.sheet_to_json(book.Sheets[book.SheetNames[0]!]!, { raw: false, defval: '' });
  }
  return parse(bytes, { columns: true, bom: true, skip_empty_lines: true });
}

export const idsOf = (bytes: Buffer) => rowsOf(bytes).map((row) => row.id!);

/** What `quietlist scrub --mode flag` said of each row: the ids it listed, and those clean. */
export async function cliVerdicts(
  dir: string,
  file: string,
  apiKey: string,
  url: string,
  numbers: readonly RegisterNumber[],
): Promise<{ listed: string[]; clean: string[] }> {
  const out = file.replace(/(\.\w+)$/, '.flagged$1');
  const scrub = await runClientCli(
    ['scrub', file, '--column', 'phone', '--mode', 'flag', '--out', out, '--worker', url],
    { cwd: dir, env: { QUIETLIST_API_KEY: apiKey } },
  );
  expect(scrub.code, scrub.stderr).toBe(0);
  expect(numberLeaks(scrub.stdout + scrub.stderr, numbers)).toEqual([]);
  const flagged = rowsOf(readFileSync(join(dir, out)));
  return {
    listed: flagged.filter((row) => row.quietlist_status === 'listed').map((row) => row.id!),
    clean: flagged.filter((row) => row.quietlist_status === 'not_listed').map((row) => row.id!),
  };
}
