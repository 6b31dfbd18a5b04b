/** An EpochSource wrapper that counts what is fetched and can fail on purpose (a cut-off download). */

import type { EpochSource } from '../../../../src/client/sources/epoch-source.ts';
import { StorageError } from '../../../../src/core/errors.ts';

export class CountingSource implements EpochSource {
  readonly description: string;
  pointerFetches = 0;
  manifestFetches = 0;
  /** The epochs whose manifest was fetched, in order. */
  readonly manifests: string[] = [];
  readonly files: string[] = [];
  /** Fail the fetch of any file this returns true for. */
  failFile: ((file: string) => boolean) | undefined;
  readonly #inner: EpochSource;

  constructor(inner: EpochSource) {
    this.#inner = inner;
    this.description = inner.description;
  }

  async latestPointer(): Promise<Uint8Array> {
    this.pointerFetches++;
    return this.#inner.latestPointer();
  }

  async manifest(epoch: string): Promise<Uint8Array | null> {
    this.manifestFetches++;
    this.manifests.push(epoch);
    return this.#inner.manifest(epoch);
  }

  retirement(fingerprint: string): Promise<Uint8Array | null> {
    return this.#inner.retirement(fingerprint);
  }

  async epochFile(epoch: string, file: string, signedBytes: number): Promise<Uint8Array> {
    if (this.failFile?.(file)) {
      throw new StorageError('STORAGE_UNAVAILABLE', `get ${file} failed: connection reset (injected)`);
    }
    const bytes = await this.#inner.epochFile(epoch, file, signedBytes);
    this.files.push(file);
    return bytes;
  }
}
