/**
 * Publishing a list's additions (docs/FORMAT.md §14.2): what the log (additions-log.ts) holds and the
 * chain of the list's current epoch lacks goes out as one signed batch, written create-only under the
 * next number. The store is the truth and writes never fork it: a writer whose batch name is already
 * taken (another process, a host with its own log, a log lost and recreated) reads the chain back,
 * keeps what is there, gives its own entries new numbers after it, and writes again.
 *
 * When the list moves to a new epoch, the new chain starts right after the build's fold
 * (`additions.sequence`) and first carries on everything published after it: the previous chain's
 * tail as the store holds it, plus whatever the log has that is still unfolded. So an addition posted
 * while the build ran is never lost, whichever writer saw it.
 */
import {
  type AdditionEntry,
  additionsBatchKey,
  additionsSha256,
  encodeSignedAdditions,
  MAX_BATCH_ENTRIES,
  signAdditions,
} from '../../core/additions/additions-batch.ts';
import {
  advanceAdditionsChain,
  chainEntries,
  type VerifiedEpoch,
} from '../../core/additions/additions-chain.ts';
import { toBase64 } from '../../core/encoding/base64.ts';
import type { SigningKeyPair } from '../../core/epoch/signing.ts';
import { PreconditionFailedError, QuietlistError } from '../../core/errors.ts';
import { manifestList } from '../../core/lists/list-name.ts';
import { storeAdditionsSource } from '../../storage/additions-source.ts';
import { createOnce } from '../../storage/create-once.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { readLinkedManifest } from '../../storage/published-chain.ts';
import type { AdditionsLog, ChainState } from './additions-log.ts';

export interface PublisherDependencies {
  /** The list's view of the store (storage/list-store.ts). */
  storeOf(list: string): ObjectStore;
  /** The server's additions key: the one every live manifest must announce. */
  key: SigningKeyPair;
  /** Runs `body` in one transaction of the log's database. */
  transaction<T>(body: (log: AdditionsLog) => T): T;
  now(): number;
}

/** Attempts when other writers keep taking the next batch name. */
const ATTEMPTS = 8;

export class AdditionsPublisher {
  readonly #deps: PublisherDependencies;
  readonly #locks = new Map<string, Promise<unknown>>();

  constructor(deps: PublisherDependencies) {
    this.#deps = deps;
  }

  /**
   * The chain of `current` (or of a newer epoch the log already moved to), started if needed, with
   * every unpublished entry of the log on it. One publication per list at a time in this process.
   */
  publish(current: VerifiedEpoch): Promise<ChainState> {
    const list = manifestList(current.manifest);
    const run = (this.#locks.get(list) ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => this.#publish(list, current));
    this.#locks.set(list, run);
    return run;
  }

  /**
   * Publishes what waits on the chain the log holds for `list` (after a failed publication: the
   * Durable Object's alarm), its epoch's manifest read back from the store by its hash.
   */
  async publishHeld(list: string): Promise<ChainState | null> {
    const held = this.#deps.transaction((log) => log.chain(list));
    if (!held) return null;
    const signed = await readLinkedManifest(this.#deps.storeOf(list), {
      epoch: held.epoch,
      manifestSha256: held.manifestSha256,
    });
    if (!signed) return null;
    return this.publish({ manifest: signed.manifest, manifestSha256: held.manifestSha256 });
  }

  /** Starts the chain of a newer epoch (carrying what it must), and records entries on it. */
  async record(
    current: VerifiedEpoch,
    entries: readonly { digests: readonly string[]; expiresAt: number | null }[],
  ): Promise<number[]> {
    const list = manifestList(current.manifest);
    await this.#chainFor(list, current);
    return this.#deps.transaction((log) => log.record(list, entries, this.#deps.now()));
  }

