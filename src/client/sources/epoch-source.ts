/**
 * Where a client pulls epochs from, behind one small interface: the worker over HTTPS
 * (http-source.ts) or the object store itself, s3:// or file:// (store-source.ts). Sources only
 * move bytes; every byte is verified by the caller (pull.ts) against the pinned key.
 */
import type { EpochPointer } from '../../core/epoch/pointer.ts';
import type { DownloadOutcome, PartialTarget } from '../http/resumable-download.ts';

/** What the cache holds, so a source can answer "unchanged" without sending the manifest again. */
export interface KnownManifest {
  epoch: string;
  manifestSha256: string;
  /** The ETag this same source gave for it (HTTP), for If-None-Match. */
  etag?: string;
}

export type LatestManifest =
  | { status: 'unchanged' }
  | {
      status: 'fetched';
      /** The `{manifest, signature}` JSON bytes, unverified. */
      bytes: Uint8Array;
      etag?: string;
      /** A store's latest.json, which must agree with the manifest. */
      pointer?: EpochPointer;
    };

export interface EpochSource {
  /** For messages and the cache pointer: never holds credentials. */
  readonly description: string;
  latestManifest(known?: KnownManifest): Promise<LatestManifest>;
  /**
   * One immutable file of an epoch ("shard-00003.qlbf"), unverified, read up to `signedBytes` (its
   * length in the signed manifest: a shard, a delta) or, for `manifest.json`, which has none, up to
   * the largest manifest allowed (http/download-limits.ts). A longer answer is refused as it streams.
   */
  epochFile(epoch: string, file: string, signedBytes?: number): Promise<Uint8Array>;
  /**
   * The same file streamed to disk, resuming a `.part` left by an interrupted attempt or run (HTTP
   * Range). Optional: a source without it (the store) has its shards fetched whole with epochFile.
   */
  downloadFile?(epoch: string, file: string, target: PartialTarget): Promise<DownloadOutcome>;
  close?(): void;
}
