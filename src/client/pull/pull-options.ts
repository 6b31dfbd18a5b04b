/** What `pull` is asked (PullOptions) and what it answers (PullResult): the client library's API (docs/LIBRARY.md). */
import type { AdditionsStatus } from '../../core/additions/additions-chain.ts';
import type { EpochSource } from '../sources/epoch-source.ts';

export interface PullOptions {
  source: EpochSource;
  /** The list's own cache directory (client/additions/list-cache.ts). */
  cacheDirectory: string;
  /** The list the source serves (default `default`): an epoch of another list is refused. */
  list?: string;
  /** The operator's Ed25519 public key, pinned by the caller. */
  publicKey: Uint8Array;
  /** Accept a key other than the one the cache is pinned to (the cached epoch is then replaced). */
  repin?: boolean;
  maxAgeDays?: number;
  /** Shards downloaded at once (default 4). */
  concurrency?: number;
  /**
   * A partitioned epoch (docs/FORMAT.md §1.4): the partitions to pull (default: every one the source
   * lets this caller download: the API key's entitlement, or the whole store).
   */
  partitions?: readonly string[];
  now?: () => Date;
  onProgress?: (progress: { shardsDone: number; shardsTotal: number }) => void;
}

export interface PullResult {
  status: 'installed' | 'unchanged';
  epoch: string;
  createdAt: string;
  manifestSha256: string;
  falsePositiveRate: number;
  /** The epoch the cache held before, if any. */
  previousEpoch: string | undefined;
  /** downloaded: fetched whole; patched: built from the cached shard and deltas. */
  shards: { total: number; downloaded: number; reused: number; patched: number };
  /** A partitioned epoch: the partitions pulled (undefined: every shard of the epoch). */
  partitions?: string[];
  bytesDownloaded: number;
  warnings: string[];
  /** The epoch is signed by a successor of the pinned key, followed along the signed chain: the new pin. */
  keyRotation?: { from: string; to: string; keys: number };
  /** A live list: the additions now cached on top of the installed epoch (docs/CLIENT.md, "Live lists"). */
  additions?: AdditionsStatus;
}
