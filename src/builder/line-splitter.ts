/**
 * Splits a byte stream into lines without a per-line await: one batch of lines per input chunk.
 * Handles LF and CRLF, a UTF-8 BOM, a last line without a newline, and lines longer than the limit,
 * which are reported (by number) and skipped without being buffered whole.
 */
export interface Line {
  number: number;
  /** undefined when the line was longer than maxLineBytes and skipped. */
  text: string | undefined;
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
        lines.push({
          number: lineNumber,
          text: piece.length > maxLineBytes ? undefined : decodeLine(piece, lineNumber),
        });
      }
      carry = null;
      start = newline + 1;
    }
    if (start < chunk.length && !skippingLongLine) {
      const rest = chunk.subarray(start);
      carry = carry ? Buffer.concat([carry, rest]) : Buffer.from(rest);
      if (carry.length > maxLineBytes) {
        lines.push({ number: lineNumber + 1, text: undefined });
        carry = null;
        skippingLongLine = true;
      }
    }
    if (lines.length > 0) yield lines;
  }
  // An unterminated last line counts unless it is empty (or only a byte-order mark).
  const last = carry === null ? '' : decodeLine(carry, lineNumber + 1);
  if (last !== '') yield [{ number: lineNumber + 1, text: last }];
}

function decodeLine(bytes: Buffer, lineNumber: number): string {
  const end = bytes.length > 0 && bytes[bytes.length - 1] === 13 ? bytes.length - 1 : bytes.length;
  const text = bytes.toString('utf8', 0, end);
  // A UTF-8 byte-order mark, however the stream split it, is not part of the first line.
  return lineNumber === 1 && text.startsWith('\uFEFF') ? text.slice(1) : text;
}
