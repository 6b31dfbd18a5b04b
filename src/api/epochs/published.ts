/**
 * Which epochs may be downloaded: only published ones, i.e. the served epoch and its predecessors
 * along the signed `previous` links (storage/published-chain.ts). A crashed or beaten build leaves a
 * signed epoch in the store that `latest.json` never named; it must not be served.
 * Manifests are kept forever (builder/retention.ts), so the chain reaches the first epoch; it is walked
 * lazily, only as far back as the epoch asked for (ids sort by time), and each link read is
 * remembered across epoch switches (manifests never change), so a new epoch costs one read.
 */
import { epochIdTime } from '../../core/epoch/epoch-id.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { type ManifestLink, readLinkedManifest } from '../../storage/published-chain.ts';
import type { LoadedEpoch } from './epoch-cache.ts';

export class PublishedEpochs {
  readonly #store: ObjectStore;
  /** manifest SHA-256 → the link to its predecessor (null: the first epoch), for manifests read. */
  readonly #previous = new Map<string, ManifestLink | null>();

  constructor(store: ObjectStore) {
    this.#store = store;
  }

  /** Whether `epoch` is `current` (already verified) or one of its predecessors. */
  async includes(current: LoadedEpoch, epoch: string): Promise<boolean> {
    if (epoch === current.manifest.epoch) return true;
    const wanted = epochIdTime(epoch);
    if (wanted === null) return false;
    this.#previous.set(current.manifestSha256, current.manifest.previous);
    let link = current.manifest.previous;
    while (link) {
      if (link.epoch === epoch) return true;
      const time = epochIdTime(link.epoch);
      // Older than the epoch asked for: it cannot be further back.
      if (time === null || time < wanted) return false;
      link = await this.#predecessor(link);
    }
    return false;
  }

  async #predecessor(link: ManifestLink): Promise<ManifestLink | null> {
    if (this.#previous.has(link.manifestSha256)) return this.#previous.get(link.manifestSha256)!;
    const signed = await readLinkedManifest(this.#store, link);
    // Missing or not the manifest the link names: the chain ends here (nothing is remembered).
    if (!signed) return null;
    this.#previous.set(link.manifestSha256, signed.manifest.previous);
    return signed.manifest.previous;
  }
}
