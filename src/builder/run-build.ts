/**
 * The nightly job: read the export, build the shards, check the result is sane, sign the manifest,
 * publish atomically, apply retention. Sanity guards (build-guards.ts) stop a broken export from
 * replacing a good list (an empty or truncated list published would turn registered numbers into false
 * negatives); what carries over from the previous epoch is read in previous-epoch.ts.
 */
import { tmpdir } from 'node:os';
import { sha256 } from '@noble/hashes/sha2.js';
import type { CountryCode } from 'libphonenumber-js/min';
import { toHex } from '../core/encoding/bytes.ts';
import { newEpochId } from '../core/epoch/epoch-id.ts';
import { manifestSha256, type SignedManifest, signManifest } from '../core/epoch/manifest.ts';
import type { SigningKeyPair } from '../core/epoch/signing.ts';
import { QuietlistError } from '../core/errors.ts';
import { assertManifestList, DEFAULT_LIST } from '../core/lists/list-name.ts';
import { NORMALIZATION_SCHEME, schemeOf } from '../core/phone/normalize.ts';
import { type Jurisdiction, jurisdictionOf } from '../core/phone/numbering-plan.ts';
import type { ProfileScopes, RegisterRules } from '../core/registers/profile.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { type BuildCounts, buildFilters, type RejectedRow } from './build-filters.ts';
import { buildWarnings, checkDates, checkSanity, exportScopesOf } from './build-guards.ts';
import { type HashMode, type OprfBuildStats, type OprfHashing, prepareHashing } from './build-hashing.ts';
import { epochManifest } from './epoch-manifest.ts';
import { type FoldedForBuild, foldAdditions, foldedOutput } from './fold-additions.ts';
import type { InputRecord } from './input/record.ts';
import type { DateFormat } from './input/registration-date.ts';
import type { ValidityRule } from './input/registration-validity.ts';
import { previousGeometries, readPreviousManifest, recordRetirements } from './previous-epoch.ts';
import { publishEpoch, readLatestPointer } from './publish-epoch.ts';
import { applyRetention, type RetentionOptions, type RetentionResult } from './retention.ts';
import { buildShardDeltas } from './shard-deltas.ts';
import { DiskStash } from './shard-stash.ts';
import { removeAbandonedDirectories } from './temporary-directories.ts';

export interface BuildJob {
  rows: AsyncIterable<InputRecord[]>;
  /**
   * The list this build publishes (docs/FORMAT.md §14; default `default`, the store's root). `store`
   * is that list's view (storage/list-store.ts); the manifest names it, and a previous epoch of another
   * list is refused.
   */
  list?: string;
  /**
   * A live list: the additions public key the manifest announces (the server's, which signs the
   * additions batches). The build folds the additions published since the previous epoch. A list
   * that was live stays live: a build without it is refused.
   */
  additionsKey?: Uint8Array;
  region: CountryCode;
  /** The calling codes accepted: the plan of `region` by default (core/phone/numbering-plan.ts); 'any' accepts every code. */
  jurisdiction?: Jurisdiction | 'any';
  mode: HashMode;
  /** The register's rules, signed into the manifest for clients to follow (core/registers/profile.ts). */
  register?: RegisterRules;
  /**
   * A scoped register's channels and sectors as its exports write them: the profile's, each with its
   * aliases (`Teléfono` for `call`: docs/REGISTERS.md). Read by the builder only, never signed (a
   * manifest holding aliases would be refused by clients deployed before them). Default: the codes of
   * `register.scopes`. Their codes must be those of `register.scopes`.
   */
  exportScopes?: ProfileScopes;
  /** open and secret modes. */
  hashKey?: Uint8Array;
  /** oprf mode. */
  oprf?: OprfHashing;
  signingKeys: SigningKeyPair;
  /** Signing-key rotation: the successor public key this epoch announces (`signing.next`). */
  announceNextKey?: Uint8Array;
  /** The operator's earlier signing public keys (keygen's `signing.pub.<date>.old`): the latest epoch may be signed by one. */
  formerPublicKeys?: Uint8Array[];
  /** Days until readers refuse the signed latest.json (docs/FORMAT.md §7; default 4): build or renew more often. */
  pointerLifetimeDays?: number;
  falsePositiveRate: number;
  /** Drop expired registrations (rows whose date column says so); undefined: a build without expiry. */
  validity?: ValidityRule;
  /** How non-ISO registration dates are written (default DD/MM/YYYY). */
  dateFormat?: DateFormat;
  /** Refuse to publish when more than this share of dates cannot be read or read two ways (default 0.01). */
  maxBadDateRate?: number;
  /** Publish an export with no valid number (otherwise refused: published, it would answer "free" to all). */
  allowEmpty?: boolean;
  shardMaxBytes?: number;
  /** Start a new shard geometry even if the previous epoch's still fits (every client downloads all). */
  newGeometry?: boolean;
  tempDirectory?: string;
  /** Worker threads beside the build's own (default: one fewer than the cores; 0: none). */
  threads?: number;
  /** Hash with the native addon when it is built (default); false: JavaScript (benchmarks). */
  nativeHash?: boolean;
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
  /** Things the operator must see though the build went through (no date filtering...). */
  warnings: string[];
  totalBytes: number;
  /** The shard geometry: kept from the previous epoch (deltas possible), or new and why. */
  geometry: { kept: boolean; reason?: string };
  /** Bytes of the deltas published beside the shards (what an up-to-date client downloads). */
  deltaBytes: number;
  /** oprf mode: evaluations made and reused from the private state. */
  oprf?: OprfBuildStats;
  /** Worker threads the build used beside its own (0: none), and the keyed hash of open and secret modes. */
  threads: number;
  hashBackend?: 'openssl' | 'javascript';
  /** The previous epoch was keyed under another normalisation scheme: this build re-keyed every number. */
  schemeChange?: { from: number; to: number };
  /** When readers start refusing the pointer this build signed (docs/FORMAT.md §7). */
  pointerExpiresAt?: string;
  /** Key retirement records written (docs/FORMAT.md §6.3): a handover, or the upgrade of an older store. */
  retirementsRecorded?: number;
  /** A live list: the additions folded into this epoch (entries still unexpired) and those that expired. */
  additions?: { sequence: number; folded: number; expired: number };
}

