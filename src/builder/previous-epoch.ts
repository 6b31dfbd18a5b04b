/**
 * What a build takes from the store's latest epoch: its manifest, verified against the operator's key
 * (or a former key that announced it), the shard geometry its bits can be patched from, and after the
 * publish the key-retirement records of a handover (docs/FORMAT.md §6.3).
 */
import { toBase64 } from '../core/encoding/base64.ts';
import {
  type Manifest,
  parseSignedManifest,
  type SignedManifest,
  verifyManifestSignature,
} from '../core/epoch/manifest.ts';
import { manifestKey } from '../core/epoch/pointer.ts';
import { type ShardGroup, shardGroups } from '../core/epoch/shard-layout.ts';
import { publicKeyFingerprint } from '../core/epoch/signing.ts';
import { QuietlistError } from '../core/errors.ts';
import { assertSchemeApplies, NORMALIZATION_SCHEME, schemeOf } from '../core/phone/normalize.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { backfillRetirements, recordHandover, repairLatestHandover } from './key-retirements.ts';
import type { readLatestPointer } from './publish-epoch.ts';
import type { BuildJob } from './run-build.ts';
import type { PreviousGeometry } from './shard-geometry.ts';

/**
 * The previous epoch's geometry (the epoch's, or each partition's), and whether its bits mean the same
 * thing under this build's hashing: the same mode, hash scheme and key, normalisation, ε, scope labels
 * and partition rule. A partitioned build keeps partitions of a partitioned epoch only.
 */
export function previousGeometries(
  previous: Manifest,
  job: BuildJob,
  hash: Manifest['hash'],
): { epoch: PreviousGeometry | null; partitions: Map<string, PreviousGeometry> } {
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  const changed = [
    previous.mode !== job.mode && 'mode',
    previous.hash.keyId !== hash.keyId && 'hash key',
    previous.hash.scheme !== hash.scheme && 'hash scheme',
    schemeOf(previous) !== NORMALIZATION_SCHEME && 'normalisation scheme',
    previous.filter.falsePositiveRate !== job.falsePositiveRate && 'false-positive rate',
    !same(previous.register?.scopes, job.register?.scopes) && 'scopes',
    !same(previous.register?.partition, job.register?.partition) && 'partition rule',
  ].filter((what): what is string => typeof what === 'string');
  const incompatible = changed.length > 0 ? `the ${changed.join(', ')} changed` : null;
  const geometryOf = (group: ShardGroup): PreviousGeometry => ({
    shardPrefixBits: group.shardPrefixBits,
    shards: previous.shards
      .slice(group.first, group.first + group.count)
      .map(({ bitCount, hashCount }) => ({ bitCount, hashCount })),
    incompatible,
  });
  const groups = shardGroups(previous);
  if (!previous.partitions) return { epoch: geometryOf(groups[0]!), partitions: new Map() };
  const partitions = new Map(groups.map((group) => [group.partition!, geometryOf(group)]));
  const epoch: PreviousGeometry = {
    shardPrefixBits: 0,
    shards: [],
    incompatible: incompatible ?? 'the list was partitioned',
  };
  return { epoch, partitions };
}

/**
 * After a publish: the record of a handover this epoch made, a missing one of the previous epoch (a
 * crash between its publish and its record), or every one when the store had an unsigned pointer
 * (written before records existed). Readers need them to refuse a retired key (docs/FORMAT.md §6.3).
 */
export async function recordRetirements(
  store: ObjectStore,
  signed: SignedManifest,
  previous: SignedManifest | null,
  latest: Awaited<ReturnType<typeof readLatestPointer>>,
): Promise<number> {
  if (latest && !latest.signed) return backfillRetirements(store, signed);
  if (!previous) return 0;
  const now = (await recordHandover(store, signed, previous)) ? 1 : 0;
  return now + ((await repairLatestHandover(store, previous)) ? 1 : 0);
}

/**
 * The manifest of the store's latest epoch, verified: signed by `publicKey`, or by one of the
 * operator's former keys that announced it (a planned rotation). Null when it is not stored.
 */
export async function readPreviousManifest(
  store: ObjectStore,
  epoch: string,
  publicKey: Uint8Array,
  formerKeys: Uint8Array[] = [],
): Promise<SignedManifest | null> {
  const object = await store.get(manifestKey(epoch));
  if (!object) return null;
  const signed = parseSignedManifest(object.body);
  const signer = signed.signature.keyFingerprint;
  if (signer === publicKeyFingerprint(publicKey)) {
    verifyManifestSignature(signed, publicKey);
  } else {
    // A planned rotation: the latest epoch, signed by a former key, announced this one.
    const former = formerKeys.find((key) => publicKeyFingerprint(key) === signer);
    if (!former || signed.manifest.signing?.next !== toBase64(publicKey)) {
      throw new QuietlistError(
        'SIGNATURE_INVALID',
        `the latest epoch ${epoch} is signed by key ${signer}${former ? '' : ' (not a former key in the keys directory)'}, which did not announce this signing key ${publicKeyFingerprint(publicKey)}: ` +
          'build once more with the old key and --announce-next-key <new signing.pub> (docs/OPERATIONS.md, "Rotating the signing key")',
      );
    }
    verifyManifestSignature(signed, former);
  }
  const { manifest } = signed;
  // An older scheme is re-keyed by this build; a newer one means this builder is out of date.
  if (schemeOf(manifest) > NORMALIZATION_SCHEME) assertSchemeApplies(manifest);
  return signed;
}
