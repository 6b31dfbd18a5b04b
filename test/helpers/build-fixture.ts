/** Builds real epochs for tests: synthetic rows through the real builder into any store. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { InputRecord } from '../../src/builder/input/record.ts';
import { type BuildJob, type BuildReport, runBuild } from '../../src/builder/run-build.ts';
import { generateSigningKeyPair, type SigningKeyPair } from '../../src/core/epoch/signing.ts';
import { FileStore } from '../../src/storage/file-store.ts';
import type { ObjectStore } from '../../src/storage/object-store.ts';
import { S3Store } from '../../src/storage/s3-store.ts';

export interface OperatorKeys {
  signingKeys: SigningKeyPair;
  hashKey: Uint8Array;
}

export function newOperatorKeys(): OperatorKeys {
  return { signingKeys: generateSigningKeyPair(), hashKey: new Uint8Array(randomBytes(32)) };
}

export async function* rowsOf(values: string[]): AsyncGenerator<InputRecord[]> {
  yield values.map((phone, i) => ({ line: i + 1, phone }));
}

export function buildInto(
  store: ObjectStore,
  keys: OperatorKeys,
  values: string[],
  overrides: Partial<BuildJob> = {},
): Promise<BuildReport> {
  return runBuild({
    rows: rowsOf(values),
    region: 'FR',
    mode: 'open',
    hashKey: keys.hashKey,
    signingKeys: keys.signingKeys,
    falsePositiveRate: 1e-6,
    store,
    dryRun: false,
    keepEpochs: 3,
    maxRejectRate: 0.5,
    maxShrink: 0.5,
    now: new Date(),
    ...overrides,
  });
}

export function tempFileStore(): FileStore {
  return new FileStore(mkdtempSync(join(tmpdir(), 'quietlist-store-')));
}

/** A store in the local R2 (started by the vitest globalSetup) under a fresh prefix. */
export function localR2Store(name: string): S3Store {
  const r2 = inject('localR2');
  return new S3Store({
    bucket: r2.bucket,
    prefix: `${name}-${randomBytes(4).toString('hex')}`,
    endpoint: r2.endpoint,
    region: r2.region,
    accessKeyId: r2.accessKeyId,
    secretAccessKey: r2.secretAccessKey,
    forcePathStyle: true,
  });
}
