import { describe, expect, it } from 'vitest';
import { readRegistry } from '../../../../src/builder/input/read-registry.ts';
import type { InputDescription, InputOptions, InputRecord } from '../../../../src/builder/input/record.ts';
import { storedZip } from '../../../helpers/stored-zip.ts';

const csv = "Téléphone;Date d'inscription\r\n01 99 00 00 01;15/03/2025\r\n06 39 98 00 02;16/03/2025\r\n";

async function read(bytes: Buffer, chunk = 5, options: InputOptions = {}) {
  async function* source() {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  }
  const description: InputDescription = {};
  const records: InputRecord[] = [];
  for await (const batch of readRegistry(source(), options, 'FR', description)) records.push(...batch);
  return { records, description };
}

const expected = [
  { line: 2, phone: '01 99 00 00 01', registeredOn: '15/03/2025' },
  { line: 3, phone: '06 39 98 00 02', registeredOn: '16/03/2025' },
];

describe('readRegistry', () => {
  it('reads the same rows from every encoding, however the stream is chunked', async () => {
    const encodings: [string, Buffer][] = [
      ['utf-8', Buffer.from(csv)],
      ['utf-8', Buffer.from(`\uFEFF${csv}`)],
      ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')])],
      ['utf-16le', Buffer.from(csv, 'utf16le')],
      ['utf-16be', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(csv, 'utf16le').swap16()])],
      ['utf-16be', Buffer.from(csv, 'utf16le').swap16()],
      ['windows-1252', Buffer.from(csv, 'latin1')],
    ];
    for (const [encoding, bytes] of encodings) {
      for (const chunk of [1, 3, 7, 1 << 16]) {
        const { records, description } = await read(bytes, chunk);
        expect(records, `${encoding} in chunks of ${chunk}`).toEqual(expected);
        expect(description).toMatchObject({
          encoding,
          phoneColumn: 'Téléphone',
          dateColumn: "Date d'inscription",
        });
      }
    }
  });

  it('decodes a stated encoding', async () => {
    const { records, description } = await read(Buffer.from(csv, 'latin1'), 64, { encoding: 'windows-1252' });
    expect(records).toEqual(expected);
    expect(description).toMatchObject({ encoding: 'windows-1252', encodingBasis: 'stated' });
  });

  it('refuses a spreadsheet before reading any row', async () => {
    const xlsx = storedZip([
      { name: '[Content_Types].xml', content: '<Types/>' },
      { name: 'xl/workbook.xml', content: '<workbook/>' },
    ]);
    await expect(read(xlsx)).rejects.toThrow(/the input is an Excel workbook \(\.xlsx\), not a CSV/);
  });

  it('reads a tab-separated table in a .txt-like input as CSV, and one number per line as text', async () => {
    expect((await read(Buffer.from('phone\tdate\n0199000001\t2025-01-01\n'))).description.format).toBe('csv');
    expect((await read(Buffer.from('# registry\n0199000001\n'))).records).toEqual([
      { line: 2, phone: '0199000001' },
    ]);
  });
});
