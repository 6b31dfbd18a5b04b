/**
 * A register's rescrub window travels in the signed manifest and clients obey it without flags: an
 * epoch of Belgium's DNCM (5 days) built 6 days ago is pulled with a warning, then refused by `scrub`
 * and `check` (exit 2, EPOCH_TOO_OLD, saying why); a US epoch of the same age (31 days) is used.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import { builtinProfile } from '../../../src/core/registers/builtin-profiles.ts';
import { registerRulesOf } from '../../../src/core/registers/profile.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { buildInto, newOperatorKeys } from '../../helpers/build-fixture.ts';
import { runCli } from '../../helpers/run-cli.ts';

const DAY = 86_400_000;

async function pulledEpochOf(registerId: string, ageDays: number, numbers: string[]) {
  const dir = mkdtempSync(join(tmpdir(), `quietlist-rescrub-${registerId}-`));
  const store = new FileStore(join(dir, 'store'));
  const keys = newOperatorKeys();
  const profile = builtinProfile(registerId)!;
  await buildInto(store, keys, numbers, {
    region: profile.region as 'BE',
    register: registerRulesOf(profile),
    now: new Date(Date.now() - ageDays * DAY),
  });
  const pulled = await runCli([
    'pull',
    '--from',
    `file://${join(dir, 'store')}`,
    '--public-key',
    toBase64(keys.signingKeys.publicKey),
    '--cache',
    join(dir, 'cache'),
  ]);
  return { dir, pulled };
}

describe("a register's rescrub window", () => {
  it('refuses to scrub or check from a Belgian epoch past its 5 days, and says why', async () => {
    // Synthetic Belgian mobile numbers (the 0470 99 block of the tests, never a subscriber's).
    const { dir, pulled } = await pulledEpochOf('be-dncm', 6, ['+32470990001', '+32470990002']);
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(pulled.stderr).toMatch(
      /at most 5 days old.*scrub and check will refuse it until the operator publishes/,
    );
    writeFileSync(join(dir, 'calls.csv'), 'id,phone\n1,0470 99 00 01\n2,0470 99 00 09\n');
    const scrubbed = await runCli([
      'scrub',
      join(dir, 'calls.csv'),
      '--cache',
      join(dir, 'cache'),
      '--out',
      join(dir, 'clean.csv'),
    ]);
    expect(scrubbed.code).toBe(2);
    expect(scrubbed.stderr).toMatch(
      /is 6 days old .*Do Not Call Me.*\(be-dncm\) allows calling only from a list at most 5 days old: pull a newer epoch first \[EPOCH_TOO_OLD\]/,
    );
    expect(scrubbed.stderr).not.toMatch(/0470|470990/);
    const checked = await runCli(['check', '--cache', join(dir, 'cache'), '0470 99 00 01']);
    expect(checked.code).toBe(2);
    expect(checked.stderr).toMatch(/\[EPOCH_TOO_OLD\]/);
  });

  it('uses a US epoch of the same age: its window is 31 days', async () => {
    const { dir, pulled } = await pulledEpochOf('us-dnc', 6, ['+12025550101', '+12025550102']);
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(pulled.stderr).toBe('');
    const checked = await runCli(['check', '--cache', join(dir, 'cache'), '(202) 555-0101', '202-555-0109']);
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stdout).toMatch(/\(202\) 555-0101\tLISTED/);
    expect(checked.stdout).toMatch(/202-555-0109\tnot listed/);
  });
});
