/**
 * A worker that cannot answer because of its own configuration says so, and the client says it on:
 * `503 MISCONFIGURED` (no OPRF key for its oprf epoch) and `501 UNSUPPORTED_MODE` become INVALID_CONFIG
 * (exit 1) naming the operator, not a storage outage to retry later (exit 3).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../../src/cli/exit-codes.ts';
import type { RetryPolicy } from '../../../src/client/http/fetch-retry.ts';
import { checkOnline } from '../../../src/client/online/online-check.ts';
import { createOprfEvaluator } from '../../../src/client/oprf/oprf-evaluator.ts';
import { fromBase64, toBase64 } from '../../../src/core/encoding/base64.ts';
import { QuietlistError } from '../../../src/core/errors.ts';
import { createOprfBackend } from '../../../src/oprf/backend.ts';
import type { OprfBackend } from '../../../src/oprf/types.ts';
import { buildInto, newOperatorKeys, tempFileStore } from '../../helpers/build-fixture.ts';
import { registeredNumbers } from './helpers/client-fixture.ts';
import { addSubscriber, type RealWorker, startRealWorker } from './helpers/real-worker.ts';

const FAST_RETRY: RetryPolicy = {
  attempts: 2,
  baseDelayMs: 5,
  maxDelayMs: 10,
  maxRetryAfterMs: 1000,
  timeoutMs: 10_000,
};
let backend: OprfBackend;
let keyless: RealWorker;
let apiKey = '';
let publicKey: Uint8Array;
let epoch = '';

beforeAll(async () => {
  backend = await createOprfBackend({ prefer: 'fast' });
  const oprfKey = backend.generateKeyPair();
  const keys = newOperatorKeys();
  const store = tempFileStore();
  const report = await buildInto(store, keys, registeredNumbers(100), {
    mode: 'oprf',
    oprf: {
      backend,
      secretKey: oprfKey.secretKey,
      stateDirectory: mkdtempSync(join(tmpdir(), 'quietlist-misconfigured-')),
      fullRebuild: false,
    },
  });
  epoch = report.signed.manifest.epoch;
  publicKey = fromBase64(report.signed.manifest.hash.publicKey!);
  // The operator forgot `wrangler secret put QUIETLIST_OPRF_KEY` (or `serve --oprf-key`).
  keyless = await startRealWorker(store, toBase64(keys.signingKeys.publicKey));
  apiKey = await addSubscriber(store);
});

afterAll(() => keyless?.close());

async function failure(promise: Promise<unknown>): Promise<QuietlistError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(QuietlistError);
  return error as QuietlistError;
}

describe('a worker whose configuration is wrong', () => {
  it('without the OPRF key: INVALID_CONFIG (exit 1) naming MISCONFIGURED and the operator, not STORAGE_UNAVAILABLE', async () => {
    const evaluate = createOprfEvaluator({
      url: keyless.url,
      apiKey,
      backend,
      publicKey,
      epoch,
      retry: FAST_RETRY,
    });
    const error = await failure(evaluate(registeredNumbers(3)));
    expect(error.code).toBe('INVALID_CONFIG');
    expect(exitCodeFor(error)).toBe(1);
    expect(error.message).toMatch(
      /HTTP 503 MISCONFIGURED: the OPRF key is not configured on this server; the worker's own configuration does not fit its published epoch: its operator must fix it \(retrying will not help\)/,
    );
  });

  it('asked for a check its epoch mode does not serve: INVALID_CONFIG naming UNSUPPORTED_MODE', async () => {
    const error = await failure(
      checkOnline(registeredNumbers(2), { url: keyless.url, apiKey, retry: FAST_RETRY }),
    );
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toMatch(/HTTP 501 UNSUPPORTED_MODE: .*oprf mode/);
  });

  it('an outage stays what it is: STORAGE_UNAVAILABLE, exit 3', async () => {
    const error = await failure(
      checkOnline(['+33612345678'], { url: 'http://127.0.0.1:9', apiKey, retry: FAST_RETRY }),
    );
    expect(error.code).toBe('STORAGE_UNAVAILABLE');
    expect(exitCodeFor(error)).toBe(3);
  });
});
