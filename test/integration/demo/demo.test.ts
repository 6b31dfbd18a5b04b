/**
 * The README's run command (`npm start`, here with --once) works on a fresh directory, offline, and again
 * in the same one, and shows the default path: an oprf build in the local R2, `check --worker` answers, and a scrubbed call list.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { generateSampleRegistry } from '../../../scripts/generate-sample.ts';
import { sampleCallList } from '../../../scripts/sample-call-list.ts';
import { readPhone } from '../../../src/core/phone/normalize.ts';

const DEMO = fileURLToPath(new URL('../../../scripts/demo.ts', import.meta.url));

it('builds oprf into local R2, serves it with wrangler dev, checks and scrubs through the worker', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'quietlist-demo-'));
  const result = spawnSync(process.execPath, [DEMO, '--once'], {
    cwd,
    encoding: 'utf8',
    timeout: 240_000,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  });
  expect(result.stderr).not.toMatch(/error|warning/i);
  expect(result.status, result.stderr).toBe(0);
  const out = result.stdout;

  // The build: the default mode, no flag needed.
  expect(out).toMatch(/published epoch \S+ to s3:\/\/quietlist/);
  expect(out).toMatch(/mode oprf\n/);
  expect(out).toMatch(/oprf \(\w+\): \d+ evaluated/);

  // check --worker: two registered numbers in other spellings are listed, a free one is not.
  expect(out).toMatch(/npx quietlist check --worker http:\/\/127\.0\.0\.1:\d+ /);
  const answers = out.match(/^\S.*\t(LISTED: do not call|not listed)$/gm) ?? [];
  // (The first three: the live list's check comes later.)
  expect(answers.slice(0, 3).map((line) => line.split('\t')[1])).toEqual([
    'LISTED: do not call',
    'LISTED: do not call',
    'not listed',
  ]);

  // scrub --worker of the sample call list: the counts add up to what the list holds.
  const sample = generateSampleRegistry(30_000);
  const calls = sampleCallList(sample);
  expect(out).toContain(
    `rows ${calls.rows}  clean ${calls.free}  listed ${calls.registered}  invalid ${calls.invalid}`,
  );
  expect(out).toMatch(/oprf: \d+ numbers evaluated \(blinded\) by the worker/);
  expect(out).toContain(`the first lines of .quietlist/sample/calls.clean.csv (${calls.free} rows to call)`);
  expect(out).toContain(
    'receipt (epoch, manifest and input hashes, counts), to keep with the records: .quietlist/sample/calls.receipt.json',
  );

  // The files it points to: no registered number left in the clean list, a receipt naming the epoch.
  const registered = new Set(sample.registered);
  const clean = readFileSync(join(cwd, '.quietlist/sample/calls.clean.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  expect(clean).toHaveLength(calls.free);
  for (const line of clean) {
    const phone = line.split(',')[2]!.replaceAll('"', '');
    const read = readPhone(phone, 'FR');
    expect(read.ok).toBe(true);
    if (read.ok)
      expect(
        read.readings.some((reading) => registered.has(reading.e164)),
        `clean row ${line.split(',')[0]}`,
      ).toBe(false);
  }
  const receipt = JSON.parse(readFileSync(join(cwd, '.quietlist/sample/calls.receipt.json'), 'utf8'));
  expect(receipt.counts).toMatchObject({ rows: calls.rows, listed: calls.registered, clean: calls.free });
  expect(out).toContain(`epoch ${receipt.epoch.id}`);

  // An advertiser's live list: the objection its owner posts (only digests leave its machine) is listed
  // by the call centre's next pull, naming the list.
  expect(out).toMatch(
    /added 1 entry to list acme \(#\d+–#\d+, epoch \S+, published \S+\): only blinded evaluations/,
  );
  expect(out).toMatch(
    /list acme: installed epoch \S+ .*\n(?:.*\n){2} {2}live additions through #\d+ \(published /,
  );
  expect(out).toMatch(/\tLISTED: do not call \(acme\)\n[^\n]+\tnot listed\n/);
  // The subscriber key is kept in a file, never printed.
  const apiKey = readFileSync(join(cwd, '.quietlist/sample/api-key'), 'utf8').trim();
  expect(apiKey).toMatch(/^ql_/);
  expect(out).not.toContain(apiKey);
  expect(existsSync(join(cwd, '.quietlist/keys/signing.key'))).toBe(true);

  // `npm start` again in the same directory: the same keys, a new epoch, the scrub's outputs replaced.
  const again = spawnSync(process.execPath, [DEMO, '--once'], {
    cwd,
    encoding: 'utf8',
    timeout: 240_000,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  });
  expect(again.status, again.stderr).toBe(0);
  expect(again.stdout).toContain(
    `rows ${calls.rows}  clean ${calls.free}  listed ${calls.registered}  invalid ${calls.invalid}`,
  );
  // The advertiser's live list again: a new epoch, the objection posted again, listed again.
  expect(again.stdout).toMatch(/\tLISTED: do not call \(acme\)\n[^\n]+\tnot listed\n/);
}, 600_000);
