/**
 * Publishing is atomic for readers: every shard, delta and the manifest go under an immutable
 * `epochs/<id>/` prefix (create-only writes), and the `latest.json` pointer is written last with a
 * conditional write against the version read when the build started. Two builders racing cannot both
 * win; a failure at any step leaves the previous epoch served and intact. The pointer is signed with
 * an expiry (docs/FORMAT.md §7) by the key that signed the manifest.
 */

import { encodeSignedManifest, manifestSha256, type SignedManifest } from '../core/epoch/manifest.ts';
import {
  DEFAULT_POINTER_LIFETIME_DAYS,
  type EpochPointer,
  encodeSignedPointer,
  epochPrefix,
  LATEST_POINTER_KEY,
  type LegacyPointer,
  manifestKey,
  parseAnyPointer,
  pointerExpiry,
  type SignedPointer,
  signEpochPointer,
} from '../core/epoch/pointer.ts';
import type { SigningKeyPair } from '../core/epoch/signing.ts';
import { PreconditionFailedError, QuietlistError, StorageError } from '../core/errors.ts';
import { createOnce } from '../storage/create-once.ts';
import type { ObjectStore } from '../storage/object-store.ts';

export interface LatestPointer {
  pointer: EpochPointer | LegacyPointer;
  /** null: an unsigned pointer of a store written before pointers were signed. */
  signed: SignedPointer | null;
  etag: string;
}

/** The store's pointer as the builder and `renew` read it: signed, or unsigned from an older release. */
export async function readLatestPointer(store: ObjectStore): Promise<LatestPointer | null> {
  const object = await store.get(LATEST_POINTER_KEY);
  return object ? { ...parseAnyPointer(object.body), etag: object.etag } : null;
}

/** How the pointer is signed: the key that signed the manifest it names, and for how long. */
export interface PointerSigning {
  keys: SigningKeyPair;
  /** Days until readers refuse it (default DEFAULT_POINTER_LIFETIME_DAYS). */
  lifetimeDays?: number;
}

/** Writes a signed pointer over `expected` (conditional: ifMatch its ETag, or create-only without one). */
export async function writeSignedPointer(
  store: ObjectStore,
  pointer: EpochPointer,
  keys: SigningKeyPair,
  expected: { etag: string } | null,
): Promise<void> {
  await store.put(LATEST_POINTER_KEY, encodeSignedPointer(signEpochPointer(pointer, keys)), {
    ...(expected ? { ifMatch: expected.etag } : { ifNoneMatch: '*' as const }),
    contentType: 'application/json',
    cacheControl: 'no-cache',
  });
}

/** A file of the epoch, read when it is written (from the build's stash: one in memory at a time). */
export interface EpochFile {
  path: string;
  read(): Uint8Array;
}

export interface EpochFiles {
  signed: SignedManifest;
  shards: EpochFile[];
  /** Deltas from the previous epoch's shards (docs/FORMAT.md §12), written with the shards. */
  deltas?: EpochFile[];
  /** Other files the manifest names (a live list's folded additions, docs/FORMAT.md §14.3). */
  extra?: { path: string; file: Uint8Array; contentType: string }[];
}

/** Raised when another builder moved `latest.json` since this build read it. */
export class ConcurrentPublishError extends QuietlistError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

export async function publishEpoch(
  store: ObjectStore,
  files: EpochFiles,
  /** The latest pointer as read before the build; null when the store had none. */
  expected: Pick<LatestPointer, 'etag'> | null,
  signing: PointerSigning,
  now: Date = new Date(),
): Promise<EpochPointer> {
  const { epoch } = files.signed.manifest;
  const prefix = epochPrefix(epoch);
  try {
    for (const shard of files.shards) {
      await createOnce(store, `${prefix}${shard.path}`, shard.read(), 'application/vnd.quietlist.filter');
    }
    for (const delta of files.deltas ?? []) {
      await createOnce(store, `${prefix}${delta.path}`, delta.read(), 'application/vnd.quietlist.delta');
    }
    for (const file of files.extra ?? []) {
      await createOnce(store, `${prefix}${file.path}`, file.file, file.contentType);
    }
    await createOnce(store, manifestKey(epoch), encodeSignedManifest(files.signed), 'application/json');
  } catch (error) {
    await removeEpoch(store, epoch);
    throw error;
  }
  const pointer: EpochPointer = {
    epoch,
    manifestSha256: manifestSha256(files.signed.manifest),
    publishedAt: now.toISOString(),
    expiresAt: pointerExpiry(now, signing.lifetimeDays ?? DEFAULT_POINTER_LIFETIME_DAYS),
  };
  try {
    await writeSignedPointer(store, pointer, signing.keys, expected);
  } catch (error) {
    // A retried write whose first attempt landed (its answer was lost) sees its own pointer: published.
    if (error instanceof PreconditionFailedError && (await pointsAt(store, pointer))) return pointer;
    await removeEpoch(store, epoch);
    if (error instanceof PreconditionFailedError) {
      throw new ConcurrentPublishError(
        `another build published to ${store.description} after this one started; epoch ${epoch} was not published`,
      );
    }
    throw error;
  }
  return pointer;
}

async function pointsAt(store: ObjectStore, pointer: EpochPointer): Promise<boolean> {
  const latest = await readLatestPointer(store).catch(() => null);
  return (
    latest?.pointer.epoch === pointer.epoch &&
    latest.pointer.manifestSha256 === pointer.manifestSha256 &&
    latest.pointer.publishedAt === pointer.publishedAt
  );
}

/** Best-effort removal of an unpublished epoch's files; retention cleans up whatever is left. */
async function removeEpoch(store: ObjectStore, epoch: string): Promise<void> {
  try {
    await store.delete(await store.list(epochPrefix(epoch)));
  } catch (error) {
    if (!(error instanceof StorageError)) throw error;
  }
}
