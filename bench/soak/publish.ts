/**
 * The soak's publishes: the real builder (runBuild) writes a new epoch of synthetic members
 * [from, from + size) into a deployment's store, in open or oprf mode. The seed epoch is built in the
 * bench process before any traffic; the publish in the middle of the traffic runs in a child process
 * (as the nightly builder would), so its CPU bursts do not stall the load generator's event loop.
 * Keys are read from files in the bench's scratch directory, never passed on a command line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InputRecord } from '../../src/builder/input/record.ts';
import { runBuild } from '../../src/builder/run-build.ts';
import { fromBase64 } from '../../src/core/encoding/base64.ts';
import { signingKeyPairFromSecret } from '../../src/core/epoch/signing.ts';
import { createOprfBackend } from '../../src/oprf/backend.ts';
import { FileStore } from '../../src/storage/file-store.ts';
import type { ObjectStore } from '../../src/storage/object-store.ts';
import { S3Store, type S3StoreConfig } from '../../src/storage/s3-store.ts';
import { runInChild, serveChild } from '../children/child-process.ts';
import { BENCH_HASH_KEY } from '../support/bench-key.ts';
import { SyntheticNumbers } from '../support/synthetic-numbers.ts';

export const SOAK_RATE = 1e-6;

/** Where a deployment's objects live: a directory (serve) or the local R2 through its S3 API. */
export type StoreSpec = { file: string } | { s3: S3StoreConfig };

export interface PublishTask {
  store: StoreSpec;
  mode: 'open' | 'oprf';
  seed: number;
  from: number;
  size: number;
  /** Holds signing.key (base64) and, for oprf, oprf.key. */
  keysDirectory: string;
  /** The builder's private OPRF state (incremental: a second build evaluates only new numbers). */
  oprfStateDirectory: string;
  tempDirectory: string;
  /** Small shards, so downloads spread over several files. */
  shardMaxBytes: number;
}

export interface PublishOutcome {
  epoch: string;
  shards: number;
  seconds: number;
}

export function openStore(spec: StoreSpec): ObjectStore {
  return 'file' in spec ? new FileStore(spec.file) : new S3Store(spec.s3);
}

function readKey(directory: string, name: string): Uint8Array {
  return fromBase64(readFileSync(join(directory, name), 'utf8').trim(), name);
}

async function* rowsOf(numbers: SyntheticNumbers, from: number, size: number): AsyncIterable<InputRecord[]> {
  for (let start = 0; start < size; start += 10_000) {
    const end = Math.min(size, start + 10_000);
    yield Array.from({ length: end - start }, (_, i) => ({
      line: start + i + 1,
      phone: numbers.e164(from + start + i),
    }));
  }
}

export async function publishSoakEpoch(task: PublishTask): Promise<PublishOutcome> {
  const started = performance.now();
  const numbers = new SyntheticNumbers(task.seed);
  const signingKeys = signingKeyPairFromSecret(readKey(task.keysDirectory, 'signing.key'));
  const oprf =
    task.mode === 'oprf'
      ? {
          backend: await createOprfBackend({ prefer: 'fast' }),
          secretKey: readKey(task.keysDirectory, 'oprf.key'),
          stateDirectory: task.oprfStateDirectory,
          fullRebuild: false,
        }
      : undefined;
  const report = await runBuild({
    ...{ rows: rowsOf(numbers, task.from, task.size), region: 'FR', mode: task.mode, signingKeys },
    ...(task.mode === 'open' ? { hashKey: BENCH_HASH_KEY } : { oprf }),
    ...{ falsePositiveRate: SOAK_RATE, shardMaxBytes: task.shardMaxBytes },
    ...{ store: openStore(task.store), tempDirectory: task.tempDirectory, dryRun: false },
    ...{ keepEpochs: 3, maxRejectRate: 0.01, maxShrink: 1, now: new Date() },
  });
  return {
    epoch: report.signed.manifest.epoch,
    shards: report.signed.manifest.shards.length,
    seconds: (performance.now() - started) / 1000,
  };
}

export function publishInChild(task: PublishTask): Promise<PublishOutcome> {
  return runInChild<PublishTask, PublishOutcome>(new URL(import.meta.url), task);
}

if (process.argv[1] === new URL(import.meta.url).pathname && process.argv[2] !== undefined) {
  serveChild(publishSoakEpoch);
}
