/**
 * Fuzzing of every reader of untrusted bytes (fast-check): filter files, manifests, latest.json, the
 * strict JSON reader, the registry CSV / NDJSON / text readers and the phone normaliser. Each input
 * is either accepted or refused with a typed error: never a crash, never a hang. Inputs are random
 * and, for the binary and JSON formats, mutations of valid files (most random bytes fail at byte 0).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsvRecords } from '../../../src/builder/input/read-csv.ts';
import { readNdjsonRecords, readTextRecords } from '../../../src/builder/input/read-lines.ts';
import type { InputRecord } from '../../../src/builder/input/record.ts';
import { fromHex } from '../../../src/core/encoding/bytes.ts';
import { parseStrictJson } from '../../../src/core/encoding/strict-json.ts';
import { verifySignedManifest } from '../../../src/core/epoch/manifest.ts';
import { parseSignedPointer } from '../../../src/core/epoch/pointer.ts';
import { parseFilter } from '../../../src/core/filter/format.ts';
import { readPhone } from '../../../src/core/phone/normalize.ts';
import filters from '../../vectors/filters.json' with { type: 'json' };
import manifestVector from '../../vectors/manifest.json' with { type: 'json' };
import { expectTypedRefusal, fuzzParameters, mutationsOf } from './fuzz-runs.ts';

const utf8 = new TextEncoder();
const validFilters = filters.cases.flatMap((item) => item.shards.map((shard) => fromHex(shard.fileHex)));
const manifestBytes = utf8.encode(manifestVector.manifestJson);
const pointerBytes = utf8.encode(manifestVector.latestJson);
const publicKey = fromHex(manifestVector.publicKey);

describe('fuzz: binary and JSON formats', () => {
  it('parseFilter refuses or reads any bytes, and a read filter answers queries', () => {
    const input = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.constantFrom(...validFilters).chain(mutationsOf),
    );
    fc.assert(
      fc.property(input, fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes, digest) => {
        expectTypedRefusal(() => {
          const shard = parseFilter(bytes);
          expect(typeof shard.filter.has(digest)).toBe('boolean');
        });
      }),
      fuzzParameters(),
    );
  });

  it('verifySignedManifest refuses every change to a signed manifest, without crashing', () => {
    fc.assert(
      fc.property(mutationsOf(manifestBytes), (bytes) => {
        // Only a change in white space outside strings may still verify, and then reads the same manifest.
        expectTypedRefusal(() => {
          expect(verifySignedManifest(bytes, publicKey).manifest).toEqual(manifestVector.manifest);
        });
      }),
      fuzzParameters(),
    );
    fc.assert(
      fc.property(fc.json(), (text) =>
        expectTypedRefusal(() => verifySignedManifest(utf8.encode(text), publicKey)),
      ),
      fuzzParameters(),
    );
  });

  it('parseSignedPointer and parseStrictJson refuse or read any bytes', () => {
    const input = fc.oneof(
      mutationsOf(pointerBytes),
      fc.uint8Array({ maxLength: 120 }),
      fc.json().map((t) => utf8.encode(t)),
    );
    fc.assert(
      fc.property(input, (bytes) => {
        expectTypedRefusal(() => parseSignedPointer(bytes));
        expectTypedRefusal(() => parseStrictJson(bytes, 'fuzz', { fractionalMembers: new Set(['x']) }));
      }),
      fuzzParameters(),
    );
  });
});

async function collect(records: AsyncGenerator<InputRecord[]>): Promise<InputRecord[]> {
  const out: InputRecord[] = [];
  for await (const batch of records) out.push(...batch);
  return out;
}

async function* chunks(text: string, cuts: number[]): AsyncGenerator<Uint8Array> {
  const bytes = utf8.encode(text);
  let start = 0;
  for (const cut of [...cuts.map((c) => c % (bytes.length + 1))].sort((a, b) => a - b)) {
    yield bytes.subarray(start, Math.max(start, cut));
    start = Math.max(start, cut);
  }
  yield bytes.subarray(start);
}

/** Text shaped like an export: separators, quotes, new lines and digits are frequent. */
const exportText = fc
  .array(
    fc.oneof(
      fc.constantFrom(',', ';', '\t', '"', '\n', '\r\n', ' ', '+33', '06 39 98', '{', '}', ':'),
      fc.string({ maxLength: 6 }),
      fc.integer().map(String),
    ),
    {
      maxLength: 60,
    },
  )
  .map((parts) => parts.join(''));

describe('fuzz: registry readers and the normaliser', () => {
  it('the CSV, NDJSON and text readers refuse or read any export, split anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(exportText, fc.array(fc.nat(), { maxLength: 3 }), async (text, cuts) => {
        const lines = text.split('\n').length;
        for (const read of [
          () => readCsvRecords(chunks(text, cuts), {}, 'FR'),
          () => readNdjsonRecords(chunks(text, cuts), {}),
          () => readTextRecords(chunks(text, cuts), {}),
        ]) {
          try {
            const records = await collect(read());
            for (const record of records) {
              expect(record.line).toBeGreaterThanOrEqual(1);
              expect(record.line).toBeLessThanOrEqual(lines);
            }
          } catch (error) {
            expectTypedRefusal(() => {
              throw error;
            });
          }
        }
      }),
      fuzzParameters(),
    );
  });

  it('readPhone answers every string with its readings or a reason, never a throw', () => {
    const input = fc.oneof(fc.string({ maxLength: 40 }), fc.stringMatching(/^[+0-9 ().-]{0,24}$/));
    fc.assert(
      fc.property(input, fc.constantFrom('FR', 'GB', 'US', 'RE', 'DE'), (raw, region) => {
        const result = readPhone(raw, region as 'FR');
        if (result.ok) {
          expect(result.readings.length).toBeGreaterThan(0);
          for (const reading of result.readings) {
            expect(reading.e164).toMatch(/^\+[1-9][0-9]{1,14}$/);
            expect(reading.key).toMatch(/^\+[1-9][0-9]{1,17}$/);
          }
        } else expect(typeof result.reason).toBe('string');
      }),
      fuzzParameters(),
    );
  });
});
