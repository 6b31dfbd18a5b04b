/**
 * POST /v1/receipts: any valid API key gets the operator's countersignature of a receipt hash, binding
 * it to the epoch served and the server's time, signed by the timestamp key with the signing key's
 * certificate of it (the server holds no signing key); the body is the hash alone (anything else
 * refused); without a timestamp key the server answers 503 TIMESTAMPS_DISABLED, even if a signing key
 * is still configured from before, and a certificate of another key is a configuration error.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/api/app.ts';
import { generateApiKey, hashApiKey, writeSubscriber } from '../../../src/api/auth/subscribers.ts';
import { parseApiConfig } from '../../../src/api/config.ts';
import { MemoryQuotaCounter } from '../../../src/api/quota/memory.ts';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import { generateSigningKeyPair } from '../../../src/core/epoch/signing.ts';
import {
  parseReceiptTimestamp,
  TIMESTAMP_LABEL,
  timestampSignatureValid,
  timestampSignedBytes,
  verifyReceiptTimestamp,
} from '../../../src/core/receipt/timestamp.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { timestampSettings } from '../../helpers/timestamp-key.ts';
import { seedEpoch, syntheticNumbers, testKeys } from './helpers/seed-epoch.ts';

const keys = testKeys();
const HASH = 'ab'.repeat(32);
const NOW = Date.UTC(2026, 11, 6, 12, 0, 0);
let scratch = '';
let store: FileStore;
let epoch = '';
let manifestSha = '';
let downloadKey = '';

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'quietlist-receipts-'));
  store = new FileStore(join(scratch, 'store'));
  const report = await seedEpoch(store, {
    keys,
    numbers: syntheticNumbers(100),
    now: new Date(NOW - 3600_000),
  });
  epoch = report.signed.manifest.epoch;
  manifestSha = report.manifestSha256;
  // A key with the download scope only: timestamps need no particular scope.
  const { id, key } = generateApiKey();
  await writeSubscriber(
    store,
    {
      version: 1,
      id,
      name: 'Downloads only',
      keyHash: await hashApiKey(key),
      scopes: ['download'],
      dailyQuota: 10,
      createdAt: new Date(NOW).toISOString(),
      revokedAt: null,
    },
    { create: true },
  );
  downloadKey = key;
});

afterAll(() => rm(scratch, { recursive: true, force: true }));

const timestamps = timestampSettings(keys.signing);

function app(stamping = true, extra: Record<string, string> = {}) {
  return createApp({
    quotas: new MemoryQuotaCounter(),
    store,
    config: parseApiConfig({
      QUIETLIST_PUBLIC_KEY: toBase64(keys.signing.publicKey),
      ...(stamping ? timestamps : {}),
      ...extra,
    }),
    audit: () => {},
    log: () => {},
    now: () => NOW,
  });
}

const post = (instance: ReturnType<typeof app>, body: string, key = downloadKey) =>
  instance.request('/v1/receipts', {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body,
  });

describe('POST /v1/receipts', () => {
  it('countersigns the hash with the current epoch and the server time', async () => {
    const response = await post(app(), JSON.stringify({ receiptSha256: HASH }));
    expect(response.status).toBe(200);
    const stamp = parseReceiptTimestamp(await response.json());
    expect(stamp.claim).toEqual({
      receiptSha256: HASH,
      epoch,
      manifestSha256: manifestSha,
      time: new Date(NOW).toISOString(),
    });
    // Signed by the timestamp key, never the signing key; it goes back to the signing key by its certificate.
    expect(stamp.version).toBe(2);
    expect(timestampSignatureValid(stamp, keys.signing.publicKey)).toBe(false);
    const verdict = verifyReceiptTimestamp(stamp, [keys.signing.publicKey]);
    expect(verdict).toMatchObject({ ok: true, operatorKey: keys.signing.publicKey });
    expect(verifyReceiptTimestamp(stamp, [generateSigningKeyPair().publicKey])).toMatchObject({
      ok: false,
      reason: 'untrusted',
    });
    const other = { ...stamp, claim: { ...stamp.claim, time: new Date(NOW + 1000).toISOString() } };
    expect(verifyReceiptTimestamp(other, [keys.signing.publicKey])).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
    // The signed bytes begin with the label: never a manifest's canonical JSON, which begins with "{".
    expect(new TextDecoder().decode(timestampSignedBytes(stamp.claim)).startsWith(TIMESTAMP_LABEL)).toBe(
      true,
    );
  });

  it('refuses anything but the hash alone, and requests without a valid key', async () => {
    const instance = app();
    for (const body of [
      JSON.stringify({ receiptSha256: HASH, file: 'calls.csv' }),
      JSON.stringify({ receiptSha256: HASH.toUpperCase() }),
      JSON.stringify({ receiptSha256: HASH.slice(2) }),
      JSON.stringify({}),
    ]) {
      const response = await post(instance, body);
      expect(response.status, body).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'INVALID_REQUEST' } });
    }
    expect((await post(instance, 'not json')).status).toBe(400);
    const anonymous = await instance.request('/v1/receipts', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ receiptSha256: HASH }),
    });
    expect(anonymous.status).toBe(401);
    expect((await instance.request('/v1/receipts')).status).toBe(405);
  });

  it('answers 503 TIMESTAMPS_DISABLED without a timestamp key, whatever signing key is configured', async () => {
    const stale = { QUIETLIST_SIGNING_KEY: toBase64(keys.signing.secretKey) };
    const response = await post(app(false, stale), JSON.stringify({ receiptSha256: HASH }));
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      error: { code: 'TIMESTAMPS_DISABLED', message: expect.stringMatching(/QUIETLIST_TIMESTAMP_KEY/) },
    });
  });

  it('refuses a timestamp key without its certificate, or with the certificate of another key', () => {
    expect(() => app(true, { QUIETLIST_TIMESTAMP_CERT: '' })).toThrow(/go together/);
    const other = timestampSettings(keys.signing);
    expect(() => app(true, { QUIETLIST_TIMESTAMP_CERT: other.QUIETLIST_TIMESTAMP_CERT })).toThrow(
      /certifies another key than QUIETLIST_TIMESTAMP_KEY/,
    );
    expect(() => app(true, { QUIETLIST_TIMESTAMP_CERT: '{"format":"x"}' })).toThrow(
      /QUIETLIST_TIMESTAMP_CERT must be the JSON of timestamp.cert/,
    );
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await (await app().request('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/v1/receipts');
  });
});
