/**
 * The nightly job: read the export, build the shards, check the result is sane, sign the manifest,
 * publish atomically, apply retention. Sanity guards stop a broken export from replacing a good
 * list (an empty or truncated list published would turn registered numbers into false negatives).
 */
import type { CountryCode } from 'libphonenumber-js/min';
import { manifestKey } from '../core/epoch-pointer.ts';
import { QuietlistError } from '../core/errors.ts';
import { toHex } from '../core/keyed-hash.ts';
import {
  type Manifest,
  manifestSha256,
  type SignedManifest,
  signManifest,
  verifySignedManifest,
} from '../core/manifest.ts';
import { NORMALIZATION_LIBRARY, NORMALIZATION_VERSION } from '../core/phone.ts';
import type { SigningKeyPair } from '../core/signing.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { type BuildCounts, buildFilters, type RejectedRow } from './build-filters.ts';
import { type HashMode, type OprfBuildStats, type OprfHashing, prepareHashing } from './build-hashing.ts';
import { newEpochId } from './epoch-id.ts';
import type { InputRecord } from './input-record.ts';
import { publishEpoch, readLatestPointer } from './publish-epoch.ts';
import type { ValidityRule } from './registration-validity.ts';
import { applyRetention, type RetentionOptions, type RetentionResult } from './retention.ts';

export interface BuildJob {
  rows: AsyncIterable<InputRecord[]>;
  region: CountryCode;
  mode: HashMode;
  /** open and secret modes. */
  hashKey?: Uint8Array;
  /** oprf mode. */
  oprf?: OprfHashing;
  signingKeys: SigningKeyPair;
  falsePositiveRate: number;
  validity?: ValidityRule;
  shardMaxBytes?: number;
  tempDirectory?: string;
  /** Where to publish; the previous epoch is read from it. */
  store: ObjectStore;
  dryRun: boolean;
  keepEpochs: number;
  /** Retention's grace periods and clock (retention.ts defaults: 10 min after supersession, 48 h for debris). */
  retention?: Pick<RetentionOptions, 'supersededGraceMs' | 'debrisAgeMs' | 'now'>;
  /** Refuse to publish when more than this share of rows is rejected. */
  maxRejectRate: number;
  /** Refuse to publish when entries fall by more than this share against the previous epoch. */
  maxShrink: number;
  now: Date;
  onReject?: (reject: RejectedRow) => void;
  onProgress?: (counts: BuildCounts) => void;
}

export interface BuildReport {
  signed: SignedManifest;
  manifestSha256: string;
  published: boolean;
  retention?: RetentionResult;
  counts: BuildCounts;
  totalBytes: number;
  /** oprf mode: evaluations made and reused from the private state. */
  oprf?: OprfBuildStats;
}

export async function runBuild(job: BuildJob): Promise<BuildReport> {
  const latest = await readLatestPointer(job.store);
  const previous = latest
    ? await readPreviousManifest(job.store, latest.pointer.epoch, job.signingKeys.publicKey)
    : null;
  const hashing = prepareHashing(job.mode, job.hashKey, job.oprf);
  try {
    return await buildAndPublish(job, hashing, latest, previous);
  } finally {
    hashing.dispose();
  }
}

async function buildAndPublish(
  job: BuildJob,
  hashing: ReturnType<typeof prepareHashing>,
  latest: Awaited<ReturnType<typeof readLatestPointer>>,
  previous: Manifest | null,
): Promise<BuildReport> {
  const built = await buildFilters(job.rows, {
    region: job.region,
    hasher: hashing.hasher,
    falsePositiveRate: job.falsePositiveRate,
    validity: job.validity,
    shardMaxBytes: job.shardMaxBytes,
    tempDirectory: job.tempDirectory,
    onReject: job.onReject,
    onProgress: job.onProgress,
  });
  checkSanity(built.counts, previous, job);
  const manifest: Manifest = {
    format: 'quietlist-manifest',
    version: 1,
    epoch: newEpochId(job.now),
    createdAt: job.now.toISOString(),
    previous: latest ? { epoch: latest.pointer.epoch, manifestSha256: latest.pointer.manifestSha256 } : null,
    mode: job.mode,
    hash: hashing.manifestHash,
    normalization: {
      library: NORMALIZATION_LIBRARY,
      version: NORMALIZATION_VERSION,
      defaultRegion: job.region,
    },
    filter: {
      type: 'bloom',
      formatVersion: 1,
      indexScheme: 'edh32',
      falsePositiveRate: job.falsePositiveRate,
      shardPrefixBits: built.shardPrefixBits,
    },
    shards: await Promise.all(
      built.shards.map(async (shard) => ({
        index: shard.index,
        path: shard.path,
        bytes: shard.file.length,
        entries: shard.entries,
        bitCount: shard.bitCount,
        hashCount: shard.hashCount,
        sha256: await sha256Hex(shard.file),
      })),
    ),
    counts: {
      rows: built.counts.rows,
      accepted: built.counts.accepted,
      rejected: built.counts.rejected,
      duplicates: built.counts.duplicates,
      expired: built.counts.expired,
      entries: built.counts.entries,
    },
    validity: job.validity ?? null,
  };
  const signed = signManifest(manifest, job.signingKeys.secretKey, job.signingKeys.publicKey);
  const report: BuildReport = {
    signed,
    manifestSha256: manifestSha256(signed.manifest),
    published: false,
    counts: built.counts,
    totalBytes: built.shards.reduce((sum, shard) => sum + shard.file.length, 0),
    oprf: hashing.stats(),
  };
  if (job.dryRun) return report;
  // publishedAt: the moment latest.json moves (retention and servers reason about it), not the build start.
  const pointer = await publishEpoch(job.store, { signed, shards: built.shards }, latest);
  report.published = true;
  // The next oprf state is saved only once its epoch is served: a refused or failed build keeps the old one.
  report.oprf = hashing.commit();
  report.retention = await applyRetention(job.store, pointer, {
    keep: job.keepEpochs,
    publicKey: job.signingKeys.publicKey,
    ...job.retention,
  });
  return report;
}

async function readPreviousManifest(
  store: ObjectStore,
  epoch: string,
  publicKey: Uint8Array,
): Promise<Manifest | null> {
  const object = await store.get(manifestKey(epoch));
  if (!object) return null;
  return verifySignedManifest(object.body, publicKey).manifest;
}

function checkSanity(counts: BuildCounts, previous: Manifest | null, job: BuildJob): void {
  if (counts.rows > 0 && counts.rejected / counts.rows > job.maxRejectRate) {
    throw new QuietlistError(
      'DATA_REJECTED',
      `${counts.rejected} of ${counts.rows} rows rejected (more than ${formatShare(job.maxRejectRate)}): nothing published; see the reject report`,
    );
  }
  if (counts.entries === 0 && (previous?.counts.entries ?? 0) > 0) {
    throw new QuietlistError('DATA_REJECTED', 'the export holds no valid number: nothing published');
  }
  if (previous && counts.entries < previous.counts.entries * (1 - job.maxShrink)) {
    throw new QuietlistError(
      'DATA_REJECTED',
      `entries fell from ${previous.counts.entries} to ${counts.entries} (more than ${formatShare(job.maxShrink)}): nothing published; pass --max-shrink to accept`,
    );
  }
}

function formatShare(share: number): string {
  return `${(share * 100).toFixed(share < 0.01 ? 2 : 0)}%`;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
}
