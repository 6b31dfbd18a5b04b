/**
 * The scrub's record reader drives csv-parse's engine and cuts each record's text from the input by
 * byte offsets (src/client/scrub/csv-records.ts). These check it against the way rows were read
 * before: csv-parse's stream with `raw` and `info`, the text trimmed by `recordText`, the line of an
 * unclosed quote from the last record's info. Same fields, same text, same error, on adversarial
 * CSV cut into pieces anywhere.
 */
import { parse } from 'csv-parse';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headerLineEnding, readCsvRecords } from '../../../../src/client/scrub/csv-records.ts';
import { describeCsvError } from '../../../../src/client/scrub/csv-shape.ts';
import { callListParseOptions, recordText } from '../../../../src/core/text/csv-dialect.ts';
import { fuzzParameters } from '../../fuzz/fuzz-runs.ts';

interface Read {
  records: { fields: string[]; text: string }[];
  error?: string;
}

const DIALECT = { delimiter: ',', recordDelimiter: undefined as string | undefined };

async function* piecesOf(bytes: Buffer, cuts: number[]): AsyncGenerator<Buffer> {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  let start = 0;
  for (const point of [...points, bytes.length]) {
    // Copies: the reader must not rely on pieces being views of one buffer.
    yield Buffer.from(bytes.subarray(start, point));
    start = point;
  }
}

async function readNow(bytes: Buffer, cuts: number[], dialect = DIALECT): Promise<Read> {
  const records: Read['records'] = [];
  try {
    const reading = readCsvRecords(piecesOf(bytes, cuts), dialect, (fields, source, start, end) => {
      records.push({ fields, text: source.toString('latin1', start, end) });
    });
    for await (const _ of reading);
    return { records };
  } catch (error) {
    return { records, error: (error as Error).message };
  }
}

/** The reader as it was: csv-parse's stream, `raw` and `info` per record. */
async function readBefore(bytes: Buffer, cuts: number[], dialect = DIALECT): Promise<Read> {
  const parser = parse({ ...callListParseOptions(dialect.delimiter, dialect.recordDelimiter), info: true });
  const records: Read['records'] = [];
  let last = { lines: 0, emptyLines: 0 };
  const ended = new Promise<string | undefined>((resolve) => {
    parser.on('data', ({ record, raw, info }: { record: string[]; raw: string; info: CsvInfo }) => {
      records.push({ fields: record, text: recordText(raw) });
      last = { lines: info.lines, emptyLines: info.empty_lines };
    });
    parser.on('end', () => resolve(undefined));
    parser.on('error', (error: CsvInfo & { code?: string }) => {
      const opensAt =
        error.code === 'CSV_QUOTE_NOT_CLOSED'
          ? last.lines + 1 + Math.max(0, (error.empty_lines ?? 0) - last.emptyLines)
          : undefined;
      resolve(describeCsvError(error, opensAt).message);
    });
  });
  for await (const piece of piecesOf(bytes, cuts)) {
    if (parser.destroyed) break;
    parser.write(piece);
  }
  if (!parser.destroyed) parser.end();
  const error = await ended;
  return error === undefined ? { records } : { records, error };
}

interface CsvInfo {
  lines: number;
  empty_lines: number;
}

/** Bytes that make CSV hard: quotes anywhere, every line ending, empty lines, delimiters, UTF-8. */
const TOKENS = [
  'a',
  'Z',
  '0',
  '6',
  ' ',
  '"',
  '""',
  ',',
  ';',
  '\t',
  '|',
  '\n',
  '\r',
  '\r\n',
  '\n\n',
  '=',
  'é',
];
const adversarialCsv = fc
  .array(fc.constantFrom(...TOKENS), { maxLength: 80 })
  .map((tokens) => Buffer.from(tokens.join(''), 'utf8'));

function dialectOf(bytes: Buffer, delimiter: string) {
  return { delimiter, recordDelimiter: headerLineEnding(bytes) };
}

describe('csv records', () => {
  it('reads every record and its text as the raw + info stream did, wherever the input is cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        adversarialCsv,
        fc.constantFrom(',', ';', '\t', '|'),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (bytes, delimiter, cuts) => {
          const dialect = dialectOf(bytes, delimiter);
          expect(await readNow(bytes, cuts, dialect)).toEqual(await readBefore(bytes, cuts, dialect));
        },
      ),
      fuzzParameters(500),
    );
  });

  it('reads well-formed rows with quoted line breaks the same, in one piece or byte by byte', async () => {
    const row = fc
      .array(
        fc.oneof(
          fc.stringMatching(/^[a-z0-9 +.-]{0,6}$/),
          fc.stringMatching(/^[a-z\r\n,"]{0,6}$/).map((value) => `"${value.replaceAll('"', '""')}"`),
        ),
        { minLength: 1, maxLength: 5 },
      )
      .map((fields) => fields.join(','));
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 8 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.boolean(),
        async (rows, eol, trailing) => {
          const bytes = Buffer.from(`phone,name${eol}${rows.join(eol)}${trailing ? eol : ''}`, 'latin1');
          const dialect = dialectOf(bytes, ',');
          const everyByte = Array.from({ length: bytes.length }, (_, i) => i);
          const before = await readBefore(bytes, []);
          expect(before.error).toBeUndefined();
          expect(await readNow(bytes, [], dialect)).toEqual(await readBefore(bytes, [], dialect));
          expect(await readNow(bytes, everyByte, dialect)).toEqual(await readBefore(bytes, [], dialect));
        },
      ),
      fuzzParameters(200),
    );
  });

  it('names the line an unclosed quote opens on, after empty lines and quoted line breaks', async () => {
    const bytes = Buffer.from('phone,note\n0612345678,"a\nb"\n\n\n0612345679,"never closed\nmore\n');
    const read = await readNow(bytes, [7, 20, 33]);
    expect(read.error).toBe(
      'malformed CSV at line 6: a quoted field opens on this line and is never closed; nothing was written',
    );
    expect(read).toEqual(await readBefore(bytes, [7, 20, 33]));
  });

  it('does not hold a run of empty lines, and gives a record of line breaks only an empty text', async () => {
    const dialect = { delimiter: ',', recordDelimiter: '\n' };
    const bytes = Buffer.from(`a,b\n${'\n'.repeat(100_000)}\r\n1,2\n\r\n\n3,4`);
    const cuts = Array.from({ length: 50 }, (_, i) => i * 2_003);
    const read = await readNow(bytes, cuts, dialect);
    expect(read).toEqual(await readBefore(bytes, cuts, dialect));
    expect(read.records.map((record) => record.text)).toEqual(['a,b', '', '1,2', '', '3,4']);
  });

  it('refuses a delimiter of more than one byte, which would cut rows apart from what the parser read', async () => {
    const reading = readCsvRecords(
      piecesOf(Buffer.from('a::b\n'), []),
      { delimiter: '::', recordDelimiter: '\n' },
      () => {},
    );
    await expect(reading.next()).rejects.toThrow('the CSV delimiter must be one character of one byte');
  });
});