  async #publish(list: string, current: VerifiedEpoch): Promise<ChainState> {
    const { chain, epoch } = await this.#chainFor(list, current);
    let state = chain;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const at = this.#deps.now();
      const pending = this.#deps.transaction((log) => {
        const entries = log.pending(list, state.epoch, at);
        for (const entry of entries)
          if (entry.sequence <= state.last) entry.sequence = log.renumber(list, entry.id);
        return entries.sort((a, b) => a.sequence - b.sequence);
      });
      if (pending.length === 0) return state;
      try {
        for (let start = 0; start < pending.length; start += MAX_BATCH_ENTRIES) {
          state = await this.#write(list, state, pending.slice(start, start + MAX_BATCH_ENTRIES));
        }
        return state;
      } catch (error) {
        if (!(error instanceof PreconditionFailedError)) throw error;
        state = await this.#resync(list, epoch);
      }
    }
    throw new QuietlistError(
      'CONFLICT',
      `the additions of list ${list} are being written by other writers too: retry`,
    );
  }

  /** One batch on the chain: signed, written create-only, then recorded in the log. */
  async #write(list: string, state: ChainState, entries: AdditionEntry[]): Promise<ChainState> {
    const publishedAt = new Date(
      Math.max(this.#deps.now(), Date.parse(state.publishedAt ?? '') || 0),
    ).toISOString();
    const first = state.last + 1;
    const last = entries.at(-1)!.sequence;
    const signed = signAdditions(
      {
        format: 'quietlist-additions',
        version: 1,
        list,
        epoch: state.epoch,
        manifestSha256: state.manifestSha256,
        first,
        last,
        previousSha256: state.lastSha256,
        publishedAt,
        entries: entries.map(({ sequence, digests, expiresAt }) => ({
          sequence,
          digests,
          ...(expiresAt === undefined ? {} : { expiresAt }),
        })),
      },
      this.#deps.key,
    );
    await createOnce(
      this.#deps.storeOf(list),
      additionsBatchKey(state.epoch, first),
      encodeSignedAdditions(signed),
      'application/json',
    );
    const sha256 = additionsSha256(signed.additions);
    this.#deps.transaction((log) => {
      log.advanceChain(list, state.epoch, last, sha256, publishedAt);
      log.markPublished(list, state.epoch, signed.additions.entries);
    });
    return {
      ...state,
      last,
      lastSha256: sha256,
      publishedAt,
      nextSequence: Math.max(state.nextSequence, last + 1),
    };
  }

  /** The log's chain, moved to `current` when that epoch is newer (or there is none yet). */
  async #chainFor(
    list: string,
    current: VerifiedEpoch,
  ): Promise<{ chain: ChainState; epoch: VerifiedEpoch }> {
    this.#checkKey(current);
    const held = this.#deps.transaction((log) => log.chain(list));
    if (held && !isNewer(current, held)) {
      if (held.epoch === current.manifest.epoch) return { chain: held, epoch: current };
      // The caller is behind (its pointer cache): the chain stays on the newer epoch the log moved to.
      const newer = await readLinkedManifest(this.#deps.storeOf(list), {
        epoch: held.epoch,
        manifestSha256: held.manifestSha256,
      });
      if (newer)
        return { chain: held, epoch: { manifest: newer.manifest, manifestSha256: held.manifestSha256 } };
    }
    return { chain: await this.#resync(list, current, true), epoch: current };
  }

  /**
   * The chain of `current` as the store has it: the log restarts from it (its own entries found there
   * are marked published, the others wait to be published after it). A chain not started yet carries
   * the previous epoch's tail from the store.
   */
  async #resync(list: string, current: VerifiedEpoch, carry = false): Promise<ChainState> {
    const store = this.#deps.storeOf(list);
    const link = current.manifest.previous;
    const chain = await advanceAdditionsChain(null, {
      source: storeAdditionsSource(store),
      current,
      previous: async () => {
        const signed = link ? await readLinkedManifest(store, link) : null;
        return signed ? { manifest: signed.manifest, manifestSha256: link!.manifestSha256 } : null;
      },
    });
    if (!chain) throw this.#notLive(current);
    const newest = chain.batches.at(-1);
    const at = this.#deps.now();
    return this.#deps.transaction((log) => {
      const state = log.startChain(list, {
        epoch: current.manifest.epoch,
        manifestSha256: current.manifestSha256,
        createdAt: current.manifest.createdAt,
        folded: chain.folded,
        last: newest?.additions.last ?? chain.folded,
        lastSha256: newest?.sha256 ?? null,
        publishedAt: newest?.additions.publishedAt ?? null,
      });
      const onChain = chain.batches.flatMap((batch) => batch.additions.entries);
      log.markPublished(list, state.epoch, onChain);
      if (carry && chain.batches.length === 0) log.adopt(list, chainEntries(chain), at);
      return state;
    });
  }

  #checkKey(current: VerifiedEpoch): void {
    const announced = current.manifest.additions?.publicKey;
    if (announced === undefined) throw this.#notLive(current);
    if (announced !== toBase64(this.#deps.key.publicKey)) {
      throw new QuietlistError(
        'INVALID_CONFIG',
        `epoch ${current.manifest.epoch} of list ${manifestList(current.manifest)} announces another additions key than this server's: its additions cannot be signed here`,
      );
    }
  }

  #notLive(current: VerifiedEpoch): QuietlistError {
    return new QuietlistError(
      'INVALID_CONFIG',
      `list ${manifestList(current.manifest)} takes no live additions (epoch ${current.manifest.epoch} announces no additions key): build it with --live`,
    );
  }
}

/** Whether `current` is a later epoch than the chain's (by its signed creation time, then id). */
function isNewer(current: VerifiedEpoch, chain: ChainState): boolean {
  const a = Date.parse(current.manifest.createdAt);
  const b = Date.parse(chain.createdAt);
  return a > b || (a === b && current.manifest.epoch > chain.epoch);
}
