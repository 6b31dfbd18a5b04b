import { describe, expect, it } from 'vitest';
import {
  createStreamDecoder,
  detectTextEncoding,
  resolveEncoding,
} from '../../../../src/core/text/encoding.ts';

const text = "Téléphone;Date d'inscription\r\n01 99 00 00 01;15/03/2025\r\n";

describe('detectTextEncoding', () => {
  it('reads byte-order marks', () => {
    expect(detectTextEncoding(Buffer.from(`\uFEFF${text}`), true)).toEqual({
      encoding: 'utf-8',
      bomLength: 3,
      basis: 'bom',
    });
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(detectTextEncoding(le, true)).toMatchObject({ encoding: 'utf-16le', bomLength: 2 });
    const be = Buffer.from(le).swap16();
    expect(detectTextEncoding(be, true)).toMatchObject({ encoding: 'utf-16be', bomLength: 2 });
  });

  it('recognises UTF-16 without a byte-order mark by its NUL bytes', () => {
    const le = Buffer.from(text, 'utf16le');
    expect(detectTextEncoding(le, true)).toEqual({
      encoding: 'utf-16le',
      bomLength: 0,
      basis: 'nul-pattern',
    });
    expect(detectTextEncoding(Buffer.from(le).swap16(), true)).toMatchObject({ encoding: 'utf-16be' });
  });

  it('takes text with bytes invalid in UTF-8 and no UTF-8 sequence for Windows-1252', () => {
    expect(detectTextEncoding(Buffer.from(text, 'latin1'), true)).toEqual({
      encoding: 'windows-1252',
      bomLength: 0,
      basis: 'not-utf8',
    });
  });

  it('keeps UTF-8 when valid UTF-8 sequences outnumber a few broken bytes', () => {
    const mostlyUtf8 = Buffer.concat([Buffer.from(text), Buffer.from('Évry;', 'latin1')]);
    expect(detectTextEncoding(mostlyUtf8, true)).toMatchObject({ encoding: 'utf-8', basis: 'utf8' });
    expect(detectTextEncoding(Buffer.from('0199000001\n0199000002\n'), true).encoding).toBe('utf-8');
  });

  it('does not call binary garbage Windows-1252 (control bytes)', () => {
    const garbage = Buffer.from([1, 2, 0xff, 0xfe, 10, 0x1f, 0x8c, 3, 10, 0x30, 0x31]);
    expect(detectTextEncoding(garbage, true).encoding).toBe('utf-8');
  });

  it('ignores a multi-byte character cut at the end of a partial head', () => {
    const head = Buffer.from('phone;nom\n0199000001;Hélè').subarray(0, -1);
    expect(detectTextEncoding(head, false).encoding).toBe('utf-8');
  });

  it('uses a stated encoding, still skipping its own byte-order mark', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(resolveEncoding(le, 'utf-16le', true)).toEqual({
      encoding: 'utf-16le',
      bomLength: 2,
      basis: 'stated',
    });
    expect(resolveEncoding(Buffer.from(text), 'windows-1252', true)).toMatchObject({
      encoding: 'windows-1252',
    });
  });
});

describe('createStreamDecoder', () => {
  it('decodes characters split across chunks, in every supported encoding', () => {
    const encoded = {
      'utf-8': Buffer.from(text),
      'utf-16le': Buffer.from(text, 'utf16le'),
      'utf-16be': Buffer.from(text, 'utf16le').swap16(),
      'windows-1252': Buffer.from(text, 'latin1'),
    } as const;
    for (const [encoding, bytes] of Object.entries(encoded)) {
      const decoder = createStreamDecoder(encoding as keyof typeof encoded);
      let out = '';
      for (let i = 0; i < bytes.length; i += 3) out += decoder.decode(bytes.subarray(i, i + 3));
      expect(out + decoder.end(), encoding).toBe(text);
    }
  });

  it('maps the Windows-1252 characters that Latin-1 lacks', () => {
    const decoder = createStreamDecoder('windows-1252');
    expect(decoder.decode(Buffer.from([0x80, 0x92, 0x9c]))).toBe('€’œ');
  });
});
