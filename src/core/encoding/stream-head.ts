/**
 * Peeking at the start of a byte stream, then reading it all: the one helper for it, shared by the
 * builder (its input's format and encoding) and the scrub (the call list's encoding, delimiter and
 * header, or a spreadsheet's signature). It reads at least `minBytes` (and, when asked, through the end
 * of the first line, up to a bound), and gives the head back with the rest of the stream unread.
 * Runtime-neutral; the chunk type is the caller's (Buffer in Node code), joined by its `concat`.
 */

export interface StreamHead<T extends Uint8Array> {
  /** What was read: at least `minBytes` (fewer only if the stream ended). */
  head: T;
  /** Whether the stream ended within the head. */
  ended: boolean;
  /** The rest of the stream, unread (iterate it once). */
  rest: AsyncIterable<T>;
}

export interface StreamHeadOptions {
  minBytes: number;
  /**
   * Also read through the first line feed; a stream with none in its first `maxBytes` is refused with
   * `tooLong()` (a first line that long is not a header: a binary file, or a file without line ends).
   */
  firstLine?: { maxBytes: number; tooLong: () => Error };
}

export async function readStreamHead<T extends Uint8Array>(
  source: AsyncIterable<T>,
  options: StreamHeadOptions,
  concat: (parts: T[], length: number) => T,
): Promise<StreamHead<T>> {
  const iterator = source[Symbol.asyncIterator]();
  const parts: T[] = [];
  let length = 0;
  let sawLineEnd = options.firstLine === undefined;
  let ended = false;
  while (length < options.minBytes || !sawLineEnd) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    parts.push(next.value);
    length += next.value.length;
    sawLineEnd ||= next.value.includes(0x0a);
    if (!sawLineEnd && length > options.firstLine!.maxBytes) throw options.firstLine!.tooLong();
  }
  const rest: AsyncIterable<T> = { [Symbol.asyncIterator]: () => iterator };
  return { head: parts.length === 1 ? parts[0]! : concat(parts, length), ended, rest };
}

/** `first`, then the rest of its stream: the whole stream again after a peek. */
export async function* prepend<T extends Uint8Array>(first: T, rest: AsyncIterable<T>): AsyncGenerator<T> {
  if (first.length > 0) yield first;
  yield* rest;
}

/** `concat` for plain Uint8Array chunks. */
export function concatBytes(parts: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
