/** Registry rows from line-oriented input: one number per line (text) or one JSON object per line (NDJSON). */

import {
  DEFAULT_MAX_LINE_BYTES,
  type InputOptions,
  type InputRecord,
  PHONE_COLUMN_NAMES,
} from './input-record.ts';
import { splitLines } from './line-splitter.ts';

/** One record per non-blank line; `toRecord` returns undefined to skip a line (a comment). */
async function* readLineRecords(
  source: AsyncIterable<Uint8Array>,
  options: InputOptions,
  toRecord: (line: number, text: string) => InputRecord | undefined,
): AsyncGenerator<InputRecord[]> {
  for await (const lines of splitLines(source, options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES)) {
    const records: InputRecord[] = [];
    for (const { number, text } of lines) {
      const record =
        text === undefined
          ? { line: number, problem: 'line too long' }
          : text.trim() === ''
            ? undefined
            : toRecord(number, text);
      if (record) records.push(record);
    }
    yield records;
  }
}

export function readTextRecords(
  source: AsyncIterable<Uint8Array>,
  options: InputOptions,
): AsyncGenerator<InputRecord[]> {
  return readLineRecords(source, options, (line, text) =>
    text.startsWith('#') ? undefined : { line, phone: text },
  );
}

export function readNdjsonRecords(
  source: AsyncIterable<Uint8Array>,
  options: InputOptions,
): AsyncGenerator<InputRecord[]> {
  return readLineRecords(source, options, (line, text) => ndjsonRecord(line, text, options));
}

function ndjsonRecord(line: number, text: string, options: InputOptions): InputRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { line, problem: 'invalid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { line, problem: 'not a JSON object' };
  const object = value as Record<string, unknown>;
  const field = options.column ?? PHONE_COLUMN_NAMES.find((name) => name in object);
  const phone = field === undefined ? undefined : object[field];
  if (typeof phone !== 'string' && typeof phone !== 'number') {
    return { line, problem: `no "${options.column ?? 'phone'}" field holding a string` };
  }
  const date = options.dateColumn === undefined ? undefined : object[options.dateColumn];
  return { line, phone: String(phone), registeredOn: typeof date === 'string' ? date : undefined };
}
