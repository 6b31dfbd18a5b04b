/**
 * Text decoding, in one place: an export or a call list in any encoding encoding.ts settles, turned
 * into UTF-8 bytes for the splitters. The builder transcodes every encoding but UTF-8; `scrub` and the
 * scrub page split ASCII-based encodings (UTF-8, Windows-1252) as they are, so every byte of a row
 * passes to the outputs untouched, and transcode UTF-16 only (its outputs are written back as UTF-16).
 * Runtime-neutral (TextDecoder and TextEncoder): the builder, the CLI and the browser share it.
 */
import { createStreamDecoder, type DetectedEncoding, type TextEncodingName } from './encoding.ts';

const UTF8 = new TextEncoder();

/**
 * A stream in `detected.encoding` as UTF-8 chunks. UTF-8, the common case, passes through untouched (its
 * byte-order mark is dropped by the line splitter and its invalid bytes are found there, line by line);
 * other encodings are decoded chunk by chunk and encoded again, so line breaks and line numbers stay
 * where they were. Nothing is held whole.
 */
export async function* transcodeToUtf8(
  source: AsyncIterable<Uint8Array>,
  detected: DetectedEncoding,
): AsyncGenerator<Uint8Array> {
  if (detected.encoding === 'utf-8') {
    yield* source;
    return;
  }
  const decoder = createStreamDecoder(detected.encoding);
  // TextDecoder drops the byte-order mark of its encoding at the start.
  for await (const chunk of source) {
    const text = decoder.decode(chunk);
    if (text !== '') yield UTF8.encode(text);
  }
  const rest = decoder.end();
  if (rest !== '') yield UTF8.encode(rest);
}

/** Whether a call list in this encoding is split as it is (ASCII-based), rather than transcoded. */
export function splitsAsIs(encoding: TextEncodingName): boolean {
  return encoding === 'utf-8' || encoding === 'windows-1252';
}

/**
 * A call list held whole (the scrub page), as its splitter reads it: without its byte-order mark, and
 * transcoded to UTF-8 when it is not ASCII-based (splitsAsIs).
 */
export function callListText(bytes: Uint8Array, detected: Omit<DetectedEncoding, 'basis'>): Uint8Array {
  const body = bytes.subarray(detected.bomLength);
  if (splitsAsIs(detected.encoding)) return body;
  return UTF8.encode(new TextDecoder(detected.encoding).decode(body));
}
