/**
 * Reads the start of a stream, up to the end of its first line and at least `minBytes` (bounded), so
 * the encoding, the BOM, the delimiter and the header can be settled before anything else is read;
 * the rest of the stream follows unread.
 */
import { QuietlistError } from '../../core/errors.ts';

const MAX_HEAD_BYTES = 1 << 20;

export interface StreamHead {
  head: Buffer;
  rest: AsyncIterable<Buffer>;
  /** The head is the whole stream. */
  ended: boolean;
}

export async function readHead(source: AsyncIterable<Buffer>, minBytes = 0): Promise<StreamHead> {
  const iterator = source[Symbol.asyncIterator]();
  const parts: Buffer[] = [];
  let length = 0;
  let sawLineEnd = false;
  let ended = false;
  for (;;) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    parts.push(next.value);
    length += next.value.length;
    sawLineEnd ||= next.value.includes(0x0a);
    if (sawLineEnd && length >= minBytes) break;
    if (!sawLineEnd && length > MAX_HEAD_BYTES) {
      throw new QuietlistError('INPUT_INVALID', 'the first line is longer than 1 MB: is this a CSV file?');
    }
  }
  const rest: AsyncIterable<Buffer> = {
    [Symbol.asyncIterator]: () => iterator,
  };
  return { head: Buffer.concat(parts), rest, ended };
}

/** `first`, then the rest of its stream. */
export async function* prepend(first: Buffer, rest: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  if (first.length > 0) yield first;
  yield* rest;
}
