/**
 * A pull killed with SIGKILL does not block the next one (its lock names a dead process), a live
 * holder still does; and a cache pinned to one signing key refuses another unless told to re-pin, after
 * which the abandoned key is revoked: refused as a pin and never trusted for a receipt.
 */
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CacheLayout, readCurrentPointer } from '../../../src/client/cache/cache-layout.ts';
import { pull } from '../../../src/client/pull/pull.ts';
import { operatorKeysFor } from '../../../src/client/receipt/operator-keys.ts';
import { StoreEpochSource } from '../../../src/client/sources/store-source.ts';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import type { QuietlistError } from '../../../src/core/errors.ts';
import {
  newOperator,
  publish,
  registeredNumbers,
  removeTempDirs,
  type TestOperator,
  tempDir,
} from './helpers/client-fixture.ts';

const LOCK_MODULE = fileURLToPath(new URL('../../../src/client/pull/pull-lock.ts', import.meta.url));
let operator: TestOperator;
let other: TestOperator;

beforeAll(async () => {
  operator = newOperator();
  other = newOperator();
  await publish(operator, registeredNumbers(300));
  await publish(other, registeredNumbers(300, 1000));
});
afterAll(removeTempDirs);

const pullFrom = (from: TestOperator, cache: string, repin = false) =>
  pull({
    source: new StoreEpochSource(from.store),
    cacheDirectory: cache,
    publicKey: from.keys.signingKeys.publicKey,
    repin,
  });

describe('the pull lock', () => {
  it('is taken over at once when its holder was killed with SIGKILL', async () => {
    const cache = tempDir();
    const lock = new CacheLayout(cache).lock;
    await mkdir(cache, { recursive: true });
    const script = `import { withPullLock } from ${JSON.stringify(LOCK_MODULE)};
      await withPullLock(${JSON.stringify(lock)}, async () => { process.stdout.write('locked\\n'); await new Promise(() => setInterval(() => {}, 1000)); });`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk) => String(chunk).includes('locked') && resolve());
      child.once('exit', (code) => reject(new Error(`holder exited early (${code})`)));
    });
    child.removeAllListeners('exit');
    // While the holder lives, a pull is refused.
    await expect(pullFrom(operator, cache)).rejects.toMatchObject({ code: 'CONFLICT' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const started = Date.now();
    const result = await pullFrom(operator, cache);
    expect(result.status).toBe('installed');
    expect(Date.now() - started).toBeLessThan(30_000); // not the 60 s staleness wait
  });

  it('still waits for a lock whose holder is alive, and for one of another host', async () => {
    const cache = tempDir();
    await mkdir(cache, { recursive: true });
    const lock = new CacheLayout(cache).lock;
    await writeFile(lock, `${process.ppid} ${hostname()}\n`);
    await expect(pullFrom(operator, cache)).rejects.toMatchObject({ code: 'CONFLICT' });
    await writeFile(lock, `999999999 another-host.example\n`);
    await expect(pullFrom(operator, cache)).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('the pinned key', () => {
  it('refuses another key in one line unless --repin, then installs the new epoch', async () => {
    const cache = tempDir();
    await pullFrom(operator, cache);
    const before = await readCurrentPointer(new CacheLayout(cache));
    const error = (await pullFrom(other, cache).catch((e: unknown) => e)) as QuietlistError;
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toMatch(/is pinned to signing key .*pass --repin/);
    expect(error.message).not.toContain('\n');
    expect(await readCurrentPointer(new CacheLayout(cache))).toEqual(before);

    const repinned = await pullFrom(other, cache, true);
    expect(repinned.status).toBe('installed');
    const after = await readCurrentPointer(new CacheLayout(cache));
    expect(after?.epoch).toBe(repinned.epoch);
    expect(after?.publicKey).not.toBe(before?.publicKey);
    // The abandoned key is revoked, not a former key: receipts never trust it again, and neither does pull.
    expect(after?.revokedKeys).toEqual([before?.publicKey]);
    expect(after?.formerKeys).toBeUndefined();
    const keys = await operatorKeysFor({ cacheDirectory: cache });
    expect(keys.map((one) => toBase64(one.key))).toEqual([after?.publicKey]);
    const back = (await pullFrom(operator, cache, true).catch((e: unknown) => e)) as QuietlistError;
    expect(back.code).toBe('KEY_RETIRED');
    expect(back.message).toMatch(/revoked by a re-key/);
    expect(await readCurrentPointer(new CacheLayout(cache))).toEqual(after);
    // The revocation survives further pulls of the key in force.
    await pullFrom(other, cache);
    expect((await readCurrentPointer(new CacheLayout(cache)))?.revokedKeys).toEqual([before?.publicKey]);
  });
});
