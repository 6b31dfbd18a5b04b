/**
 * The text of a CSV call list in any encoding `build` reads (src/core/text/encoding.ts: UTF-8 with or
 * without BOM, UTF-16 LE/BE, Windows-1252; detected, or stated with --encoding), in the form the
 * scrub engine splits: bytes read as latin1, so every byte of a row passes to the outputs untouched.
 * UTF-8 and Windows-1252 are ASCII-based and pass through as they are; UTF-16 is transcoded to UTF-8
 * on the way in and back to UTF-16 on the way out (output-file.ts), so outputs keep the input's
 * encoding in every case.
 */
import { prepend, readStreamHead, type StreamHeadOptions } from '../../core/encoding/stream-head.ts';
import { QuietlistError } from '../../core/errors.ts';
import { type EncodingChoice, resolveEncoding, type TextEncodingName } from '../../core/text/encoding.ts';
import { splitsAsIs, transcodeToUtf8 } from '../../core/text/transcode.ts';

/** Bytes looked at to settle the encoding (Windows-1252 shows in the first accented letter). */
const ENCODING_SAMPLE_BYTES = 64 * 1024;
/** The header line must end within this: a longer "first line" is not a call list's header. */
const FIRST_LINE: StreamHeadOptions['firstLine'] = {
  maxBytes: 1 << 20,
  tooLong: () =>
    new QuietlistError('INPUT_INVALID', 'the first line is longer than 1 MB: is this a CSV file?'),
};

export interface CsvText {
  encoding: TextEncodingName;
  hadBom: boolean;
  /** The start of the text to split, BOM removed, at least its first line. */
  head: Buffer;
  rest: AsyncIterable<Buffer>;
}

export async function openCsvText(source: AsyncIterable<Buffer>, choice: EncodingChoice): Promise<CsvText> {
  const { head, rest, ended } = await readStreamHead(
    source,
    { minBytes: ENCODING_SAMPLE_BYTES, firstLine: FIRST_LINE },
    Buffer.concat,
  );
  if (head.length === 0)
    throw new QuietlistError('INPUT_INVALID', 'the input is empty: a header row is needed');
  const { encoding, bomLength } = resolveEncoding(head, choice, ended);
  const hadBom = bomLength > 0;
  if (splitsAsIs(encoding)) {
    return { encoding, hadBom, head: head.subarray(bomLength), rest };
  }
  // TextDecoder drops the UTF-16 byte-order mark; the outputs write it back when it was there.
  const utf8 = asBuffers(transcodeToUtf8(prepend(head, rest), { encoding, bomLength, basis: 'stated' }));
  const text = await readStreamHead(utf8, { minBytes: 0, firstLine: FIRST_LINE }, Buffer.concat);
  return { encoding, hadBom, head: text.head, rest: text.rest };
}

async function* asBuffers(source: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  for await (const chunk of source) yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

export { classifierValue, fieldDecoder } from '../../core/text/latin1.ts';
