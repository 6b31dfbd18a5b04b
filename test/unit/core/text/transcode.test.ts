/**
 * The one text decoder: a stream split anywhere and a file held whole come out as the same UTF-8, in
 * every encoding the readers settle; ASCII-based call lists are split as they are.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TextEncodingName } from '../../../../src/core/text/encoding.ts';
import { callListText, splitsAsIs, transcodeToUtf8 } from '../../../../src/core/text/transcode.ts';

const BOM: Record<TextEncodingName, number[]> = {
  'utf-8': [0xef, 0xbb, 0xbf],
  'utf-16le': [0xff, 0xfe],
  'utf-16be': [0xfe, 0xff],
  'windows-1252': [],
};

function encode(text: string, encoding: TextEncodingName): Uint8Array {
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  if (encoding === 'windows-1252') return Uint8Array.from(text, (c) => c.charCodeAt(0));
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[2 * i + (encoding === 'utf-16be' ? 1 : 0)] = unit & 0xff;
    out[2 * i + (encoding === 'utf-16be' ? 0 : 1)] = unit >> 8;
  }
  return out;
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(Buffer.concat(parts));
}

async function* split(bytes: Uint8Array, cuts: number[]): AsyncGenerator<Uint8Array> {
  let start = 0;
  for (const cut of [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)) {
    yield bytes.subarray(start, cut);
    start = cut;
  }
  yield bytes.subarray(start);
}

// Windows-1252 text only from the characters it encodes in one byte the same as latin1.
const cp1252Text = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
});
const anyText = fc.string({ unit: 'grapheme', maxLength: 60 });

describe('text decoding', () => {
  for (const encoding of ['utf-16le', 'utf-16be', 'windows-1252'] as const) {
    it(`${encoding}: a stream split anywhere gives the text as UTF-8, as the whole file does`, async () => {
      await fc.assert(
        fc.asyncProperty(
          encoding === 'windows-1252' ? cp1252Text : anyText,
          fc.array(fc.nat(), { maxLength: 6 }),
          async (text, cuts) => {
            const body = encode(text, encoding);
            const bomLength = BOM[encoding].length;
            const bytes = Uint8Array.from([...BOM[encoding], ...body]);
            const streamed = await collect(
              transcodeToUtf8(split(bytes, cuts), { encoding, bomLength, basis: 'stated' }),
            );
            expect(streamed).toBe(text);
            const whole = callListText(bytes, { encoding, bomLength });
            if (splitsAsIs(encoding)) expect(whole).toEqual(body);
            else expect(new TextDecoder().decode(whole)).toBe(text);
          },
        ),
      );
    });
  }

  it('passes UTF-8 through untouched, and splits Windows-1252 as it is', async () => {
    const bytes = Uint8Array.from([...BOM['utf-8'], ...new TextEncoder().encode('n°;06 12\n')]);
    expect(
      await collect(transcodeToUtf8(split(bytes, [1, 4]), { encoding: 'utf-8', bomLength: 3, basis: 'bom' })),
    ).toBe('\ufeffn°;06 12\n');
    expect(callListText(bytes, { encoding: 'utf-8', bomLength: 3 })).toEqual(bytes.subarray(3));
    const cp1252 = Uint8Array.from([0x6e, 0xb0, 0x3b, 0x96]);
    expect(callListText(cp1252, { encoding: 'windows-1252', bomLength: 0 })).toEqual(cp1252);
    expect(
      await collect(
        transcodeToUtf8(split(cp1252, [2]), { encoding: 'windows-1252', bomLength: 0, basis: 'not-utf8' }),
      ),
    ).toBe('n°;–');
  });
});
