import { describe, expect, it } from 'vitest';
import { detectDelimiter, readCsvRecords } from '../../../../src/builder/input/read-csv.ts';
import type { InputDescription, InputOptions, InputRecord } from '../../../../src/builder/input/record.ts';

async function records(csv: string, options: InputOptions = {}): Promise<InputRecord[]> {
  const out: InputRecord[] = [];
  async function* source() {
    yield Buffer.from(csv);
  }
  for await (const batch of readCsvRecords(source(), options, 'FR')) out.push(...batch);
  return out;
}

describe('readCsvRecords', () => {
  it('detects a header by content and picks the phone and date columns by name', async () => {
    expect(await records('id;Telephone;date\n1;0199000001;2026-01-01\n')).toEqual([
      { line: 2, phone: '0199000001', registeredOn: '2026-01-01' },
    ]);
    expect(await records('id;Telephone;date\n1;0199000001;2026-01-01\n', { noDateColumn: true })).toEqual([
      { line: 2, phone: '0199000001', registeredOn: undefined },
    ]);
  });

  it('matches headers accent- and case-insensitively, and names the columns it chose', async () => {
    const description: InputDescription = {};
    const out: InputRecord[] = [];
    async function* source() {
      yield Buffer.from("N° client;Numéro de téléphone;Date d'inscription\n7;0199000001;01/02/2025\n");
    }
    for await (const batch of readCsvRecords(source(), {}, 'FR', description)) out.push(...batch);
    expect(out).toEqual([{ line: 2, phone: '0199000001', registeredOn: '01/02/2025' }]);
    expect(description).toEqual({
      delimiter: ';',
      phoneColumn: 'Numéro de téléphone',
      dateColumn: "Date d'inscription",
    });
    expect(
      await records('TELEPHONE,Date de naissance\n0199000001,01/02/1970\n', { column: 'téléphone' }),
    ).toEqual([{ line: 2, phone: '0199000001', registeredOn: undefined }]);
  });

  it('refuses to guess between two phone-like or two registration-like columns', async () => {
    await expect(records('Tél. domicile;Tél. travail\nx;y\n')).rejects.toThrow(
      /several columns could hold the phone number \("Tél\. domicile", "Tél\. travail"\); pass --column/,
    );
    await expect(records('phone;inscrit via;inscription confirmée le\nx;y;z\n')).rejects.toThrow(
      /several columns could hold the registration date/,
    );
  });

  it('flags a record holding bytes that are not UTF-8', async () => {
    const out: InputRecord[] = [];
    async function* source() {
      yield Buffer.concat([
        Buffer.from('phone,town\n0199000001,'),
        Buffer.from([0xc9]),
        Buffer.from('vry\n'),
      ]);
    }
    for await (const batch of readCsvRecords(source(), {}, 'FR')) out.push(...batch);
    expect(out).toEqual([{ line: 2, phone: '0199000001', registeredOn: undefined, invalidEncoding: true }]);
  });

  it('takes the first row as data when it holds a number', async () => {
    expect(await records('0199000001\n0199000002\n')).toEqual([
      { line: 1, phone: '0199000001', registeredOn: undefined },
      { line: 2, phone: '0199000002', registeredOn: undefined },
    ]);
  });

  it('selects columns by position and reads the date column', async () => {
    expect(
      await records('x,0199000001,01/02/2025\n', { column: '2', dateColumn: '3', header: 'no' }),
    ).toEqual([{ line: 1, phone: '0199000001', registeredOn: '01/02/2025' }]);
  });

  it("takes the delimiter from Excel's `sep=` line before the header", async () => {
    expect(await records('sep=;\r\nNom, prénom;Téléphone\r\nDupont, J.;0199000001\r\n')).toEqual([
      { line: 3, phone: '0199000001', registeredOn: undefined },
    ]);
  });

  it('reads a quoted field spanning lines as one record, numbered by its first line', async () => {
    expect(await records('phone,note\n"0199000001","one\ntwo"\n0199000002,x\n')).toEqual([
      { line: 2, phone: '0199000001', registeredOn: undefined },
      { line: 4, phone: '0199000002', registeredOn: undefined },
    ]);
  });

  it('keeps stray quotes as written and reports an unterminated quote without losing the rows after it', async () => {
    const result = await records(
      'phone,note\n0199000001,a"b"c\n"0199000002,open\n0199000003,x\n="0199000004",y\n',
    );
    expect(result.filter((r) => r.problem)).toEqual([
      { line: 3, problem: { code: 'UNTERMINATED_QUOTE', text: 'unterminated quoted field' } },
    ]);
    // Excel's text formula, written unquoted by exports that keep the leading zero, reaches the normaliser.
    expect(result.filter((r) => r.phone).map((r) => r.phone)).toEqual([
      '0199000001',
      '0199000003',
      '="0199000004"',
    ]);
  });

  it('reports a row too short to hold the phone column', async () => {
    expect(await records('a,phone\nx\n', { column: 'phone' })).toEqual([
      { line: 2, problem: { code: 'MISSING_FIELD', text: 'no field 2 (row has 1)' } },
    ]);
  });

  it('fails before any row when a named column is missing, masking number-like header names', async () => {
    await expect(records('0199000001,name\n', { column: 'phone' })).rejects.toThrow(
      /phone column "phone" is not in the header \(line 1 has: "\*+01", "name"\)/,
    );
  });

  it('detects the delimiter outside quotes', () => {
    expect(detectDelimiter('a;b;"c,d,e"')).toBe(';');
    expect(detectDelimiter('a\tb')).toBe('\t');
    expect(detectDelimiter('single')).toBe(',');
  });
});
