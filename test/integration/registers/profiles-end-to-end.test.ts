/**
 * Every built-in register, end to end on its defaults: a synthetic register written as that register's
 * export writes numbers (NANP `(212) 555-01xx` and 10 digits, UK `07…`, Spain's 9 digits, Italian
 * landlines with their 0, Belgian `04…`, Australian `04…`, French `06…` and overseas), built with
 * `quietlist build --register ID` (oprf, the default mode), served by the real API, pulled, and a call
 * list in every spelling that country's CRMs and spreadsheets write (scripts/register-numbers.ts:
 * valid per Google's libphonenumber, not the library under test) scrubbed with blinded evaluations.
 * Every spelling of a registered number comes back listed, every spelling of a free one clean, and
 * no number appears in any output, log line or audit entry.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import {
  REGISTER_PROFILES,
  type RegisterNumber,
  registerNumbers,
  registerSpellings,
} from '../../../scripts/register-numbers.ts';
import { BUILTIN_PROFILES } from '../../../src/core/registers/builtin-profiles.ts';
import { numberLeaks } from '../../helpers/number-leaks.ts';
import { runClientCli } from '../client/helpers/client-cli.ts';
import { removeTempDirs, tempDir } from '../client/helpers/client-fixture.ts';
import type { RealWorker } from '../client/helpers/real-worker.ts';
import { serveRegister } from './helpers/served-register.ts';

afterAll(removeTempDirs);

const NUMBERS_PER_REGISTER = 16;

/** Registered or called numbers found in an output meant for the operator (none may be). */
const leaks = (text: string, numbers: readonly RegisterNumber[]) => numberLeaks(text, numbers);

describe.each(BUILTIN_PROFILES.map((profile) => [profile.id, profile] as const))(
  'register %s, end to end on its defaults',
  (id, profile) => {
    let worker: RealWorker | undefined;
    afterAll(async () => {
      await worker?.close();
    });

    it('lists every spelling of every registered number and none of a free one, printing no number', async () => {
      const dir = tempDir(`quietlist-register-${id}-`);
      const cli = (args: string[], env: Record<string, string> = {}) => runClientCli(args, { cwd: dir, env });
      const generator = REGISTER_PROFILES.find((candidate) => candidate.region === profile.region)!;
      const numbers = registerNumbers(generator, NUMBERS_PER_REGISTER, 1_000 + id.length);
      expect(numbers.length).toBe(NUMBERS_PER_REGISTER);
      const registered = numbers.filter((_, i) => i % 2 === 0);

      const served = await serveRegister(dir, profile, registered, numbers);
      worker = served.worker;
      const { apiKey } = served;

      // The call list: every spelling of every number, in a row of its own.
      const rows: { id: string; registered: boolean; spelling: string }[] = [];
      const lines = ['id,name,phone'];
      numbers.forEach((number, n) => {
        for (const [spelling, raw] of Object.entries(registerSpellings(generator, number))) {
          const rowId = `${n}:${rows.length}`;
          rows.push({ id: rowId, registered: n % 2 === 0, spelling });
          lines.push(`${rowId},Prospect ${rows.length},"${raw.replace(/"/g, '""')}"`);
        }
      });
      writeFileSync(join(dir, 'calls.csv'), `${lines.join('\n')}\n`);
      const scrub = await cli(
        [
          'scrub',
          'calls.csv',
          '--column',
          'phone',
          '--mode',
          'flag',
          '--out',
          'flagged.csv',
          '--receipt',
          'receipt.json',
          '--worker',
          worker.url,
        ],
        { QUIETLIST_API_KEY: apiKey },
      );
      expect(scrub.code, scrub.stderr).toBe(0);
      const flagged = parse(readFileSync(join(dir, 'flagged.csv')), { columns: true }) as {
        id: string;
        quietlist_status: string;
      }[];
      const wrong = rows
        .map((row, i) => ({ ...row, status: flagged[i]?.quietlist_status }))
        .filter((row) => row.status !== (row.registered ? 'listed' : 'not_listed'))
        .map((row) => `${row.registered ? 'registered' : 'free'} (${row.spelling}): ${row.status}`);
      expect(wrong, `${id}: rows answered wrongly (spellings named, numbers never)`).toEqual([]);

      const receipt = JSON.parse(readFileSync(join(dir, 'receipt.json'), 'utf8')) as {
        epoch: { register?: { id: string } };
      };
      expect(JSON.stringify(receipt)).toContain(`"${id}"`);
      for (const text of [scrub.stdout, scrub.stderr]) expect(leaks(text, numbers)).toEqual([]);
      expect(leaks(JSON.stringify(worker.audit), numbers)).toEqual([]);
    }, 240_000);
  },
);
