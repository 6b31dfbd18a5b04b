/**
 * The published epochs of a store: the epoch `latest.json` names and its predecessors, followed
 * through each manifest's signed `previous` link (epoch id and manifest SHA-256). Only these epochs
 * were ever named by `latest.json`: an epoch directory that is not on the chain was left by a build
 * that crashed or lost the race, and is neither counted by retention nor served.
 * The walk stops at the first manifest that is missing, does not verify, or does not match its link.
 */
import { type EpochPointer, manifestKey } from '../core/epoch-pointer.ts';
import { manifestSha256, verifySignedManifest } from '../core/manifest.ts';
import type { ObjectStore } from './object-store.ts';

export interface PublishedEpoch {
  epoch: string;
  manifestSha256: string;
  createdAt: string;
}

/** Newest first, starting with the pointer's epoch; at most `limit` epochs. */
export async function readPublishedChain(
  store: ObjectStore,
  pointer: Pick<EpochPointer, 'epoch' | 'manifestSha256'>,
  publicKey: Uint8Array,
  limit = 10_000,
): Promise<PublishedEpoch[]> {
  const chain: PublishedEpoch[] = [];
  let link: { epoch: string; manifestSha256: string } | null = pointer;
  while (link && chain.length < limit) {
    const object = await store.get(manifestKey(link.epoch));
    if (!object) break;
    let manifest: ReturnType<typeof verifySignedManifest>['manifest'];
    try {
      manifest = verifySignedManifest(object.body, publicKey).manifest;
    } catch {
      break;
    }
    const sha = manifestSha256(manifest);
    if (manifest.epoch !== link.epoch || sha !== link.manifestSha256) break;
    chain.push({ epoch: manifest.epoch, manifestSha256: sha, createdAt: manifest.createdAt });
    link = manifest.previous;
  }
  return chain;
}
