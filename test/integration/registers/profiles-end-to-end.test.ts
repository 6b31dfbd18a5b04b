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
import type { RegisterProfile } from '../../../src/core/registers/profile.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { runClientCli } from '../client/helpers/client-cli.ts';
import { removeTempDirs, tempDir } from '../client/helpers/client-fixture.ts';
import { addSubscriber, type RealWorker, startRealWorker } from '../client/helpers/real-worker.ts';

afterAll(removeTempDirs);

const NUMBERS_PER_REGISTER = 16;

/** How each register's export writes a number and a registration date. */
function exportRow(profile: RegisterProfile, number: RegisterNumber): string {
  const digits = number.national.replace(/\D/g, '');
  // The FTC and the CRTC sell 10-digit files; the others write their national spelling.
  const phone = profile.region === 'US' || profile.region === 'CA' ? number.nsn : number.national;
  const date = { 'DD/MM/YYYY': '15/03/2026', 'MM/DD/YYYY': '03/15/2026', 'YYYY-MM-DD': '2026-03-15' }[
    profile.dateFormat
  ];
  return `"${phone || digits}",${date}`;
}

/** Digit runs of every generated number, to prove none reaches an output meant for the operator. */
function leaks(text: string, numbers: readonly RegisterNumber[]): string[] {
  const digits = text.replace(/\D/g, '');
  return numbers.filter((number) => digits.includes(number.nsn)).map((number) => number.region);
}

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

      expect((await cli(['keygen', '--out', 'keys'])).code).toBe(0);
      writeFileSync(
        join(dir, 'export.csv'),
        `phone,registered_on\n${registered.map((number) => exportRow(profile, number)).join('\n')}\n`,
      );
      const build = await cli([
        'build',
        'export.csv',
        '--register',
        id,
        '--store',
        'file://store',
        '--keys',
        'keys',
        '--reference-date',
        '2026-12-01',
        '--json',
      ]);
      expect(build.code, build.stderr).toBe(0);
      const summary = JSON.parse(build.stdout) as {
        mode: string;
        register: { id: string };
        counts: { accepted: number; rejected: number };
      };
      expect(summary).toMatchObject({ mode: 'oprf', register: { id }, counts: { rejected: 0 } });
      expect(summary.counts.accepted).toBe(registered.length);

      const store = new FileStore(join(dir, 'store'));
      worker = await startRealWorker(store, readFileSync(join(dir, 'keys', 'signing.pub'), 'utf8').trim(), {
        QUIETLIST_OPRF_KEY: readFileSync(join(dir, 'keys', 'oprf.key'), 'utf8').trim(),
      });
      const apiKey = await addSubscriber(store);
      // With the subscriber's key: us-dnc and ca-dncl are sold by area code (docs/FORMAT.md §1.4), and a
      // partition's shards go to entitled keys only.
      const pull = await cli(['pull', '--from', worker.url, '--public-key', 'keys/signing.pub'], {
        QUIETLIST_API_KEY: apiKey,
      });
      expect(pull.code, pull.stderr).toBe(0);

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
      for (const text of [build.stdout, build.stderr, pull.stdout, pull.stderr, scrub.stdout, scrub.stderr])
        expect(leaks(text, numbers)).toEqual([]);
      expect(leaks(JSON.stringify(worker.audit), numbers)).toEqual([]);
    }, 240_000);
  },
);
