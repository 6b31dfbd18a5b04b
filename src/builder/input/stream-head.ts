/** Reads the first bytes of a stream (at least `minBytes` unless it ends) and gives back the whole stream. */
export interface StreamHead {
  head: Uint8Array;
  /** Whether the stream ended within the head. */
  atEnd: boolean;
  /** The whole stream again, head included. */
  whole: AsyncGenerator<Uint8Array>;
}

export async function readStreamHead(
  source: AsyncIterable<Uint8Array>,
  minBytes: number,
): Promise<StreamHead> {
  const iterator = source[Symbol.asyncIterator]();
  const parts: Uint8Array[] = [];
  let length = 0;
  let atEnd = false;
  while (length < minBytes) {
    const next = await iterator.next();
    if (next.done) {
      atEnd = true;
      break;
    }
    parts.push(next.value);
    length += next.value.length;
  }
  const head = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  async function* whole(): AsyncGenerator<Uint8Array> {
    if (head.length > 0) yield head;
    if (atEnd) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head, atEnd, whole: whole() };
}
