/** Runs the scrub library on CSV text or bytes, against a cache pulled once from a test operator. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pull } from '../../../../src/client/pull/pull.ts';
import type { ScrubMode } from '../../../../src/client/scrub/csv-scrub.ts';
import { type ScrubReport, scrub } from '../../../../src/client/scrub/scrub.ts';
import { StoreEpochSource } from '../../../../src/client/sources/store-source.ts';
import type { EncodingChoice } from '../../../../src/core/text/encoding.ts';
import { newOperator, publish, type TestOperator, tempDir } from './client-fixture.ts';

export interface ScrubHarness {
  operator: TestOperator;
  cache: string;
  run(input: string | Buffer, options?: ScrubRunOptions): Promise<ScrubOutcome>;
}

export interface ScrubRunOptions {
  /** Default "phone"; give `column: undefined` to let scrub find the phone columns by the header. */
  column?: string;
  /** Several phone columns (`--column A --column B`); overrides `column`. */
  columns?: string[];
  encoding?: EncodingChoice;
  sheet?: string;
  mode?: ScrubMode;
  threads?: number;
  region?: string;
  delimiter?: string;
  /** Where to put in.csv and the outputs (default: a new temporary directory). */
  dir?: string;
  /** Split the input into chunks of this many bytes (exercises records across chunk borders). */
  chunkBytes?: number;
  excelSafe?: boolean;
}

export interface ScrubOutcome {
  report: ScrubReport;
  clean: Buffer;
  listed: Buffer;
  rejects: Buffer;
  dir: string;
}

export async function scrubHarness(registered: string[]): Promise<ScrubHarness> {
  const operator = newOperator();
  await publish(operator, registered);
  const cache = tempDir();
  await pull({
    source: new StoreEpochSource(operator.store),
    cacheDirectory: cache,
    publicKey: operator.keys.signingKeys.publicKey,
  });
  return {
    operator,
    cache,
    run: async (input, options = {}) => {
      const dir = options.dir ?? tempDir('quietlist-client-scrub-');
      const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input, 'utf8');
      writeFileSync(join(dir, 'in.csv'), bytes);
      const chunk = options.chunkBytes ?? 64 * 1024;
      const pieces = Array.from({ length: Math.ceil(bytes.length / chunk) }, (_, i) =>
        bytes.subarray(i * chunk, (i + 1) * chunk),
      );
      const report = await scrub({
        cacheDirectory: cache,
        input: Readable.from(pieces),
        inputName: 'in.csv',
        columns:
          options.columns ??
          ('column' in options ? (options.column === undefined ? undefined : [options.column]) : ['phone']),
        encoding: options.encoding,
        sheet: options.sheet,
        mode: options.mode,
        region: options.region,
        delimiter: options.delimiter,
        excelSafe: options.excelSafe,
        threads: options.threads ?? 0,
        outputs: {
          clean: { path: join(dir, 'clean.csv') },
          listed: { path: join(dir, 'listed.csv') },
          rejects: { path: join(dir, 'rejects.csv') },
        },
      });
      const read = (name: string) => readFileSync(join(dir, name));
      return {
        report,
        clean: read('clean.csv'),
        listed: read('listed.csv'),
        rejects: read('rejects.csv'),
        dir,
      };
    },
  };
}

/** The files a failed scrub left behind in its directory, besides the input (should be none). */
export function leftovers(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((name) => name !== 'in.csv') : [];
}
