/**
 * Reads the start of a stream up to the end of its first line (bounded), so the BOM, the delimiter
 * and the header can be settled before anything else is read; the rest of the stream follows unread.
 */
import { QuietlistError } from '../../core/errors.ts';

const MAX_HEAD_BYTES = 1 << 20;

export async function readHead(
  source: AsyncIterable<Buffer>,
): Promise<{ head: Buffer; rest: AsyncIterable<Buffer> }> {
  const iterator = source[Symbol.asyncIterator]();
  const parts: Buffer[] = [];
  let length = 0;
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    parts.push(next.value);
    length += next.value.length;
    if (next.value.includes(0x0a)) break;
    if (length > MAX_HEAD_BYTES) {
      throw new QuietlistError('INPUT_INVALID', 'the first line is longer than 1 MB: is this a CSV file?');
    }
  }
  const rest: AsyncIterable<Buffer> = {
    [Symbol.asyncIterator]: () => iterator,
  };
  return { head: Buffer.concat(parts), rest };
}
