/**
 * Rows reach RowLayout as strings (the page) or as byte ranges of the input (the CLI, which makes no
 * string per row). Both must write the same outputs and count the same formula cells, in every mode;
 * OutputFile must write what the string concatenation it replaced wrote.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OutputFile } from '../../../../src/client/scrub/output-file.ts';
import { RowLayout, type RowSink, type ScrubCounts } from '../../../../src/client/scrub/row-layout.ts';
import {
  INVALID_REASONS,
  invalidStatus,
  LISTED,
  NOT_LISTED,
} from '../../../../src/client/scrub/row-status.ts';
import { fuzzParameters } from '../../fuzz/fuzz-runs.ts';

class TextSink implements RowSink {
  text = '';
  rows = 0;
  add(text: string, rows = 1): void {
    this.text += text;
    this.rows += rows;
  }
}

class RangeSink extends TextSink {
  addRange(bytes: Uint8Array, start: number, end: number): void {
    this.text += Buffer.from(bytes.subarray(start, end)).toString('latin1');
  }
}

/** Fields that start like formulas, numbers with signs, quotes, delimiters, UTF-8 as latin1. */
const FIELD_PARTS = [
  '=SUM(A1)',
  '+33 6 12',
  '-12,5',
  '@x',
  '\t',
  '\r',
  '"',
  '""',
  'a',
  '0612',
  'Ã©',
  ' ',
  ';',
];
const row = (delimiter: string) =>
  fc
    .array(
      fc
        .array(fc.constantFrom(...FIELD_PARTS), { maxLength: 3 })
        .chain((parts) => fc.boolean().map((quoted) => (quoted ? `"${parts.join('')}"` : parts.join('')))),
      { minLength: 1, maxLength: 4 },
    )
    .map((fields) => fields.join(delimiter));

const STATUSES = [NOT_LISTED, LISTED, invalidStatus('EMPTY'), invalidStatus(INVALID_REASONS[0]!)];

function layoutOf(
  sinks: { clean: TextSink; listed: TextSink; rejects: TextSink },
  mode: 'drop' | 'flag',
  delimiter: string,
  excelSafe: boolean,
  phoneColumns: readonly string[],
): RowLayout {
  return new RowLayout(mode, delimiter, '\r\n', sinks, { phoneColumns, excelSafe });
}

describe('row layout', () => {
  it('writes rows given as byte ranges exactly as rows given as strings', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('drop' as const, 'flag' as const),
        fc.boolean(),
        fc.constantFrom(['phone'], ['=fixe', 'mobile']),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (delimiter, mode, excelSafe, phoneColumns, count, seed) => {
          const rows = fc.sample(row(delimiter), { numRuns: count, seed });
          const statuses = Uint8Array.from(rows, (_, i) => STATUSES[(seed + i * 7) % STATUSES.length]!);
          const columns = phoneColumns.length > 1 ? Uint32Array.from(rows, (_, i) => (i % 3) + 1) : undefined;
          const numbers = rows.map((_, i) => i + 2);
          // The ranges point into one buffer holding every row with other bytes around them.
          const whole = Buffer.from(`x\n${rows.join('\n')}\n`, 'latin1');
          const starts: number[] = [];
          const ends: number[] = [];
          let at = 2;
          for (const text of rows) {
            starts.push(at);
            ends.push(at + text.length);
            at += text.length + 1;
          }
          const ranges = { sources: rows.map(() => whole), starts, ends };
          const run = (sinkOf: () => TextSink, texts: string[] | typeof ranges) => {
            const sinks = { clean: sinkOf(), listed: sinkOf(), rejects: sinkOf() };
            const layout = layoutOf(sinks, mode, delimiter, excelSafe, phoneColumns);
            const counts: ScrubCounts = { rows: 0, listed: 0, clean: 0, invalid: 0, blank: 0 };
            const reasons = {};
            layout.write(
              { texts, rows: numbers, ...(columns ? { columns } : {}) },
              statuses,
              counts,
              reasons,
            );
            return { sinks, counts, reasons, formulaCells: layout.formulaCells };
          };
          const asStrings = run(() => new TextSink(), rows);
          expect(run(() => new RangeSink(), ranges)).toEqual(asStrings);
          // A sink without addRange gets the row made a string.
          expect(run(() => new TextSink(), ranges)).toEqual(asStrings);
        },
      ),
      fuzzParameters(300),
    );
  });
});

describe('output file', () => {
  it('writes text and byte ranges as the latin1 of their concatenation, across flushes', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'quietlist-output-'));
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.oneof(
              fc.string({ maxLength: 80 }).map((text) => ({ text })),
              fc.string({ unit: 'binary', maxLength: 300 }).map((text) => ({ text })),
              fc.uint8Array({ maxLength: 400 }).map((bytes) => ({ bytes })),
              fc.constant({ text: 'é'.repeat(70_000) }),
            ),
            { maxLength: 30 },
          ),
          async (pieces) => {
            const path = join(directory, 'out.csv');
            rmSync(path, { force: true });
            const file = await OutputFile.open({ path });
            let expected = '';
            for (const piece of pieces) {
              if ('text' in piece) {
                file.add(piece.text);
                expected += piece.text;
              } else {
                const bytes = Uint8Array.from([7, ...piece.bytes, 9]);
                file.addRange(bytes, 1, bytes.length - 1);
                expected += Buffer.from(piece.bytes).toString('latin1');
              }
              if (file.needsFlush) await file.flush();
            }
            const summary = await file.commit();
            const written = readFileSync(path);
            expect(written.equals(Buffer.from(expected, 'latin1'))).toBe(true);
            expect(summary.bytes).toBe(written.length);
            expect(summary.rows).toBe(pieces.filter((piece) => 'text' in piece).length);
          },
        ),
        fuzzParameters(60),
      );
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
