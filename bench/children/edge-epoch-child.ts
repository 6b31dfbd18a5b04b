/**
 * Child process of the edge suite: a signed epoch of `size` synthetic NANP numbers in a directory
 * store, published by the real builder as `quietlist build` runs it. Secret mode (the /v1/check epoch,
 * up to 250M numbers) reads the builder-us suite's cached input file (canonical E.164, one a line) on
 * the builder's worker threads with the native keyed hash; the small oprf epoch is built from rows
 * generated in memory with the OPRF key. A 250M epoch still takes minutes and 0.9 GB, so the result is
 * kept: a directory holding a published epoch of this size, seed and mode
 * is reused when its signed pointer and manifest verify under the signing key kept beside it and it is
 * keyed under the current normalisation scheme (its pointer is then renewed); otherwise it is rebuilt.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRegistry } from '../../src/builder/input/read-registry.ts';
import { formatFromName, type InputRecord } from '../../src/builder/input/record.ts';
import { openInput } from '../../src/builder/input/source.ts';
import { renewPointer } from '../../src/builder/renew-pointer.ts';
import { runBuild } from '../../src/builder/run-build.ts';
import { fromBase64, toBase64 } from '../../src/core/encoding/base64.ts';
import { manifestSha256, verifySignedManifest } from '../../src/core/epoch/manifest.ts';
import {
  LATEST_POINTER_KEY,
  manifestKey,
  parseSignedPointer,
  verifyPointerSignature,
} from '../../src/core/epoch/pointer.ts';
import {
  generateSigningKeyPair,
  type SigningKeyPair,
  signingKeyPairFromSecret,
} from '../../src/core/epoch/signing.ts';
import { NORMALIZATION_SCHEME, schemeOf } from '../../src/core/phone/normalize.ts';
import { createOprfBackend } from '../../src/oprf/backend.ts';
import { FileStore } from '../../src/storage/file-store.ts';
import { BENCH_HASH_KEY } from '../support/bench-key.ts';
import { cachedInput } from '../support/cached-input.ts';
import { SyntheticNanpNumbers } from '../support/nanp-numbers.ts';
import { serveChild } from './child-process.ts';

export interface EdgeEpochTask {
  directory: string;
  size: number;
  seed: number;
  mode: 'secret' | 'oprf';
  tempDirectory: string;
}

export interface EdgeEpochOutcome {
  storeDirectory: string;
  /** base64 Ed25519 keys of the store (the signing secret stays in the bench directory). */
  publicKey: string;
  /** base64 OPRF secret key (oprf mode). */
  oprfKey?: string;
  epoch: string;
  shards: number;
  shardBytes: number[];
  reused: boolean;
  buildSeconds: number;
}

const ROWS_PER_BATCH = 10_000;

async function* rows(numbers: SyntheticNanpNumbers, size: number): AsyncIterable<InputRecord[]> {
  for (let start = 0; start < size; start += ROWS_PER_BATCH) {
    const end = Math.min(size, start + ROWS_PER_BATCH);
    yield Array.from({ length: end - start }, (_, i) => ({
      line: start + i + 1,
      phone: numbers.e164(start + i),
    }));
  }
}

async function keysOf(directory: string, mode: EdgeEpochTask['mode']) {
  const path = join(directory, 'bench-keys.json');
  if (!existsSync(path)) {
    const signing = generateSigningKeyPair();
    const oprf = (await createOprfBackend({ prefer: 'fast' })).generateKeyPair().secretKey;
    writeFileSync(path, JSON.stringify({ signing: toBase64(signing.secretKey), oprf: toBase64(oprf) }), {
      mode: 0o600,
    });
  }
  const stored = JSON.parse(readFileSync(path, 'utf8')) as { signing: string; oprf: string };
  const signing = signingKeyPairFromSecret(fromBase64(stored.signing, 'bench signing key'));
  return { signing, oprfKey: mode === 'oprf' ? fromBase64(stored.oprf, 'bench OPRF key') : undefined };
}

