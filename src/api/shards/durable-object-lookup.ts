/**
 * Lookups through shard-resident Durable Objects (worker/shard-object.ts): one object per (manifest
 * SHA-256, shard index; and its list, for a list other than the root one) holds that shard, verified, in its memory (resident-shard.ts). A batch sends
 * each shard's digest heads to its object, all shards in parallel; a single number is one round trip.
 * An epoch is addressed by its manifest's SHA-256, so a request keeps asking its own epoch's objects
 * whatever switches meanwhile, and an old epoch's objects, no longer asked, leave memory by themselves
 * (Cloudflare evicts idle objects). The worker's Cron Trigger asks every shard's object of a new epoch
 * to load (`warm`), so an epoch is warm within a minute of its publication, off the request path.
 */
import { QuietlistError, StorageError } from '../../core/errors.ts';
import { DEFAULT_LIST } from '../../core/lists/list-name.ts';
import type { LoadedEpoch } from '../epochs/epoch-cache.ts';
import { packDigestHeads } from './packed-digests.ts';
import {
  type ResidentAnswer,
  type ResidentRequest,
  residentName,
  type ShardAddress,
} from './resident-shard.ts';
import type { RequestShardLookup, ShardLookup } from './shard-lookup.ts';

/** A stub of a shard's object, as the Workers binding gives it (structural: no runtime types here). */
export interface ResidentShardStub {
  lookup(request: ResidentRequest): Promise<ResidentAnswer>;
}

/** The object named `name` (worker/index.ts: `namespace.get(namespace.idFromName(name))`). */
export type ResidentShardDirectory = (name: string) => ResidentShardStub;

/** Shards one request asks at once: a 1,000-number batch of a 64-shard epoch asks all of them together. */
export const RESIDENT_LOOKUPS_IN_FLIGHT = 64;
/** Warm-up asks each shard once; past this many shards (10^10 numbers) it stays on demand. */
export const WARM_UP_MAX_SHARDS = 1024;
const WARM_UP_IN_FLIGHT = 4;
/** Epochs warmed by this isolate, remembered so each is warmed once (a few: switches are nightly). */
const WARMED_EPOCHS_KEPT = 8;

export class DurableObjectShardLookup implements ShardLookup {
  readonly #directory: ResidentShardDirectory;
  readonly #warmed: string[] = [];

  constructor(directory: ResidentShardDirectory) {
    this.#directory = directory;
  }

  forRequest(epoch: LoadedEpoch): RequestShardLookup {
    let bytesRead = 0;
    return {
      inFlight: RESIDENT_LOOKUPS_IN_FLIGHT,
      get bytesRead() {
        return bytesRead;
      },
      lookup: async (index, digests) => {
        const answer = await this.#ask(addressOf(epoch, index), packDigestHeads(digests));
        bytesRead += answer.bytesRead;
        return Array.from(answer.listed, (listed) => listed === 1);
      },
    };
  }

  /**
   * Asks every shard's object to load and verify its shard, once per epoch in this isolate (the
   * worker's Cron Trigger calls it: worker/index.ts). Failures are left to the requests.
   */
  async warm(epoch: LoadedEpoch): Promise<void> {
    const shards = epoch.manifest.shards.length;
    if (shards > WARM_UP_MAX_SHARDS || this.#warmed.includes(epoch.manifestSha256)) return;
    this.#warmed.push(epoch.manifestSha256);
    if (this.#warmed.length > WARMED_EPOCHS_KEPT) this.#warmed.shift();
    let next = 0;
    const worker = async () => {
      for (let index = next++; index < shards; index = next++) {
        await this.#ask(addressOf(epoch, index), new Uint8Array(0)).catch(() => {});
      }
    };
    await Promise.all(Array.from({ length: Math.min(WARM_UP_IN_FLIGHT, shards) }, worker));
  }

  async #ask(address: ShardAddress, heads: Uint8Array): Promise<{ listed: Uint8Array; bytesRead: number }> {
    const request: ResidentRequest = { ...address, heads };
    let answer: ResidentAnswer;
    try {
      answer = await this.#directory(residentName(address)).lookup(request);
    } catch (error) {
      // Cloudflare marks transient failures (an object reset by a deploy, a lost connection) retryable.
      if (!isRetryable(error)) throw unavailable(address, error);
      try {
        answer = await this.#directory(residentName(address)).lookup(request);
      } catch (again) {
        throw unavailable(address, again);
      }
    }
    if (!answer.ok) throw new QuietlistError(answer.code, answer.message);
    return answer;
  }
}

function addressOf(epoch: LoadedEpoch, index: number): ShardAddress {
  const { list } = epoch.manifest;
  return {
    // The root list's holders keep the names they had before lists existed.
    ...(list && list !== DEFAULT_LIST ? { list } : {}),
    epoch: epoch.manifest.epoch,
    manifestSha256: epoch.manifestSha256,
    index,
  };
}

function isRetryable(error: unknown): boolean {
  const flags = error as { retryable?: boolean; overloaded?: boolean } | null;
  return flags?.retryable === true && flags.overloaded !== true;
}

function unavailable(address: ShardAddress, error: unknown): StorageError {
  const detail = error instanceof Error ? error.message : String(error);
  return new StorageError(
    'STORAGE_UNAVAILABLE',
    `the holder of shard ${address.index} of epoch ${address.epoch} did not answer: ${detail}`,
    { cause: error },
  );
}
