/**
 * `pull --public-key <fingerprint>`: the fingerprint as the status page shows it pins the key the worker
 * publishes (GET /v1/signing-key) only if that key has this fingerprint; otherwise nothing is installed
 * and the refusal says which key the server offered (exit 2). A store publishes no key: a fingerprint
 * then works only for a cache already pinned to that key, and is otherwise a usage error (exit 1).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CacheLayout, readCurrentPointer } from '../../../src/client/cache/cache-layout.ts';
import { generateSigningKeyPair, publicKeyFingerprint } from '../../../src/core/epoch/signing.ts';
import { runCli } from '../../helpers/run-cli.ts';
import {
  newOperator,
  publish,
  registeredNumbers,
  removeTempDirs,
  type TestOperator,
  tempDir,
} from './helpers/client-fixture.ts';
import { type RealWorker, startRealWorker } from './helpers/real-worker.ts';

let operator: TestOperator;
let worker: RealWorker;
let epoch = '';
let shownFingerprint = '';

beforeAll(async () => {
  operator = newOperator();
  epoch = (await publish(operator, registeredNumbers(500))).signed.manifest.epoch;
  worker = await startRealWorker(operator.store, operator.publicKeyBase64);
  // The fingerprint exactly as a person copies it from the status page.
  const page = await (await fetch(`${worker.url}/`)).text();
  shownFingerprint = /<dd id="fingerprint"><code>([^<]+)<\/code>/.exec(page)?.[1] ?? '';
});

afterAll(async () => {
  await worker?.close();
  await removeTempDirs();
});

const pull = (from: string, publicKey: string, cache: string) =>
  runCli(['pull', '--from', from, '--public-key', publicKey, '--cache', cache]);

describe('pull --public-key <fingerprint>', () => {
  it("installs with the status page's fingerprint: the worker's key, checked against it, is pinned", async () => {
    expect(shownFingerprint).toBe(publicKeyFingerprint(operator.keys.signingKeys.publicKey));
    const cache = join(tempDir(), 'cache');
    const result = await pull(worker.url, shownFingerprint, cache);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`installed epoch ${epoch}`);
    expect((await readCurrentPointer(new CacheLayout(cache)))?.publicKey).toBe(operator.publicKeyBase64);

    // Pinned now: the same fingerprint works offline, from a store that publishes no key.
    const again = await pull(operator.storeUrl, shownFingerprint.toUpperCase(), cache);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(epoch);
  });

  it('refuses a fingerprint the published key does not have: exit 2, one line, nothing installed', async () => {
    const cache = join(tempDir(), 'cache');
    const other = publicKeyFingerprint(generateSigningKeyPair().publicKey);
    worker.audit.length = 0;
    const result = await pull(worker.url, other, cache);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(
      `publishes signing key ${shownFingerprint}, not the ${other} you pinned: refused, nothing installed`,
    );
    expect(result.stderr).toContain('[SIGNATURE_INVALID]');
    expect(await readCurrentPointer(new CacheLayout(cache)).catch(() => null)).toBeNull();
    expect(worker.audit.map((entry) => entry.endpoint)).toEqual(['GET /v1/signing-key']);
  });

  it('refuses a server whose key is not the one pinned, before downloading anything', async () => {
    const impostor = newOperator();
    await publish(impostor, registeredNumbers(50));
    const rogue = await startRealWorker(impostor.store, impostor.publicKeyBase64);
    try {
      const cache = join(tempDir(), 'cache');
      const result = await pull(rogue.url, shownFingerprint, cache);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`not the ${shownFingerprint} you pinned`);
      expect(rogue.audit.map((entry) => entry.endpoint)).toEqual(['GET /v1/signing-key']);
      expect(await readCurrentPointer(new CacheLayout(cache)).catch(() => null)).toBeNull();
    } finally {
      await rogue.close();
    }
  });

  it('says a store cannot be checked against a fingerprint (exit 1) when the cache is not pinned to it', async () => {
    const result = await pull(operator.storeUrl, shownFingerprint, join(tempDir(), 'cache'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /is a key fingerprint, and a store publishes no key to compare it with: pass the key itself/,
    );
  });
});
