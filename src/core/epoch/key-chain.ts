/**
 * Following a signing-key rotation (docs/FORMAT.md §6.3). A manifest may announce a successor key
 * (`signing.next`), inside its signed bytes, so the announcement is signed by the current key. A
 * client pinned to key K accepts a manifest signed by another key only if a chain of announcements
 * leads there from K: walking the offered manifest's `previous` links back (each matched by its
 * SHA-256) to a manifest signed by K, then forward, verifying every manifest under the key in force
 * (the pinned one, then each announced successor once a manifest is signed by it). Anything else is
 * refused as a manifest signed by a foreign key. Old manifests are kept forever by the operator
 * (builder/retention.ts), so a client offline for months still finds the way.
 */
import { fromBase64 } from '../encoding/base64.ts';
import { QuietlistError } from '../errors.ts';
import {
  manifestSha256,
  parseSignedManifest,
  type SignedManifest,
  verifyManifestSignature,
} from './manifest.ts';
import { publicKeyFingerprint } from './signing.ts';

/** Bytes of the manifest.json a `previous` link names, or null when the source does not have it. */
export type ManifestFetcher = (link: { epoch: string; manifestSha256: string }) => Promise<Uint8Array | null>;

export interface ChainVerified {
  signed: SignedManifest;
  /** The key that signed it: the pinned key, or the successor the chain led to (the new pin). */
  key: Uint8Array;
  /** The keys followed, from the pinned one to `key` (length 1: no rotation). */
  keys: Uint8Array[];
}

/** How far back a client walks looking for its pinned key (about 27 years of nightly epochs). */
export const MAX_CHAIN_WALK = 10_000;

export async function verifyAlongKeyChain(
  offered: Uint8Array | SignedManifest,
  pinned: Uint8Array,
  fetchManifest: ManifestFetcher,
  limit = MAX_CHAIN_WALK,
): Promise<ChainVerified> {
  const signed = offered instanceof Uint8Array ? parseSignedManifest(offered) : offered;
  const pinnedFingerprint = publicKeyFingerprint(pinned);
  if (signed.signature.keyFingerprint === pinnedFingerprint) {
    return { signed: verifyManifestSignature(signed, pinned), key: pinned, keys: [pinned] };
  }
  const foreign = (why: string) =>
    new QuietlistError(
      'SIGNATURE_INVALID',
      `manifest is signed by key ${signed.signature.keyFingerprint}, not the pinned key ${pinnedFingerprint}, and ${why}`,
    );
  // Back along `previous` to the newest manifest signed by the pinned key.
  const path: SignedManifest[] = [signed];
  let link = signed.manifest.previous;
  while (path.at(-1)!.signature.keyFingerprint !== pinnedFingerprint) {
    if (!link) throw foreign('no announced key leads to it from the pinned key');
    if (path.length > limit) throw foreign(`the pinned key was not found within ${limit} epochs`);
    const bytes = await fetchManifest(link);
    if (!bytes) throw foreign(`the manifest of epoch ${link.epoch} on the way back is not available`);
    const older = parseSignedManifest(bytes);
    if (older.manifest.epoch !== link.epoch || manifestSha256(older.manifest) !== link.manifestSha256) {
      throw foreign(`the manifest of epoch ${link.epoch} does not match its link`);
    }
    path.push(older);
    link = older.manifest.previous;
  }
  // Forward, verifying each manifest under the key in force; an announced key takes over when used.
  let trusted = pinned;
  let announced: Uint8Array | null = null;
  const keys = [pinned];
  for (const manifest of path.reverse()) {
    const fingerprint = manifest.signature.keyFingerprint;
    if (fingerprint !== publicKeyFingerprint(trusted)) {
      if (!announced || fingerprint !== publicKeyFingerprint(announced)) {
        throw foreign(`epoch ${manifest.manifest.epoch} is signed by a key nobody announced`);
      }
      trusted = announced;
      announced = null;
      keys.push(trusted);
    }
    verifyManifestSignature(manifest, trusted);
    const next = manifest.manifest.signing?.next;
    if (next !== undefined) announced = fromBase64(next, 'signing.next');
  }
  return { signed, key: trusted, keys };
}
