/**
 * Which epochs may be downloaded: only published ones, i.e. the served epoch and its predecessors
 * along the signed `previous` links (storage/published-chain.ts). A crashed or beaten build leaves a
 * signed epoch in the store that `latest.json` never named; it must not be served. The chain is read
 * once per served epoch (a few small manifests) and kept until the served epoch changes.
 */

import type { ObjectStore } from '../storage/object-store.ts';
import { readPublishedChain } from '../storage/published-chain.ts';
import type { LoadedEpoch } from './epoch-cache.ts';

export class PublishedEpochs {
  readonly #store: ObjectStore;
  readonly #publicKey: Uint8Array;
  #chain: { head: string; epochs: Promise<Set<string>> } | null = null;

  constructor(store: ObjectStore, publicKey: Uint8Array) {
    this.#store = store;
    this.#publicKey = publicKey;
  }

  async includes(current: LoadedEpoch, epoch: string): Promise<boolean> {
    if (epoch === current.manifest.epoch) return true;
    if (this.#chain?.head !== current.manifestSha256) {
      const epochs = readPublishedChain(this.#store, current.pointer, this.#publicKey).then(
        (chain) => new Set(chain.map((entry) => entry.epoch)),
      );
      this.#chain = { head: current.manifestSha256, epochs };
      // A failed read is not kept: the next request tries again.
      epochs.catch(() => {
        if (this.#chain?.epochs === epochs) this.#chain = null;
      });
    }
    return (await this.#chain.epochs).has(epoch);
  }
}
