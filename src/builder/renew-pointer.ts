/**
 * `quietlist renew`: sign the store's latest.json again with a later expiry, without a rebuild
 * (docs/FORMAT.md §7, docs/OPERATIONS.md). The operator's duty is to build or renew more often than the
 * pointer lifetime; a renewal is what a day without a new export, or a failed build, needs. It also
 * upgrades a store written before pointers were signed (and writes its missing key retirement records).
 *
 * It vouches for the manifest the pointer names, so that manifest is verified first: its hash must be
 * the pointer's, and it must be signed by the renewing key, or by a former key of the keys directory
 * that announced the renewing key (the announcing epoch of a rotation, after the old secret key was
 * destroyed). A conditional write keeps a concurrent build's pointer.
 */
import { manifestSha256 } from '../core/epoch/manifest.ts';
import { DEFAULT_POINTER_LIFETIME_DAYS, type EpochPointer, pointerExpiry } from '../core/epoch/pointer.ts';
import { publicKeyFingerprint, type SigningKeyPair } from '../core/epoch/signing.ts';
import { FormatError, PreconditionFailedError, StorageError } from '../core/errors.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { backfillRetirements, repairLatestHandover } from './key-retirements.ts';
import { readPreviousManifest } from './previous-epoch.ts';
import { ConcurrentPublishError, readLatestPointer, writeSignedPointer } from './publish-epoch.ts';

export interface RenewOptions {
  store: ObjectStore;
  signingKeys: SigningKeyPair;
  /** The operator's earlier public keys (keygen's `signing.pub.<date>.old`). */
  formerPublicKeys?: Uint8Array[];
  lifetimeDays?: number;
  now?: Date;
}

export interface RenewResult {
  pointer: EpochPointer;
  /** The pointer replaced was unsigned (a store from before pointers were signed). */
  upgraded: boolean;
  /** When the replaced pointer expired (null: it had no expiry). */
  previousExpiresAt: string | null;
  retirementsRecorded: number;
  signingKeyFingerprint: string;
}

export async function renewPointer(options: RenewOptions): Promise<RenewResult> {
  const { store, signingKeys } = options;
  const latest = await readLatestPointer(store);
  if (!latest) {
    throw new StorageError(
      'NOT_FOUND',
      `nothing to renew: ${store.description} has no latest.json (build first)`,
    );
  }
  const { epoch, manifestSha256: sha } = latest.pointer;
  const signed = await readPreviousManifest(store, epoch, signingKeys.publicKey, options.formerPublicKeys);
  if (!signed || manifestSha256(signed.manifest) !== sha) {
    throw new FormatError(
      `latest.json of ${store.description} names epoch ${epoch}, whose manifest is ${signed ? 'another one' : 'missing'}: nothing renewed (rebuild)`,
      'MANIFEST_INVALID',
    );
  }
  const now = options.now ?? new Date();
  const pointer: EpochPointer = {
    epoch,
    manifestSha256: sha,
    publishedAt: latest.pointer.publishedAt,
    expiresAt: pointerExpiry(now, options.lifetimeDays ?? DEFAULT_POINTER_LIFETIME_DAYS),
  };
  try {
    await writeSignedPointer(store, pointer, signingKeys, latest);
  } catch (error) {
    if (error instanceof PreconditionFailedError) {
      throw new ConcurrentPublishError(
        `latest.json of ${store.description} changed while renewing (a build published): nothing renewed, the new pointer is valid`,
      );
    }
    throw error;
  }
  const retirementsRecorded = latest.signed
    ? (await repairLatestHandover(store, signed))
      ? 1
      : 0
    : await backfillRetirements(store, signed);
  return {
    pointer,
    upgraded: latest.signed === null,
    previousExpiresAt: 'expiresAt' in latest.pointer ? latest.pointer.expiresAt : null,
    retirementsRecorded,
    signingKeyFingerprint: publicKeyFingerprint(signingKeys.publicKey),
  };
}
