/**
 * Splits a byte stream of UTF-8 into lines without a per-line await: one batch of lines per input chunk.
 * Handles LF and CRLF, a UTF-8 BOM, a last line without a newline, and lines longer than the limit,
 * which are reported (by number) and skipped without being buffered whole. A line holding bytes that
 * are not UTF-8 is decoded with U+FFFD in their place and flagged, so the row can be named for it.
 */
import { isUtf8 } from 'node:buffer';

export interface Line {
  number: number;
  /** undefined when the line was longer than maxLineBytes and skipped. */
  text: string | undefined;
  /** The line held bytes that are not valid UTF-8 (each became U+FFFD in `text`). */
  invalidEncoding: boolean;
}

export async function* splitLines(
  source: AsyncIterable<Uint8Array>,
  maxLineBytes: number,
): AsyncGenerator<Line[]> {
  let carry: Buffer | null = null;
  let lineNumber = 0;
  let skippingLongLine = false;
  for await (const raw of source) {
    const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    const lines: Line[] = [];
    let start = 0;
    for (let newline = chunk.indexOf(10); newline !== -1; newline = chunk.indexOf(10, start)) {
      lineNumber++;
      if (skippingLongLine) {
        skippingLongLine = false;
      } else {
        const piece = carry
          ? Buffer.concat([carry, chunk.subarray(start, newline)])
          : chunk.subarray(start, newline);
        lines.push(
          piece.length > maxLineBytes
            ? { number: lineNumber, text: undefined, invalidEncoding: false }
            : decodeLine(piece, lineNumber),
        );
      }
      carry = null;
      start = newline + 1;
    }
    if (start < chunk.length && !skippingLongLine) {
      const rest = chunk.subarray(start);
      carry = carry ? Buffer.concat([carry, rest]) : Buffer.from(rest);
      if (carry.length > maxLineBytes) {
        lines.push({ number: lineNumber + 1, text: undefined, invalidEncoding: false });
        carry = null;
        skippingLongLine = true;
      }
    }
    if (lines.length > 0) yield lines;
  }
  // An unterminated last line counts unless it is empty (or only a byte-order mark).
  const last = carry === null ? undefined : decodeLine(carry, lineNumber + 1);
  if (last !== undefined && last.text !== '') yield [last];
}

function decodeLine(bytes: Buffer, lineNumber: number): Line {
  const end = bytes.length > 0 && bytes[bytes.length - 1] === 13 ? bytes.length - 1 : bytes.length;
  let text = bytes.toString('utf8', 0, end);
  // U+FFFD is rare in real text: only then are the bytes checked (a real U+FFFD is well-formed UTF-8).
  const invalidEncoding = text.includes('\uFFFD') && !isUtf8(bytes.subarray(0, end));
  // A UTF-8 byte-order mark, however the stream split it, is not part of the first line.
  if (lineNumber === 1 && text.startsWith('\uFEFF')) text = text.slice(1);
  return { number: lineNumber, text, invalidEncoding };
}
