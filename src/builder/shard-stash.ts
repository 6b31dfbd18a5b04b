/**
 * Where a build keeps its finished files (filled shards, their deltas) between filling them and
 * publishing them. A publishing build (run-build.ts) keeps them on disk, in a private directory of its
 * temporary directory: a US-sized register's filter is about 940 MB, more than the rest of the build
 * together, and held in memory it would set the build's peak (docs/PERFORMANCE.md). Each file is read
 * back, one at a time, when its delta is computed and when it is published; the page cache, not the
 * process, holds them meanwhile. Library callers of buildFilters (tests, benches, vectors) keep them in
 * memory, the default.
 */
import { closeSync, fstatSync, openSync, readSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StorageError } from '../core/errors.ts';
import type { FilledShard } from './fill-shards.ts';
import { spillError } from './spill-file.ts';
import { createTemporaryDirectory, removeTemporaryDirectory } from './temporary-directories.ts';

/** A kept file: its length, and its bytes on demand. */
export interface StashedFile {
  readonly bytes: number;
  read(): Uint8Array;
}

export interface FileStash {
  /** Keeps `file`; the caller drops its own reference, so the memory can go. */
  keep(file: Uint8Array): StashedFile;
  /** Removes whatever was kept on disk (the build published it, or gave up). */
  dispose(): void;
}

/** Files kept as they are, in memory: small builds, tests. */
export const memoryStash: FileStash = {
  keep: (file) => ({ bytes: file.length, read: () => file }),
  dispose: () => {},
};

/** Files kept in a private directory of `tempDirectory`, created at the first file. */
export class DiskStash implements FileStash {
  private readonly tempDirectory: string;
  private directory: string | undefined;
  private kept = 0;

  constructor(tempDirectory = tmpdir()) {
    this.tempDirectory = tempDirectory;
  }

  keep(file: Uint8Array): StashedFile {
    const path = join(this.ownDirectory(), `${this.kept++}.bin`);
    try {
      writeFileSync(path, file, { mode: 0o600 });
    } catch (error) {
      throw spillError(
        error,
        this.tempDirectory,
        'writing a finished shard to the temporary directory failed',
      );
    }
    const bytes = file.length;
    return {
      bytes,
      read: () => {
        let back: Uint8Array;
        try {
          back = readWhole(path);
        } catch (error) {
          throw spillError(error, this.tempDirectory, 'reading a finished shard back failed');
        }
        // Another process emptying the temporary directory must stop the publication, not shorten it.
        if (back.length !== bytes) {
          throw new StorageError(
            'STORAGE_UNAVAILABLE',
            `a finished shard in ${this.tempDirectory} changed size before it was published: nothing published`,
          );
        }
        return back;
      },
    };
  }

  dispose(): void {
    if (this.directory !== undefined) removeTemporaryDirectory(this.directory);
    this.directory = undefined;
  }

  private ownDirectory(): string {
    if (this.directory === undefined) {
      try {
        this.directory = createTemporaryDirectory(this.tempDirectory, 'quietlist-shards-');
      } catch (error) {
        throw spillError(error, this.tempDirectory, 'cannot create the directory for finished shards');
      }
    }
    return this.directory;
  }
}

/** A filled shard as the build keeps it: its manifest fields, and its file from the stash (`read()`). */
export interface BuiltShard extends Omit<FilledShard, 'file'>, StashedFile {
  /** Its partition (null: unpartitioned); `index` counts within it, `path` is relative to the epoch. */
  partition: string | null;
  path: string;
}

/** A filled shard handed to the stash, its file dropped from memory here. */
export function keepShard(
  stash: FileStash,
  { file, ...shard }: FilledShard,
  partition: string | null,
  path: string,
): BuiltShard {
  const { bytes, read } = stash.keep(file);
  return { ...shard, partition, path, bytes, read };
}

/**
 * A file's bytes as a plain Uint8Array of its own: the bytes filled, as the store expects them (a
 * Node Buffer may sit at an offset of a shared pool, and its `slice` does not copy).
 */
function readWhole(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = new Uint8Array(size);
    for (let done = 0; done < size; ) {
      const got = readSync(fd, bytes, done, size - done, done);
      if (got === 0) return bytes.subarray(0, done); // shortened meanwhile: the caller refuses it
      done += got;
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}
