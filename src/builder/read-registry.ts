/** Reads a registry export of any supported format as batches of rows. */
import type { CountryCode } from 'libphonenumber-js/min';
import { type InputFormat, type InputOptions, type InputRecord, sniffFormat } from './input-record.ts';
import { readCsvRecords } from './read-csv-input.ts';
import { readNdjsonRecords, readTextRecords } from './read-lines-input.ts';

export async function* readRegistry(
  source: AsyncIterable<Uint8Array>,
  options: InputOptions,
  region: CountryCode,
): AsyncGenerator<InputRecord[]> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const head = first.value;
  const format: InputFormat = options.format ?? sniffFormat(firstLineOf(head));
  async function* whole(): AsyncGenerator<Uint8Array> {
    yield head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  if (format === 'csv') yield* readCsvRecords(whole(), options, region);
  else if (format === 'ndjson') yield* readNdjsonRecords(whole(), options);
  else yield* readTextRecords(whole(), options);
}

function firstLineOf(chunk: Uint8Array): string {
  const text = new TextDecoder().decode(chunk.subarray(0, 4096));
  return text.split('\n').find((line) => line.trim() !== '') ?? '';
}
