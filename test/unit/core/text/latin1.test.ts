/** Latin1 text (one character per byte) and what people and the normaliser read from it. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  asUtf8,
  classifierValue,
  fieldDecoder,
  latin1Bytes,
  latin1Text,
  utf8AsLatin1,
} from '../../../../src/core/text/latin1.ts';

describe('latin1 text', () => {
  it('round-trips every byte, as Node’s latin1 does (TextDecoder’s "latin1" would not)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70_000 }), (bytes) => {
        const text = latin1Text(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('latin1'));
        expect(latin1Bytes(text)).toEqual(bytes);
      }),
      { numRuns: 50 },
    );
  });

  it('reads UTF-8 values, and Windows-1252 header names and values, as the CLI did with Buffer', () => {
    const dash = utf8AsLatin1('06\u201339\u201398');
    expect(dash).toBe(Buffer.from('06\u201339\u201398', 'utf8').toString('latin1'));
    expect(asUtf8(dash)).toBe('06\u201339\u201398');
    expect(asUtf8('06 39 98')).toBe('06 39 98');
    const header = Buffer.from([0x54, 0xe9, 0x6c]).toString('latin1'); // "Tél" in Windows-1252
    expect(fieldDecoder('windows-1252')(header)).toBe('Tél');
    expect(fieldDecoder('utf-8')(utf8AsLatin1('Tél'))).toBe('Tél');
    // An en dash (0x96 in Windows-1252) reaches the classifier as the UTF-8 spelling of U+2013.
    const value = Buffer.from([0x30, 0x36, 0x96, 0x33, 0x39]).toString('latin1');
    expect(asUtf8(classifierValue('windows-1252')!(value))).toBe('06\u201339');
    expect(classifierValue('utf-8')).toBeUndefined();
  });
});
