/** The one stream-peeking helper (core/encoding/stream-head.ts): what it reads, and that nothing is lost. */
import { describe, expect, it } from 'vitest';
import { concatBytes, prepend, readStreamHead } from '../../../../src/core/encoding/stream-head.ts';

async function* chunks(...texts: string[]): AsyncGenerator<Uint8Array> {
  for (const text of texts) yield new TextEncoder().encode(text);
}

async function text(source: AsyncIterable<Uint8Array>): Promise<string> {
  let out = '';
  for await (const chunk of source) out += new TextDecoder().decode(chunk);
  return out;
}

const tooLong = () => new Error('first line too long');

describe('readStreamHead', () => {
  it('reads at least minBytes, and the whole stream comes back with prepend', async () => {
    const peek = await readStreamHead(chunks('ab', 'cd', 'ef', 'gh'), { minBytes: 3 }, concatBytes);
    expect(new TextDecoder().decode(peek.head)).toBe('abcd');
    expect(peek.ended).toBe(false);
    expect(await text(prepend(peek.head, peek.rest))).toBe('abcdefgh');
  });

  it('says when the stream ended within the head', async () => {
    const peek = await readStreamHead(chunks('ab'), { minBytes: 10 }, concatBytes);
    expect([new TextDecoder().decode(peek.head), peek.ended]).toEqual(['ab', true]);
    const empty = await readStreamHead(chunks(), { minBytes: 10 }, concatBytes);
    expect([empty.head.length, empty.ended]).toEqual([0, true]);
  });

  it('reads through the first line when asked, and refuses a first line past its bound', async () => {
    const options = { minBytes: 1, firstLine: { maxBytes: 8, tooLong } };
    const peek = await readStreamHead(chunks('name,', 'phone\nrow', '\n'), options, concatBytes);
    expect(new TextDecoder().decode(peek.head)).toBe('name,phone\nrow');
    await expect(readStreamHead(chunks('0123', '45678', '9\n'), options, concatBytes)).rejects.toThrow(
      'first line too long',
    );
  });

  it("joins several chunks with the caller's concat (Buffer in Node code)", async () => {
    async function* buffers() {
      yield Buffer.from('ab');
      yield Buffer.from('c\n');
    }
    const peek = await readStreamHead(buffers(), { minBytes: 3 }, Buffer.concat);
    expect(Buffer.isBuffer(peek.head)).toBe(true);
    expect(peek.head.toString('latin1')).toBe('abc\n');
  });
});
