/** The CSV dialect from a header line: delimiter, record delimiter (outside quotes), record text. */
import { describe, expect, it } from 'vitest';
import {
  detectDelimiter,
  headerLineEnding,
  sniffDelimiterBytes,
} from '../../../../src/core/text/csv-dialect.ts';

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

describe('csv dialect', () => {
  it('picks the delimiter of the header line, ignoring quoted text and later lines', () => {
    expect(detectDelimiter('a;b;"c,d,e"')).toBe(';');
    expect(sniffDelimiterBytes(bytes('Nom;T\xe9l\xe9phone;Ville\r\n1,2,3,4,5\r\n'))).toBe(';');
    expect(sniffDelimiterBytes(bytes('a\tb\n'))).toBe('\t');
    expect(sniffDelimiterBytes(bytes('phone'))).toBe(',');
  });

  it('finds the line ending outside quotes, or none in an unfinished head', () => {
    expect(headerLineEnding(bytes('a;b\r\n1;2'))).toBe('\r\n');
    expect(headerLineEnding(bytes('a;"b\r\nc"\n1;2'))).toBe('\n');
    expect(headerLineEnding(bytes('a;b\r1;2'))).toBe('\r');
    expect(headerLineEnding(bytes('a;b\r'))).toBeUndefined();
    expect(headerLineEnding(bytes('a;b'))).toBeUndefined();
  });
});
