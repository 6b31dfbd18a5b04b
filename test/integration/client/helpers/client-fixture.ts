/**
 * Test operators for the client: a temporary directory with a FileStore, operator keys (the public
 * key also as a file, as a telemarketer receives it) and epochs built by the real builder from
 * synthetic numbers (ARCEP's fiction blocks, never assigned to anyone).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fictionalNumber } from '../../../../scripts/fictional-numbers.ts';
import type { BuildReport } from '../../../../src/builder/run-build.ts';
import { toBase64 } from '../../../../src/core/encoding/base64.ts';
import {
  encodeSignedManifest,
  type Manifest,
  manifestSha256,
  type SignedManifest,
  signManifest,
} from '../../../../src/core/epoch/manifest.ts';
import {
  encodeSignedPointer,
  epochPrefix,
  LATEST_POINTER_KEY,
  manifestKey,
  parseSignedPointer,
  pointerExpiry,
  signEpochPointer,
} from '../../../../src/core/epoch/pointer.ts';
import type { SigningKeyPair } from '../../../../src/core/epoch/signing.ts';
import { FileStore } from '../../../../src/storage/file-store.ts';
import { buildInto, newOperatorKeys, type OperatorKeys } from '../../../helpers/build-fixture.ts';

export interface TestOperator {
  dir: string;
  keys: OperatorKeys;
  store: FileStore;
  storeUrl: string;
  publicKeyFile: string;
  publicKeyBase64: string;
}

const created: string[] = [];

/** A fresh temporary directory, removed by removeTempDirs() (each test file's afterAll). */
export function tempDir(prefix = 'quietlist-client-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  for (const dir of created.splice(0)) await rm(dir, { recursive: true, force: true });
}

export function newOperator(): TestOperator {
  const dir = tempDir('quietlist-client-operator-');
  const keys = newOperatorKeys();
  const store = new FileStore(join(dir, 'store'));
  const publicKeyBase64 = toBase64(keys.signingKeys.publicKey);
  const publicKeyFile = join(dir, 'signing.pub');
  writeFileSync(publicKeyFile, `${publicKeyBase64}\n`);
  return { dir, keys, store, storeUrl: store.description, publicKeyFile, publicKeyBase64 };
}

/** `count` registered numbers in E.164, from the fiction blocks (even indexes: odd ones stay free). */
export function registeredNumbers(count: number, from = 0): string[] {
  return Array.from({ length: count }, (_, i) => fictionalNumber((from + i) * 2));
}

export function freeNumbers(count: number, from = 0): string[] {
  return Array.from({ length: count }, (_, i) => fictionalNumber((from + i) * 2 + 1));
}

/** Builds and publishes an epoch; small shards by default, so that an epoch has several. */
export function publish(
  operator: TestOperator,
  numbers: string[],
  options: { now?: Date; shardMaxBytes?: number } = {},
): Promise<BuildReport> {
  return buildInto(operator.store, operator.keys, numbers, {
    shardMaxBytes: options.shardMaxBytes ?? 8192,
    now: options.now ?? new Date(),
    maxShrink: 1,
  });
}

export async function latestSigned(operator: TestOperator): Promise<SignedManifest> {
  const { pointer } = parseSignedPointer((await operator.store.get(LATEST_POINTER_KEY))!.body);
  return JSON.parse(new TextDecoder().decode((await operator.store.get(manifestKey(pointer.epoch)))!.body));
}

/**
 * Publishes a hand-made epoch: the latest one's shards under a new id, its manifest changed by
 * `mutate`, signed by `signer` (the operator by default) unless `sign` is false, latest.json moved to it.
 */
export async function republish(
  operator: TestOperator,
  options: {
    epoch: string;
    mutate?: (manifest: Manifest) => void;
    signer?: SigningKeyPair;
    transformSigned?: (signed: SignedManifest) => unknown;
  },
): Promise<{ manifest: Manifest; manifestSha256: string }> {
  const base = await latestSigned(operator);
  const manifest: Manifest = structuredClone(base.manifest);
  manifest.epoch = options.epoch;
  manifest.createdAt = new Date().toISOString();
  // The copied shards come with no deltas: those start from the epoch before `base`.
  for (const shard of manifest.shards) delete shard.delta;
  options.mutate?.(manifest);
  for (const entry of base.manifest.shards) {
    const shard = await operator.store.get(`${epochPrefix(base.manifest.epoch)}${entry.path}`);
    await operator.store.put(`${epochPrefix(options.epoch)}${entry.path}`, shard!.body);
  }
  const signer = options.signer ?? operator.keys.signingKeys;
  // Sign what the builder would have, then apply any tampering after the signature.
  const signed = signManifest({ ...manifest }, signer.secretKey, signer.publicKey);
  const body = options.transformSigned ? options.transformSigned(signed) : signed;
  const bytes = options.transformSigned
    ? new TextEncoder().encode(JSON.stringify(body))
    : encodeSignedManifest(signed);
  await operator.store.put(manifestKey(options.epoch), bytes);
  const sha = manifestSha256(manifest);
  await pointLatestAt(operator, options.epoch, sha, signer);
  return { manifest, manifestSha256: sha };
}

/** Moves latest.json to an epoch, signed (by the operator unless `signer`), valid for four days. */
export async function pointLatestAt(
  operator: TestOperator,
  epoch: string,
  sha256: string,
  signer: SigningKeyPair = operator.keys.signingKeys,
): Promise<void> {
  const now = new Date();
  const pointer = {
    epoch,
    manifestSha256: sha256,
    publishedAt: now.toISOString(),
    expiresAt: pointerExpiry(now),
  };
  await operator.store.put(LATEST_POINTER_KEY, encodeSignedPointer(signEpochPointer(pointer, signer)));
}

/** Every file of the installed cache (current + epochs/) with its SHA-256: "unchanged" means equal. */
export async function cacheSnapshot(cacheDirectory: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else
        files[relative(cacheDirectory, path)] = createHash('sha256')
          .update(await readFile(path))
          .digest('hex');
    }
  };
  await walk(join(cacheDirectory, 'epochs'));
  const current = await readFile(join(cacheDirectory, 'current')).catch(() => undefined);
  if (current) files.current = createHash('sha256').update(current).digest('hex');
  return files;
}
