/**
 * Spreadsheet bombs against the real `quietlist scrub` in a child process whose peak RSS is measured
 * (docs/RELIABILITY.md, "Spreadsheet bombs"): the 1.6 MB .xlsx whose sheet inflates to 1.6 GB (3.2 GB and
 * 21 s in SheetJS before the limits) and a 1 KB .ods whose one cell repeats a billion times. Each is refused
 * in one line naming the limit, with exit 2, no output written, and memory bounded.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pull } from '../../../src/client/pull/pull.ts';
import { StoreEpochSource } from '../../../src/client/sources/store-source.ts';
import { runCliMeasured } from '../../helpers/run-cli.ts';
import { odsRepeatBomb, xlsxBomb } from '../../helpers/spreadsheet-bombs.ts';
import {
  newOperator,
  publish,
  registeredNumbers,
  removeTempDirs,
  tempDir,
} from './helpers/client-fixture.ts';
import { leftovers } from './helpers/scrub-harness.ts';

/** Measured 160-240 MiB (a CLI run that does nothing: about 130 MiB); asserted with room for a loaded machine. */
const PEAK_BOUND_MIB = 320;

let cache: string;
beforeAll(async () => {
  const operator = newOperator();
  await publish(operator, registeredNumbers(100));
  cache = tempDir();
  await pull({
    source: new StoreEpochSource(operator.store),
    cacheDirectory: cache,
    publicKey: operator.keys.signingKeys.publicKey,
  });
});
afterAll(removeTempDirs);

describe('scrub: spreadsheet bombs', () => {
  it.each([
    [
      'an .xlsx whose sheet inflates to 1.6 GB',
      'bomb.xlsx',
      () => xlsxBomb(),
      /inflates to more than 100 MiB/,
    ],
    [
      'the same, its size declared as 1000 bytes',
      'liar.xlsx',
      () => xlsxBomb(1_600_000_000, 1000),
      /inflates to more than 100 MiB/,
    ],
    [
      'an .ods whose one cell repeats a billion times',
      'bomb.ods',
      () => odsRepeatBomb(1_000_000, 1000),
      /holds more than 1,000,000 cells/,
    ],
  ])('refuses %s in one line, in bounded memory', async (_what, name, make, limit) => {
    const dir = tempDir('quietlist-bomb-');
    const input = join(dir, name);
    writeFileSync(input, make());
    const out = join(dir, `clean.${name.split('.').pop()}`);
    const result = await runCliMeasured([
      'scrub',
      input,
      '--out',
      out,
      '--column',
      'phone',
      '--cache',
      cache,
    ]);
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(limit);
    expect(lines[0]).toMatch(/save the sheet as CSV and use that file .*\[INPUT_INVALID\]$/);
    expect(leftovers(dir)).toEqual([name]);
    expect(result.peakRssMiB).toBeLessThan(PEAK_BOUND_MIB);
    process.stderr.write(`spreadsheet bomb ${name}: peak RSS ${result.peakRssMiB.toFixed(0)} MiB\n`);
  });
});
