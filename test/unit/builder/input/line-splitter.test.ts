import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Line, splitLines } from '../../../../src/builder/input/line-splitter.ts';

async function collect(chunks: Uint8Array[], max = 1000): Promise<Line[]> {
  const out: Line[] = [];
  async function* source() {
    yield* chunks;
  }
  for await (const batch of splitLines(source(), max)) out.push(...batch);
  return out;
}

/** Cuts bytes at the given positions, as a stream might deliver them. */
function cut(bytes: Uint8Array, positions: number[]): Uint8Array[] {
  const points = [...new Set(positions.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    if (point > start) chunks.push(bytes.subarray(start, point));
    start = Math.max(start, point);
  }
  return chunks;
}

describe('splitLines', () => {
  it('gives the same lines however the stream is chunked (LF, CRLF, BOM, no final newline)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.stringMatching(/^[^\r\n]{0,20}$/), { maxLength: 20 }),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 10 }),
        async (lines, crlf, bom, positions) => {
          const text = (bom ? '\uFEFF' : '') + lines.join(crlf ? '\r\n' : '\n');
          const result = await collect(cut(Buffer.from(text), positions));
          // A newline ends a line; text after the last newline is a last line of its own.
          const expected = lines.join('\n').split('\n');
          if (expected.at(-1) === '') expected.pop();
          expect(result.map((line) => line.text)).toEqual(expected);
          expect(result.map((line) => line.number)).toEqual(result.map((_, i) => i + 1));
        },
      ),
    );
  });

  it('reports an over-long line by number without buffering it, and keeps counting', async () => {
    const text = `a\n${'x'.repeat(5000)}\nb\n${'y'.repeat(3000)}`;
    const lines = await collect(cut(Buffer.from(text), [10, 100, 2000, 4000, 5003, 6000]), 1000);
    expect(lines).toEqual([
      { number: 1, text: 'a', invalidEncoding: false },
      { number: 2, text: undefined, invalidEncoding: false },
      { number: 3, text: 'b', invalidEncoding: false },
      { number: 4, text: undefined, invalidEncoding: false },
    ]);
  });

  it('flags a line holding bytes that are not UTF-8, but not a line holding a real U+FFFD', async () => {
    const bytes = Buffer.concat([
      Buffer.from('ok\nT'),
      Buffer.from([0xe9]),
      Buffer.from('l\u00e9phone\n\uFFFD real\n'),
    ]);
    const lines = await collect(cut(bytes, [4, 5]));
    expect(lines.map((line) => [line.text, line.invalidEncoding])).toEqual([
      ['ok', false],
      ['T\uFFFDl\u00e9phone', true],
      ['\uFFFD real', false],
    ]);
  });
});
