/**
 * Where a client pulls epochs from, behind one small interface: the worker over HTTPS
 * (http-source.ts) or the object store itself, s3:// or file:// (store-source.ts). Sources only
 * move bytes; every byte is verified by the caller (pull.ts, core/epoch/trusted-latest.ts) against
 * the pinned key and the cache's trust state.
 */
import type { DownloadOutcome, PartialTarget } from '../http/resumable-download.ts';

export interface EpochSource {
  /** For messages and the cache pointer: never holds credentials. */
  readonly description: string;
  /** The signed latest.json (docs/FORMAT.md §7), unverified, read up to the pointer limit (64 KiB). */
  latestPointer(): Promise<Uint8Array>;
  /**
   * manifest.json of an epoch, unverified, or null when the source does not have it; read up to the
   * largest manifest the format allows (http/download-limits.ts).
   */
  manifest(epoch: string): Promise<Uint8Array | null>;
  /**
   * The key retirement record of a key fingerprint (FORMAT §6.3), or null: the key was not retired.
   * Read up to the retirement record limit (16 KiB).
   */
  retirement(fingerprint: string): Promise<Uint8Array | null>;
  /**
   * One immutable file of an epoch ("shard-00003.qlbf"), unverified, read up to `signedBytes`, its
   * length in the signed manifest (a shard, a delta). A longer answer is refused as it streams.
   */
  epochFile(epoch: string, file: string, signedBytes: number): Promise<Uint8Array>;
  /**
   * The same file streamed to disk, resuming a `.part` left by an interrupted attempt or run (HTTP
   * Range). Optional: a source without it (the store) has its shards fetched whole with epochFile.
   */
  downloadFile?(epoch: string, file: string, target: PartialTarget): Promise<DownloadOutcome>;
  /**
   * A live list's additions batches of `epoch` from the one numbered `first` on (docs/FORMAT.md §14),
   * unverified (core/additions/additions-chain.ts verifies them). Every source of this project has it.
   */
  additionsFrom?(epoch: string, first: number): Promise<{ batches: Uint8Array[]; complete: boolean }>;
  /**
   * The partitions (docs/FORMAT.md §1.4) this source lets the caller download: a list, or null for
   * every one. Optional: a store holds them all. The worker answers for the API key it was given.
   */
  entitlement?(): Promise<string[] | null>;
  close?(): void;
}
