/** Registry rows from line-oriented input: one number per line (text) or one JSON object per line (NDJSON). */

import {
  DEFAULT_MAX_LINE_BYTES,
  type InputOptions,
  type InputRecord,
  PHONE_COLUMN_NAMES,
} from './input-record.ts';
import { splitLines } from './line-splitter.ts';

export async function* readTextRecords(
  source: AsyncIterable<Uint8Array>,
  options: InputOptions,
): AsyncGenerator<InputRecord[]> {
  for await (const lines of splitLines(source, options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES)) {
    const records: InputRecord[] = [];
    for (const { number, text } of lines) {
      if (text === undefined) records.push({ line: number, problem: 'line too long' });
      else if (text.trim() !== '' && !text.startsWith('#')) records.push({ line: number, phone: text });
    }
    yield records;
  }
}

export async function* readNdjsonRecords(
  source: AsyncIterable<Uint8Array>,
  options: InputOptions,
): AsyncGenerator<InputRecord[]> {
  for await (const lines of splitLines(source, options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES)) {
    const records: InputRecord[] = [];
    for (const { number, text } of lines) {
      if (text === undefined) records.push({ line: number, problem: 'line too long' });
      else if (text.trim() !== '') records.push(ndjsonRecord(number, text, options));
    }
    yield records;
  }
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
