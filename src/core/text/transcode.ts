/**
 * Turns an export in any supported encoding into UTF-8 bytes for the line splitter. UTF-8, the common
 * case, passes through untouched (its byte-order mark is dropped by the line splitter and its invalid
 * bytes are found there, line by line); UTF-16 and Windows-1252 are decoded chunk by chunk and encoded
 * again, so line breaks and line numbers stay where they were. Streaming: nothing is held whole.
 */
import { createStreamDecoder, type DetectedEncoding } from './encoding.ts';

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
    if (text !== '') yield Buffer.from(text, 'utf8');
  }
  const rest = decoder.end();
  if (rest !== '') yield Buffer.from(rest, 'utf8');
}