export async function runBuild(job: BuildJob): Promise<BuildReport> {
  const latest = await readLatestPointer(job.store);
  const previous = latest
    ? await readPreviousManifest(
        job.store,
        latest.pointer.epoch,
        job.signingKeys.publicKey,
        job.formerPublicKeys,
      )
    : null;
  if (previous) assertManifestList(previous.manifest, job.list ?? DEFAULT_LIST);
  if (previous?.manifest.additions && !job.additionsKey) {
    throw new QuietlistError(
      'INVALID_CONFIG',
      `list ${job.list ?? DEFAULT_LIST} takes live additions (epoch ${previous.manifest.epoch} announces an additions key): every build must fold them, so give the additions key (keygen's additions.pub; build --live)`,
    );
  }
  if (job.additionsKey && job.register?.partition) {
    // An addition is a digest, not a number: nothing says which partition's shards it belongs in.
    throw new QuietlistError(
      'INVALID_CONFIG',
      `list ${job.list ?? DEFAULT_LIST} is of a partitioned register (${job.register.name}): live additions need an unpartitioned list`,
    );
  }
  const folded = job.additionsKey
    ? await foldAdditions(job.store, previous?.manifest ?? null, job.now)
    : null;
  const hashing = prepareHashing(job.mode, job.hashKey, job.oprf, job.register?.partition);
  // Filled shards and deltas wait on disk until they are published, never the whole filter in memory
  // (shard-stash.ts); they go once the build is over, published or not.
  const stash = new DiskStash(job.tempDirectory);
  // File times are the wall clock's, whatever clock the job runs on (`now`).
  const abandoned = removeAbandonedDirectories(job.tempDirectory ?? tmpdir());
  try {
    const report = await buildAndPublish(job, hashing, stash, latest, previous, folded);
    if (abandoned.directories > 0) {
      report.warnings.push(
        `removed ${abandoned.directories} temporary director${abandoned.directories === 1 ? 'y' : 'ies'} (${(abandoned.bytes / 1e6).toFixed(1)} MB) left in ${job.tempDirectory ?? tmpdir()} by builds stopped outright (killed, out of memory, power loss) two days ago or more: look for why`,
      );
    }
    return report;
  } finally {
    stash.dispose();
    hashing.dispose();
  }
}

