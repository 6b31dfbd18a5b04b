/**
 * Reading straight from a store (s3://, file://) applies the download limits of the worker's answers
 * (client/http/download-limits.ts) once an object has arrived: a `latest.json` over 64 KiB or a key
 * retirement record over 16 KiB is refused, by `pull` and by the operator's `check --store` alike,
 * with one message naming the object and the limit, and the cache stays as it was.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { pull } from '../../../src/client/pull/pull.ts';
import { readLatestSignedManifest } from '../../../src/client/sources/store-epoch.ts';
import { StoreEpochSource } from '../../../src/client/sources/store-source.ts';
import { keyRetirementKey } from '../../../src/core/epoch/key-retirement.ts';
import { LATEST_POINTER_KEY } from '../../../src/core/epoch/pointer.ts';
import { publicKeyFingerprint } from '../../../src/core/epoch/signing.ts';
import { QuietlistError } from '../../../src/core/errors.ts';
import {
  cacheSnapshot,
  newOperator,
  publish,
  registeredNumbers,
  removeTempDirs,
  tempDir,
} from './helpers/client-fixture.ts';

afterAll(removeTempDirs);

/** Valid JSON of `bytes` bytes: what a store holding a padded object would return. */
const padded = (bytes: number) => new TextEncoder().encode(`{"pad":"${'x'.repeat(bytes - 10)}"}\n`);

async function refusal(run: () => Promise<unknown>): Promise<QuietlistError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(QuietlistError);
  return error as QuietlistError;
}

describe('a store read with the download limits', () => {
  it('refuses a latest.json over 64 KiB and a key retirement record over 16 KiB, in pull and check --store', async () => {
    const operator = newOperator();
    await publish(operator, registeredNumbers(300), { now: new Date(Date.now() - 3_600_000) });
    const cache = tempDir();
    const publicKey = operator.keys.signingKeys.publicKey;
    const run = () =>
      pull({ source: new StoreEpochSource(operator.store), cacheDirectory: cache, publicKey });
    const check = () => readLatestSignedManifest(operator.store, publicKey);
    const before = await cacheSnapshot(cache);

    const pointer = (await operator.store.get(LATEST_POINTER_KEY))!.body;
    await operator.store.put(LATEST_POINTER_KEY, padded(64 * 1024 + 1));
    for (const attempt of [run, check]) {
      const error = await refusal(attempt);
      expect(error.code).toBe('FORMAT_INVALID');
      expect(error.message).toMatch(
        /latest\.json of .* is longer than the largest pointer allowed \(64 KiB\)/,
      );
    }
    await operator.store.put(LATEST_POINTER_KEY, pointer);

    const record = keyRetirementKey(publicKeyFingerprint(publicKey));
    await operator.store.put(record, padded(16 * 1024 + 1));
    for (const attempt of [run, check]) {
      const error = await refusal(attempt);
      expect(error.code).toBe('FORMAT_INVALID');
      expect(error.message).toMatch(
        /key-retirements\/[0-9a-f]{32}\.json of .* is longer than the largest key retirement record allowed \(16 KiB\)/,
      );
    }
    expect(await cacheSnapshot(cache)).toEqual(before);
    // Below the limits, the same store is read as before.
    await operator.store.delete([record]);
    expect((await run()).epoch).toBeDefined();
  });
});
