/**
 * The text of a CSV call list in any encoding `build` reads (src/core/text-encoding.ts: UTF-8 with or
 * without BOM, UTF-16 LE/BE, Windows-1252; detected, or stated with --encoding), in the form the
 * scrub engine splits: bytes read as latin1, so every byte of a row passes to the outputs untouched.
 * UTF-8 and Windows-1252 are ASCII-based and pass through as they are; UTF-16 is transcoded to UTF-8
 * on the way in and back to UTF-16 on the way out (output-file.ts), so outputs keep the input's
 * encoding in every case.
 */
import { transcodeToUtf8 } from '../../builder/decode-input.ts';
import { QuietlistError } from '../../core/errors.ts';
import { type EncodingChoice, resolveEncoding, type TextEncodingName } from '../../core/text-encoding.ts';
import { prepend, readHead } from './read-head.ts';
import { asUtf8 } from './row-status.ts';

/** Bytes looked at to settle the encoding (Windows-1252 shows in the first accented letter). */
const ENCODING_SAMPLE_BYTES = 64 * 1024;

export interface CsvText {
  encoding: TextEncodingName;
  hadBom: boolean;
  /** The start of the text to split, BOM removed, at least its first line. */
  head: Buffer;
  rest: AsyncIterable<Buffer>;
}

export async function openCsvText(source: AsyncIterable<Buffer>, choice: EncodingChoice): Promise<CsvText> {
  const { head, rest, ended } = await readHead(source, ENCODING_SAMPLE_BYTES);
  if (head.length === 0)
    throw new QuietlistError('INPUT_INVALID', 'the input is empty: a header row is needed');
  const { encoding, bomLength } = resolveEncoding(head, choice, ended);
  const hadBom = bomLength > 0;
  if (encoding === 'utf-8' || encoding === 'windows-1252') {
    return { encoding, hadBom, head: head.subarray(bomLength), rest };
  }
  // TextDecoder drops the UTF-16 byte-order mark; the outputs write it back when it was there.
  const utf8 = asBuffers(transcodeToUtf8(prepend(head, rest), { encoding, bomLength, basis: 'stated' }));
  const text = await readHead(utf8);
  return { encoding, hadBom, head: text.head, rest: text.rest };
}

async function* asBuffers(source: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  for await (const chunk of source) yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

const NON_ASCII = /[\u0080-\uffff]/;
const WINDOWS_1252 = new TextDecoder('windows-1252');

/** A field as people read it (header names): its latin1 form decoded in the file's encoding. */
export function fieldDecoder(encoding: TextEncodingName): (latin1: string) => string {
  if (encoding !== 'windows-1252') return asUtf8;
  return (latin1) => (NON_ASCII.test(latin1) ? WINDOWS_1252.decode(Buffer.from(latin1, 'latin1')) : latin1);
}

/**
 * The classifiers read values as the latin1 form of UTF-8 bytes (row-status.ts, asUtf8); a
 * Windows-1252 value with non-ASCII bytes (an en dash between digits) is re-encoded to that form, so
 * it normalises exactly as the same text in UTF-8. ASCII values, nearly all of them, are untouched.
 */
export function classifierValue(encoding: TextEncodingName): ((latin1: string) => string) | undefined {
  if (encoding !== 'windows-1252') return undefined;
  const decode = fieldDecoder(encoding);
  return (latin1) =>
    NON_ASCII.test(latin1) ? Buffer.from(decode(latin1), 'utf8').toString('latin1') : latin1;
}