/**
 * The epoch already published in `store`, if it is this size, keyed under the current normalisation
 * scheme, and signed (pointer and manifest) by the bench's key; null when it must be built again.
 */
async function publishedEpoch(store: FileStore, signing: SigningKeyPair, size: number) {
  const pointerObject = await store.get(LATEST_POINTER_KEY);
  if (!pointerObject) return null;
  let pointer: ReturnType<typeof verifyPointerSignature>;
  try {
    pointer = verifyPointerSignature(parseSignedPointer(pointerObject.body), signing.publicKey);
  } catch {
    return null; // an unsigned pointer of an older release: its epoch predates the current format
  }
  const manifest = await store.get(manifestKey(pointer.epoch));
  if (!manifest) return null;
  const signed = verifySignedManifest(manifest.body, signing.publicKey);
  if (manifestSha256(signed.manifest) !== pointer.manifestSha256) return null;
  if (schemeOf(signed.manifest) !== NORMALIZATION_SCHEME || signed.manifest.counts.rows !== size) return null;
  // Kept epochs outlive a pointer's lifetime: sign it again with a fresh expiry (`quietlist renew`).
  await renewPointer({ store, signingKeys: signing });
  return signed.manifest;
}

async function buildEpoch(task: EdgeEpochTask): Promise<EdgeEpochOutcome> {
  mkdirSync(task.directory, { recursive: true });
  const { signing, oprfKey } = await keysOf(task.directory, task.mode);
  const storeDirectory = join(task.directory, 'store');
  const started = performance.now();
  let manifest = await publishedEpoch(new FileStore(storeDirectory), signing, task.size);
  const reused = manifest !== null;
  // An epoch of an older format is dropped whole, so the new build publishes into an empty store.
  if (!reused) rmSync(storeDirectory, { recursive: true, force: true });
  const store = new FileStore(storeDirectory);
  if (!manifest) {
    const backend = task.mode === 'oprf' ? await createOprfBackend({ prefer: 'fast' }) : undefined;
    let reported = 0;
    const secret = task.mode === 'secret';
    const input = secret ? inputPath(task) : undefined;
    const report = await runBuild({
      rows: input
        ? readRegistry(openInput(input), { format: formatFromName(input) }, 'US')
        : rows(new SyntheticNanpNumbers(task.seed), task.size),
      region: 'US',
      mode: task.mode,
      ...(secret ? { hashKey: BENCH_HASH_KEY } : {}),
      oprf:
        backend && oprfKey
          ? {
              backend,
              secretKey: oprfKey,
              stateDirectory: join(task.directory, 'oprf-state'),
              fullRebuild: true,
            }
          : undefined,
      signingKeys: signing,
      falsePositiveRate: 1e-6,
      store,
      tempDirectory: task.tempDirectory,
      dryRun: false,
      keepEpochs: 1,
      maxRejectRate: 0,
      maxShrink: 1,
      now: new Date(),
      onProgress: (counts) => {
        if (counts.rows - reported >= 10_000_000) {
          reported = counts.rows;
          const seconds = (performance.now() - started) / 1000;
          console.log(
            `  edge epoch: ${(counts.rows / 1e6).toFixed(0)}M rows hashed in ${seconds.toFixed(0)} s`,
          );
        }
      },
    });
    if (report.counts.rows !== task.size) {
      throw new Error(`the edge epoch holds ${report.counts.entries} entries, not ${task.size}`);
    }
    manifest = report.signed.manifest;
  }
  return {
    storeDirectory,
    publicKey: toBase64(signing.publicKey),
    ...(oprfKey ? { oprfKey: toBase64(oprfKey) } : {}),
    epoch: manifest.epoch,
    shards: manifest.shards.length,
    shardBytes: manifest.shards.map((shard) => shard.bytes),
    reused,
    buildSeconds: reused ? 0 : (performance.now() - started) / 1000,
  };
}

/** The builder-us suite's input of the same size and seed (written once, then reused). */
function inputPath(task: EdgeEpochTask): string {
  return cachedInput('US', task.size, task.seed, (line) => console.log(`  ${line}`));
}

serveChild(buildEpoch);
