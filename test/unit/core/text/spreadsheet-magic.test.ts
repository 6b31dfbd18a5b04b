import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectSpreadsheet, spreadsheetMessage } from '../../../../src/core/text/spreadsheet-magic.ts';
import { storedZip } from '../../../helpers/stored-zip.ts';

describe('detectSpreadsheet', () => {
  it('recognises xlsx, ods, xls and other zips by their first bytes', () => {
    const xlsx = readFileSync(new URL('../../../fixtures/exports/registrations.xlsx', import.meta.url));
    expect(detectSpreadsheet(xlsx)).toBe('xlsx');
    const ods = storedZip([
      { name: 'mimetype', content: 'application/vnd.oasis.opendocument.spreadsheet' },
      { name: 'content.xml', content: '<office:document-content/>' },
    ]);
    expect(detectSpreadsheet(ods)).toBe('ods');
    const xls = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(504),
    ]);
    expect(detectSpreadsheet(xls)).toBe('xls');
    expect(detectSpreadsheet(storedZip([{ name: 'registry.csv', content: 'phone\n' }]))).toBe('zip');
    expect(detectSpreadsheet(Buffer.from('phone;date\n0199000001;01/01/2025\n'))).toBeUndefined();
    expect(detectSpreadsheet(Buffer.from('PK'))).toBeUndefined();
  });

  it('says what the file is and what to do, in one line', () => {
    const message = spreadsheetMessage('ods', 'the input');
    expect(message).toMatch(/^the input is an OpenDocument spreadsheet \(\.ods\), not a CSV: .*UTF-8/);
    expect(message).not.toContain('\n');
  });
});
