/**
 * Writing the key retirement records (core/epoch/key-retirement.ts, docs/FORMAT.md §6.3): when an
 * epoch is the first one signed by a key its predecessor's chain announced, the predecessor's key is
 * retired and `key-retirements/<fingerprint>.json` names that handover epoch. Create-only: a key is
 * retired once. The builder writes it right after publishing the handover epoch, repairs it on the
 * next build if a crash came in between, and writes every missing one when it first replaces an
 * unsigned pointer (a store from before records existed: backfillRetirements).
 */
import { fromBase64 } from '../core/encoding/base64.ts';
import { MAX_CHAIN_WALK } from '../core/epoch/key-chain.ts';
import { encodeKeyRetirement, keyRetirementKey } from '../core/epoch/key-retirement.ts';
import { manifestSha256, type SignedManifest } from '../core/epoch/manifest.ts';
import { publicKeyFingerprint } from '../core/epoch/signing.ts';
import { PreconditionFailedError } from '../core/errors.ts';
import { createOnce } from '../storage/create-once.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { readLinkedManifest } from '../storage/published-chain.ts';

/**
 * Records the handover at `handover` if its signer differs from `predecessor`'s and an announcement
 * along the chain names it (a re-key without announcement, the emergency of docs/OPERATIONS.md, is no
 * handover). True when a record was written now.
 */
export async function recordHandover(
  store: ObjectStore,
  handover: SignedManifest,
  predecessor: SignedManifest,
): Promise<boolean> {
  const retired = predecessor.signature.keyFingerprint;
  const successor = handover.signature.keyFingerprint;
  if (retired === successor) return false;
  const announced = await announcedKey(store, predecessor, successor, retired);
  if (!announced) return false;
  const key = keyRetirementKey(retired);
  if (await store.get(key)) return false;
  const record = encodeKeyRetirement({
    format: 'quietlist-key-retirement',
    version: 1,
    retiredKey: retired,
    successor: announced,
    handover: { epoch: handover.manifest.epoch, manifestSha256: manifestSha256(handover.manifest) },
  });
  try {
    await createOnce(store, key, record, 'application/json');
    return true;
  } catch (error) {
    // Another builder recorded it first (same handover, or a fork the readers will judge): keep theirs.
    if (error instanceof PreconditionFailedError) return false;
    throw error;
  }
}

/**
 * Crash repair before a build: if the latest epoch was a handover whose record is missing, write it.
 * Costs one manifest read (the latest epoch's predecessor), and only when the signer changed.
 */
export async function repairLatestHandover(store: ObjectStore, latest: SignedManifest): Promise<boolean> {
  if (!latest.manifest.previous) return false;
  const predecessor = await readLinkedManifest(store, latest.manifest.previous);
  if (!predecessor || predecessor.signature.keyFingerprint === latest.signature.keyFingerprint) return false;
  return recordHandover(store, latest, predecessor);
}

/** Walks the whole published chain back from `head` once, recording every handover: the upgrade path. */
export async function backfillRetirements(store: ObjectStore, head: SignedManifest): Promise<number> {
  let written = 0;
  let newer = head;
  for (let steps = 0; newer.manifest.previous && steps < MAX_CHAIN_WALK; steps++) {
    const older = await readLinkedManifest(store, newer.manifest.previous);
    if (!older) break;
    if (await recordHandover(store, newer, older)) written++;
    newer = older;
  }
  return written;
}

/** The base64 key announced along the chain back from `from` whose fingerprint is `fingerprint`, by `signer`. */
async function announcedKey(
  store: ObjectStore,
  from: SignedManifest,
  fingerprint: string,
  signer: string,
): Promise<string | null> {
  let current: SignedManifest | null = from;
  for (let steps = 0; current && steps < MAX_CHAIN_WALK; steps++) {
    if (current.signature.keyFingerprint !== signer) return null;
    const next = current.manifest.signing?.next;
    // The latest announcement by the key counts (docs/FORMAT.md §6.3): an earlier one was replaced.
    if (next !== undefined) {
      return publicKeyFingerprint(fromBase64(next, 'signing.next')) === fingerprint ? next : null;
    }
    current = current.manifest.previous ? await readLinkedManifest(store, current.manifest.previous) : null;
  }
  return null;
}
