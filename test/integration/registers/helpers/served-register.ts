/**
 * A built-in register built and served as an operator does, for the end-to-end tests of every register
 * (test/integration/registers/profiles-end-to-end.test.ts, and on the scrub page
 * test/integration/browser/profiles-page.test.ts): keygen, the registered numbers written as that
 * register's export writes them, `quietlist build --register ID` (oprf, the default mode), the real API
 * with the OPRF key (and the receipt countersigning key keygen wrote), one subscriber, and `pull` with
 * that subscriber's key. No number may appear in what build or pull print.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { RegisterNumber } from '../../../../scripts/register-numbers.ts';
import type { RegisterProfile } from '../../../../src/core/registers/profile.ts';
import { FileStore } from '../../../../src/storage/file-store.ts';
import { numberLeaks } from '../../../helpers/number-leaks.ts';
import { timestampSettingsFrom } from '../../../helpers/timestamp-key.ts';
import { runClientCli } from '../../client/helpers/client-cli.ts';
import { addSubscriber, type RealWorker, startRealWorker } from '../../client/helpers/real-worker.ts';

/** How each register's export writes a number and a registration date. */
export function exportRow(profile: RegisterProfile, number: RegisterNumber): string {
  const digits = number.national.replace(/\D/g, '');
  // The FTC and the CRTC sell 10-digit files; the others write their national spelling.
  const phone = profile.region === 'US' || profile.region === 'CA' ? number.nsn : number.national;
  const date = { 'DD/MM/YYYY': '15/03/2026', 'MM/DD/YYYY': '03/15/2026', 'YYYY-MM-DD': '2026-03-15' }[
    profile.dateFormat
  ];
  return `"${phone || digits}",${date}`;
}

export interface ServedRegister {
  worker: RealWorker;
  /** A subscriber's API key, entitled to every partition. */
  apiKey: string;
}

/**
 * Builds `registered` in `dir` (keys in dir/keys, the store in dir/store) as register `profile`,
 * serves it and pulls it with a subscriber's key (us-dnc and ca-dncl are sold by area code,
 * docs/FORMAT.md §1.4, and a partition's shards go to entitled keys only). `numbers` are every number
 * of the test, none of which build or pull may print.
 */
export async function serveRegister(
  dir: string,
  profile: RegisterProfile,
  registered: readonly RegisterNumber[],
  numbers: readonly RegisterNumber[],
): Promise<ServedRegister> {
  const cli = (args: string[], env: Record<string, string> = {}) => runClientCli(args, { cwd: dir, env });
  expect((await cli(['keygen', '--out', 'keys'])).code).toBe(0);
  writeFileSync(
    join(dir, 'export.csv'),
    `phone,registered_on\n${registered.map((number) => exportRow(profile, number)).join('\n')}\n`,
  );
  const build = await cli([
    ...['build', 'export.csv', '--register', profile.id, '--store', 'file://store', '--keys', 'keys'],
    ...['--reference-date', '2026-12-01', '--json'],
  ]);
  expect(build.code, build.stderr).toBe(0);
  expect(JSON.parse(build.stdout)).toMatchObject({
    mode: 'oprf',
    register: { id: profile.id },
    counts: { accepted: registered.length, rejected: 0 },
  });
  const store = new FileStore(join(dir, 'store'));
  const keysDir = join(dir, 'keys');
  const worker = await startRealWorker(store, readFileSync(join(keysDir, 'signing.pub'), 'utf8').trim(), {
    QUIETLIST_OPRF_KEY: readFileSync(join(keysDir, 'oprf.key'), 'utf8').trim(),
    ...(existsSync(join(keysDir, 'timestamp.key')) ? timestampSettingsFrom(keysDir) : {}),
  });
  try {
    const apiKey = await addSubscriber(store);
    const pull = await cli(['pull', '--from', worker.url, '--public-key', 'keys/signing.pub'], {
      QUIETLIST_API_KEY: apiKey,
    });
    expect(pull.code, pull.stderr).toBe(0);
    for (const text of [build.stdout, build.stderr, pull.stdout, pull.stderr])
      expect(numberLeaks(text, numbers)).toEqual([]);
    return { worker, apiKey };
  } catch (error) {
    await worker.close();
    throw error;
  }
}
