/**
 * Reads a registry export of any supported format as batches of rows. The first 64 KiB settle what the
 * file is before any row is read: a spreadsheet (refused, with what to do), the text encoding
 * (src/core/text/encoding.ts; non-UTF-8 is transcoded as it streams), then the format.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import { concatBytes, prepend, readStreamHead } from '../../core/encoding/stream-head.ts';
import { QuietlistError } from '../../core/errors.ts';
import { resolveEncoding } from '../../core/text/encoding.ts';
import { detectFileKind, spreadsheetMessage } from '../../core/text/spreadsheet-magic.ts';
import { transcodeToUtf8 } from '../../core/text/transcode.ts';
import { readCsvRecords } from './read-csv.ts';
import { readNdjsonRecords, readTextRecords } from './read-lines.ts';
import {
  type InputDescription,
  type InputFormat,
  type InputOptions,
  type InputRecord,
  sniffFormat,
} from './record.ts';

const HEAD_BYTES = 64 * 1024;

export async function* readRegistry(
  source: AsyncIterable<Uint8Array>,
  options: InputOptions,
  region: CountryCode,
  description: InputDescription = {},
): AsyncGenerator<InputRecord[]> {
  const raw = await readStreamHead(source, { minBytes: HEAD_BYTES }, concatBytes);
  if (raw.head.length === 0) return;
  // A workbook, a PDF, a picture…: refused by its content, with what to give instead.
  const kind = detectFileKind(raw.head);
  if (kind) throw new QuietlistError('INPUT_INVALID', spreadsheetMessage(kind, 'the input'));
  const detected = resolveEncoding(raw.head, options.encoding ?? 'auto', raw.ended);
  description.encoding = detected.encoding;
  description.encodingBasis = detected.basis;
  const peeked = await readStreamHead(
    transcodeToUtf8(prepend(raw.head, raw.rest), detected),
    { minBytes: 1 },
    concatBytes,
  );
  const text = { head: peeked.head, whole: prepend(peeked.head, peeked.rest) };
  const format: InputFormat = options.format ?? sniffFormat(firstLineOf(text.head));
  description.format = format;
  if (format === 'csv') yield* readCsvRecords(text.whole, options, region, description);
  else if (format === 'ndjson') yield* readNdjsonRecords(text.whole, options, description);
  else yield* readTextRecords(text.whole, options);
}

function firstLineOf(chunk: Uint8Array): string {
  const text = new TextDecoder().decode(chunk.subarray(0, 4096));
  return text.split('\n').find((line) => line.trim() !== '') ?? '';
}
