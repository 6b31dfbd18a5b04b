/**
 * The server's view of one list's live additions: the verified chain of the epoch it serves, read from
 * the store as any reader reads it (core/additions/additions-chain.ts), refreshed at most every
 * `refreshMs` by one request at a time, and the set of unexpired digests `POST …/check` consults
 * beside the filter. The sequencer writes, this reads: an addition is answered "listed" here as soon
 * as its batch is in the store and the view's next refresh comes (1 s by default).
 * The first time it sees an epoch it asks the sequencer to move to it (carrying the previous tail).
 */
import { AdditionSet } from '../../core/additions/addition-set.ts';
import {
  type AdditionsChain,
  type AdditionsStatus,
  advanceAdditionsChain,
  chainEntries,
  chainStatus,
  type VerifiedEpoch,
} from '../../core/additions/additions-chain.ts';
import { storeAdditionsSource } from '../../storage/additions-source.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { readLinkedManifest } from '../../storage/published-chain.ts';

export interface AdditionsSnapshot {
  chain: AdditionsChain;
  status: AdditionsStatus;
  /** Unexpired digests as of the refresh. */
  set: AdditionSet;
}

export interface AdditionsViewOptions {
  refreshMs: number;
  now: () => number;
  /** Told once per epoch seen (the sequencer moves its chain to it); failures are only logged. */
  onEpoch?: (epoch: VerifiedEpoch) => Promise<void>;
  log?: (line: string) => void;
}

export class AdditionsView {
  readonly #store: ObjectStore;
  readonly #options: AdditionsViewOptions;
  #snapshot: AdditionsSnapshot | null = null;
  #readAt = Number.NEGATIVE_INFINITY;
  #refreshing: Promise<AdditionsSnapshot | null> | null = null;
  #announced: string | null = null;

  constructor(store: ObjectStore, options: AdditionsViewOptions) {
    this.#store = store;
    this.#options = options;
  }

  /** The additions on top of `epoch` (the one the request answers from), or null: not a live list. */
  async of(epoch: VerifiedEpoch): Promise<AdditionsSnapshot | null> {
    if (!epoch.manifest.additions) return null;
    const held = this.#snapshot;
    const same = held?.chain.manifestSha256 === epoch.manifestSha256;
    if (same && this.#options.now() - this.#readAt < this.#options.refreshMs) return held;
    this.#refreshing ??= this.#refresh(epoch, same ? held!.chain : null).finally(() => {
      this.#refreshing = null;
    });
    const snapshot = await this.#refreshing;
    // A refresh for another epoch (a request that straddled a switch) is read again for this one.
    return snapshot?.chain.manifestSha256 === epoch.manifestSha256 ? snapshot : this.#refresh(epoch, null);
  }

  async #refresh(epoch: VerifiedEpoch, held: AdditionsChain | null): Promise<AdditionsSnapshot | null> {
    this.#announce(epoch);
    const store = this.#store;
    const chain = await advanceAdditionsChain(held, {
      source: storeAdditionsSource(store),
      current: epoch,
      previous: async () => {
        const link = epoch.manifest.previous;
        const signed = link ? await readLinkedManifest(store, link) : null;
        return signed ? { manifest: signed.manifest, manifestSha256: link!.manifestSha256 } : null;
      },
    });
    if (!chain) return null;
    const at = this.#options.now();
    const snapshot = { chain, status: chainStatus(chain), set: AdditionSet.of(chainEntries(chain), at) };
    this.#snapshot = snapshot;
    this.#readAt = at;
    return snapshot;
  }

  #announce(epoch: VerifiedEpoch): void {
    if (!this.#options.onEpoch || this.#announced === epoch.manifestSha256) return;
    this.#announced = epoch.manifestSha256;
    this.#options.onEpoch(epoch).catch((error: unknown) => {
      this.#announced = null;
      this.#options.log?.(
        JSON.stringify({ type: 'error', code: 'ADDITIONS_SYNC', detail: String((error as Error)?.message) }),
      );
    });
  }
}
