/**
 * The published epochs of a store: the epoch `latest.json` names and its predecessors, followed
 * through each manifest's signed `previous` link (epoch id and manifest SHA-256). Only these epochs
 * were ever named by `latest.json`: an epoch directory that is not on the chain was left by a build
 * that crashed or lost the race, and is neither counted by retention nor served.
 * The head is verified against the signing key; each predecessor is authenticated by the hash link
 * from its verified successor (so a chain crossing a signing-key rotation reads the same way). The
 * walk stops at the first manifest that is missing, malformed, or does not match its link.
 */

import {
  type Manifest,
  manifestSha256,
  parseSignedManifest,
  type SignedManifest,
  verifySignedManifest,
} from '../core/epoch/manifest.ts';
import { type EpochPointer, manifestKey } from '../core/epoch/pointer.ts';
import type { ObjectStore } from './object-store.ts';

export interface PublishedEpoch {
  epoch: string;
  manifestSha256: string;
  createdAt: string;
}

export interface ManifestLink {
  epoch: string;
  manifestSha256: string;
}

/** Newest first, starting with the pointer's epoch; at most `limit` epochs. */
export async function readPublishedChain(
  store: ObjectStore,
  pointer: Pick<EpochPointer, 'epoch' | 'manifestSha256'>,
  publicKey: Uint8Array,
  limit = 100_000,
): Promise<PublishedEpoch[]> {
  const chain: PublishedEpoch[] = [];
  const head = await readLinkedManifest(store, pointer, publicKey);
  let manifest: Manifest | null = head?.manifest ?? null;
  while (manifest && chain.length < limit) {
    chain.push({
      epoch: manifest.epoch,
      manifestSha256: manifestSha256(manifest),
      createdAt: manifest.createdAt,
    });
    manifest = manifest.previous
      ? ((await readLinkedManifest(store, manifest.previous))?.manifest ?? null)
      : null;
  }
  return chain;
}

/**
 * The manifest a link names, if it is stored, well-formed and its hash is the link's (with
 * `publicKey`, also signed by it); otherwise null.
 */
export async function readLinkedManifest(
  store: ObjectStore,
  link: ManifestLink,
  publicKey?: Uint8Array,
): Promise<SignedManifest | null> {
  const object = await store.get(manifestKey(link.epoch));
  if (!object) return null;
  try {
    const signed = publicKey
      ? verifySignedManifest(object.body, publicKey)
      : parseSignedManifest(object.body);
    const matches =
      signed.manifest.epoch === link.epoch && manifestSha256(signed.manifest) === link.manifestSha256;
    return matches ? signed : null;
  } catch {
    return null;
  }
}
