/** An EpochSource wrapper that counts what is fetched and can fail on purpose (a cut-off download). */

import type {
  EpochSource,
  KnownManifest,
  LatestManifest,
} from '../../../../src/client/sources/epoch-source.ts';
import { StorageError } from '../../../../src/core/errors.ts';

export class CountingSource implements EpochSource {
  readonly description: string;
  manifestFetches = 0;
  unchangedAnswers = 0;
  readonly files: string[] = [];
  /** Fail the fetch of any file this returns true for. */
  failFile: ((file: string) => boolean) | undefined;
  readonly #inner: EpochSource;

  constructor(inner: EpochSource) {
    this.#inner = inner;
    this.description = inner.description;
  }

  async latestManifest(known?: KnownManifest): Promise<LatestManifest> {
    const latest = await this.#inner.latestManifest(known);
    if (latest.status === 'unchanged') this.unchangedAnswers++;
    else this.manifestFetches++;
    return latest;
  }

  async epochFile(epoch: string, file: string, signedBytes?: number): Promise<Uint8Array> {
    if (this.failFile?.(file)) {
      throw new StorageError('STORAGE_UNAVAILABLE', `get ${file} failed: connection reset (injected)`);
    }
    const bytes = await this.#inner.epochFile(epoch, file, signedBytes);
    this.files.push(file);
    return bytes;
  }
}
