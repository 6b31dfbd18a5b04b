import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  detectFileKind,
  detectSpreadsheet,
  notACallListMessage,
  spreadsheetMessage,
} from '../../../../src/core/text/spreadsheet-magic.ts';
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

  it('recognises files that are not call lists: PDF, pictures, documents, archives, web pages, programs', () => {
    const bytes = (...values: number[]) => Uint8Array.from([...values, ...new Array(32).fill(0x41)]);
    expect(detectFileKind(Buffer.from('%PDF-1.4\n%âãÏÓ\n', 'latin1'))).toBe('pdf');
    expect(detectFileKind(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('image');
    expect(detectFileKind(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image');
    expect(detectFileKind(Buffer.from('GIF89a'))).toBe('image');
    expect(detectFileKind(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('image');
    expect(detectFileKind(Buffer.from('\x00\x00\x00\x18ftypheic', 'latin1'))).toBe('image');
    expect(detectFileKind(bytes(0x1f, 0x8b, 0x08))).toBe('archive');
    expect(detectFileKind(bytes(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c))).toBe('archive');
    expect(detectFileKind(Buffer.from('Rar!\x1a\x07\x00', 'latin1'))).toBe('archive');
    expect(detectFileKind(Buffer.from('{\\rtf1\\ansi'))).toBe('rtf');
    expect(detectFileKind(Buffer.from('MZ\x90\x00\x03\x00', 'latin1'))).toBe('program');
    expect(detectFileKind(Buffer.from('BZh91AY&SY', 'latin1'))).toBe('archive');
    expect(detectFileKind(Buffer.from('\ufeff  <!DOCTYPE html><html><table>'))).toBe('html');
    expect(detectFileKind(Buffer.from('<table><tr><td>Nom</td></tr></table>'))).toBe('html');
    const docx = storedZip([
      { name: '[Content_Types].xml', content: '<Types/>' },
      { name: 'word/document.xml', content: '<w:document/>' },
    ]);
    expect(detectFileKind(docx)).toBe('word');
    expect(detectSpreadsheet(docx)).toBeUndefined();
    // Text is never mistaken for one: a CSV of any spelling, a header starting like a signature.
    const headers = [
      'Nom;Téléphone\n',
      'MZ_ID,phone\n',
      'GIF8;tel\n',
      'BZh9;x\n',
      '<nom>;tel\n',
      'html;tel\n',
    ];
    for (const text of headers) expect(detectFileKind(Buffer.from(text, 'latin1')), text).toBeUndefined();
  });

  it('tells scrub what to give instead, in one line', () => {
    expect(notACallListMessage('pdf', 'the input')).toBe(
      'the input is a PDF document, not a call list: export the list from the software that holds it (your CRM, Excel) as CSV or .xlsx, then scrub that file',
    );
    expect(notACallListMessage('archive', 'the input')).toMatch(
      /extract it and scrub the CSV or \.xlsx inside$/,
    );
  });

  it('says what the file is and what to do, in one line', () => {
    const message = spreadsheetMessage('ods', 'the input');
    expect(message).toMatch(/^the input is an OpenDocument spreadsheet \(\.ods\), not a CSV: .*UTF-8/);
    expect(message).not.toContain('\n');
  });
});