async function buildAndPublish(
  job: BuildJob,
  hashing: ReturnType<typeof prepareHashing>,
  stash: DiskStash,
  latest: Awaited<ReturnType<typeof readLatestPointer>>,
  previousSigned: SignedManifest | null,
  folded: FoldedForBuild | null,
): Promise<BuildReport> {
  const previous = previousSigned?.manifest ?? null;
  const partition = job.register?.partition;
  const before = previous ? previousGeometries(previous, job, hashing.manifestHash) : null;
  const built = await buildFilters(job.rows, {
    extraDigests: folded?.digests,
    region: job.region,
    jurisdiction: job.jurisdiction === 'any' ? undefined : (job.jurisdiction ?? jurisdictionOf(job.region)),
    // The HMAC key lets worker threads hash; oprf mode's outputs come from its state, in this thread.
    ...(hashing.hmacKey ? { hmacKey: hashing.hmacKey } : { hasher: hashing.hasher }),
    threads: job.threads,
    nativeHash: job.nativeHash,
    ...(job.register?.scopes ? { scopes: exportScopesOf(job.register.scopes, job.exportScopes) } : {}),
    ...(partition ? { partition } : {}),
    falsePositiveRate: job.falsePositiveRate,
    validity: job.validity,
    dateFormat: job.dateFormat,
    shardMaxBytes: job.shardMaxBytes,
    previousGeometry: before?.epoch ?? null,
    ...(before ? { previousPartitions: before.partitions } : {}),
    newGeometry: job.newGeometry,
    tempDirectory: job.tempDirectory,
    stash,
    onReject: job.onReject,
    onProgress: job.onProgress,
  });
  checkSanity(built.counts, previous, job);
  checkDates(built.counts, built.dateExamples, job);
  const epoch = newEpochId(job.now);
  // Deltas only under a kept geometry (the epoch's, or each partition's): a new one moves every bit
  // (docs/FORMAT.md §5.1).
  const keptPartitions = new Set(
    (built.partitions ?? []).filter((group) => group.kept).map((group) => group.partition),
  );
  const deltas =
    previous && latest?.pointer.epoch === previous.epoch
      ? await buildShardDeltas(
          job.store,
          previous,
          built.shards.filter((shard) =>
            shard.partition === null ? built.geometry.kept : keptPartitions.has(shard.partition),
          ),
          stash,
        )
      : [];
  const list = job.list ?? DEFAULT_LIST;
  const foldedFiles =
    folded && job.additionsKey
      ? foldedOutput(folded, list, epoch, job.additionsKey, (bytes) => toHex(sha256(bytes)))
      : null;
  const manifest = epochManifest({
    epoch,
    list,
    now: job.now,
    latest: latest?.pointer ?? null,
    previous,
    mode: job.mode,
    hash: hashing.manifestHash,
    region: job.region,
    falsePositiveRate: job.falsePositiveRate,
    built,
    deltas,
    ...(job.validity ? { validity: job.validity } : {}),
    ...(job.announceNextKey ? { announceNextKey: job.announceNextKey } : {}),
    ...(job.register ? { register: job.register } : {}),
    ...(foldedFiles ? { additions: foldedFiles.additions } : {}),
  });
  const signed = signManifest(manifest, job.signingKeys.secretKey, job.signingKeys.publicKey);
  const report: BuildReport = {
    signed,
    manifestSha256: manifestSha256(signed.manifest),
    published: false,
    counts: built.counts,
    warnings: buildWarnings(built.counts, job),
    totalBytes: built.shards.reduce((sum, shard) => sum + shard.bytes, 0),
    geometry: built.geometry,
    deltaBytes: deltas.reduce((sum, delta) => sum + delta.bytes, 0),
    oprf: hashing.stats(),
    threads: built.threads,
    ...(built.hashBackend ? { hashBackend: built.hashBackend } : {}),
    ...(folded
      ? { additions: { sequence: folded.sequence, folded: folded.entries.length, expired: folded.expired } }
      : {}),
  };
  const previousScheme = previous ? schemeOf(previous) : NORMALIZATION_SCHEME;
  if (previousScheme !== NORMALIZATION_SCHEME)
    report.schemeChange = { from: previousScheme, to: NORMALIZATION_SCHEME };
  if (job.dryRun) return report;
  // publishedAt: the moment latest.json moves (retention and servers reason about it), not the build start.
  const extra = foldedFiles?.file ? [{ ...foldedFiles.file, contentType: 'application/json' }] : [];
  const pointer = await publishEpoch(job.store, { signed, shards: built.shards, deltas, extra }, latest, {
    keys: job.signingKeys,
    lifetimeDays: job.pointerLifetimeDays,
  });
  report.published = true;
  report.pointerExpiresAt = pointer.expiresAt;
  try {
    report.retirementsRecorded = await recordRetirements(job.store, signed, previousSigned, latest);
  } catch (error) {
    // Published already: say so, and let the next build write it (repairLatestHandover).
    report.warnings.push(
      `the key retirement record could not be written (${(error as Error).message}): the next build writes it`,
    );
  }
  // The next oprf state is saved only once its epoch is served: a refused or failed build keeps the old one.
  report.oprf = hashing.commit();
  report.retention = await applyRetention(job.store, pointer, {
    keep: job.keepEpochs,
    publicKey: job.signingKeys.publicKey,
    ...job.retention,
  });
  return report;
}
