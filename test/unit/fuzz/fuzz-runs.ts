/**
 * How many inputs each fuzz property tries: small by default so `npm test` stays fast; long runs with
 * `FUZZ_RUNS=100000 npx vitest run test/unit/fuzz test/integration/api/fuzz-bodies.test.ts`
 * (docs/RELIABILITY.md). FUZZ_SEED replays a failing run.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { QuietlistError } from '../../../src/core/errors.ts';

export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

export function fuzzParameters(runs = FUZZ_RUNS): fc.Parameters<unknown> {
  return { numRuns: runs, ...(seed === undefined ? {} : { seed }) };
}

/** A parser may refuse input only with a typed QuietlistError: anything else is a crash. */
export function expectTypedRefusal(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    expect(error, String((error as Error)?.stack)).toBeInstanceOf(QuietlistError);
  }
}

/** Bytes near `valid`: a few bytes changed, removed or inserted, or the file cut short. */
export function mutationsOf(valid: Uint8Array): fc.Arbitrary<Uint8Array> {
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), byte: fc.constant(0) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ kind: fc.constant('remove' as const), at: fc.nat(), byte: fc.constant(0) }),
  );
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => {
    let bytes = Array.from(valid);
    for (const { kind, at, byte } of edits) {
      const i = bytes.length === 0 ? 0 : at % bytes.length;
      if (kind === 'set') bytes[i] = byte;
      else if (kind === 'cut') bytes = bytes.slice(0, i);
      else if (kind === 'insert') bytes.splice(i, 0, byte);
      else bytes.splice(i, 1);
    }
    return Uint8Array.from(bytes);
  });
}
