/** Registry rows from line-oriented input: one number per line (text) or one JSON object per line (NDJSON). */
import {
  CHANNELS_HEADERS,
  findHeaderColumn,
  findNamedColumn,
  type HeaderVocabulary,
  PHONE_HEADERS,
  REGISTRATION_DATE_HEADERS,
  SECTORS_HEADERS,
} from '../../core/text/header-names.ts';
import { splitLines } from './line-splitter.ts';
import {
  DEFAULT_MAX_LINE_BYTES,
  type InputDescription,
  type InputOptions,
  type InputRecord,
} from './record.ts';
import { inputProblem } from './reject-reasons.ts';

/** One record per non-blank line; `toRecord` returns undefined to skip a line (a comment). */
async function* readLineRecords(
  source: AsyncIterable<Uint8Array>,
  options: InputOptions,
  toRecord: (line: number, text: string) => InputRecord | undefined,
): AsyncGenerator<InputRecord[]> {
  for await (const lines of splitLines(source, options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES)) {
    const records: InputRecord[] = [];
    for (const { number, text, invalidEncoding } of lines) {
      const record =
        text === undefined
          ? { line: number, problem: inputProblem('LINE_TOO_LONG') }
          : text.trim() === ''
            ? undefined
            : toRecord(number, text);
      if (record) {
        if (invalidEncoding) record.invalidEncoding = true;
        records.push(record);
      }
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
  description: InputDescription = {},
): AsyncGenerator<InputRecord[]> {
  const fields = new NdjsonFields(options, description);
  return readLineRecords(source, options, (line, text) => ndjsonRecord(line, text, fields));
}

/**
 * The phone and date fields of an object, named or found the way CSV headers are (accent- and
 * case-insensitively). Resolved once per set of keys: an export's objects nearly all share one.
 */
interface ObjectFields {
  phone?: string;
  date?: string;
  channels?: string;
  sectors?: string;
}

class NdjsonFields {
  private readonly byKeys = new Map<string, ObjectFields>();

  private readonly options: InputOptions;
  private readonly description: InputDescription;

  constructor(options: InputOptions, description: InputDescription) {
    this.options = options;
    this.description = description;
  }

  of(object: Record<string, unknown>): ObjectFields {
    const keys = Object.keys(object);
    const signature = keys.join('\u0000');
    let fields = this.byKeys.get(signature);
    if (fields === undefined) {
      fields = { phone: this.find(keys, this.options.column, PHONE_HEADERS) };
      if (!this.options.noDateColumn)
        fields.date = this.find(keys, this.options.dateColumn, REGISTRATION_DATE_HEADERS);
      const scope = this.options.scopeColumns;
      if (scope) {
        fields.channels = this.find(keys, scope.channels, CHANNELS_HEADERS);
        fields.sectors = this.find(keys, scope.sectors, SECTORS_HEADERS);
        if (fields.channels !== undefined) this.description.channelsColumn ??= fields.channels;
        if (fields.sectors !== undefined) this.description.sectorsColumn ??= fields.sectors;
      }
      if (this.byKeys.size >= 256) this.byKeys.clear();
      this.byKeys.set(signature, fields);
      if (fields.phone !== undefined) this.description.phoneColumn ??= fields.phone;
      if (fields.date !== undefined) this.description.dateColumn ??= fields.date;
    }
    return fields;
  }

  private find(keys: string[], wanted: string | undefined, vocabulary: HeaderVocabulary): string | undefined {
    if (wanted !== undefined) {
      const index = findNamedColumn(keys, wanted);
      return index === -1 ? undefined : keys[index];
    }
    const match = findHeaderColumn(keys, vocabulary);
    return match.kind === 'found' ? keys[match.index] : undefined;
  }
}

function ndjsonRecord(line: number, text: string, fields: NdjsonFields): InputRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { line, problem: inputProblem('INVALID_JSON') };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { line, problem: inputProblem('NOT_A_JSON_OBJECT') };
  const object = value as Record<string, unknown>;
  const field = fields.of(object);
  const phone = field.phone === undefined ? undefined : object[field.phone];
  if (typeof phone !== 'string' && typeof phone !== 'number') {
    return {
      line,
      problem: inputProblem('NO_PHONE_FIELD', `no "${field.phone ?? 'phone'}" field holding a string`),
    };
  }
  const date = field.date === undefined ? undefined : object[field.date];
  const record: InputRecord = {
    line,
    phone: String(phone),
    registeredOn: typeof date === 'string' ? date : undefined,
  };
  if (field.channels !== undefined) record.channels = scopeCell(object[field.channels]);
  if (field.sectors !== undefined) record.sectors = scopeCell(object[field.sectors]);
  return record;
}

/** A channels or sectors member: a string (`call|sms`) or an array of codes; anything else is all. */
function scopeCell(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((code) => typeof code === 'string').join('|');
  return '';
}
