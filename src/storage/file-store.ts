/**
 * ObjectStore over a local directory: the embedded default (`file://DIR`).
 *
 * Readers never see a partial object: a put writes a temporary file in the target directory, fsyncs
 * it and renames it into place. Every mutation of a key holds that key's lock file (file-lock.ts), so
 * conditional writes are race-free between processes; `ifNoneMatch: '*'` additionally commits with
 * link(), which fails atomically if the key exists. ETag: the quoted hex SHA-256 of the content.
 * A key cannot be both an object and a "directory" ("a" and "a/b"): such a put fails.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { link, mkdir, open, readdir, readFile, rename, rmdir, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PreconditionFailedError, QuietlistError, StorageError } from '../core/errors.ts';
import { acquireFileLock, type LockTiming } from './file-lock.ts';
import { assertValidKey, assertValidPrefix, compareKeys, RESERVED_NAME_PATTERN } from './object-key.ts';
import type { ObjectStore, PutOptions, StoredObject } from './object-store.ts';

export interface FileStoreOptions {
  /** A lock file older than this is considered abandoned by a crashed process (default 15 s). */
  lockStaleMs?: number;
  /** Give up waiting for another writer's lock after this long (default 30 s). */
  lockTimeoutMs?: number;
}

function errnoCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

export function contentEtag(body: Uint8Array): string {
  return `"${createHash('sha256').update(body).digest('hex')}"`;
}

function unquote(etag: string): string {
  return etag.replace(/^W\//, '').replace(/^"|"$/g, '');
}

/** fsync a directory so a rename or unlink in it survives a crash (best effort: not every OS allows it). */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => null);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}

export class FileStore implements ObjectStore {
  readonly description: string;
  readonly root: string;
  readonly #lockTiming: LockTiming;

  constructor(directory: string, options: FileStoreOptions = {}) {
    this.root = resolve(directory);
    this.description = pathToFileURL(this.root).href;
    this.#lockTiming = { staleMs: options.lockStaleMs ?? 15_000, timeoutMs: options.lockTimeoutMs ?? 30_000 };
  }

  async get(key: string): Promise<StoredObject | null> {
    const path = this.#pathOf(key);
    let body: Uint8Array;
    try {
      body = new Uint8Array(await readFile(path));
    } catch (error) {
      // ENOTDIR: a parent is a file; EISDIR: the key names a "directory". Neither is an object.
      if (['ENOENT', 'ENOTDIR', 'EISDIR'].includes(errnoCode(error) ?? '')) return null;
      throw this.#failure('get', key, error);
    }
    return { body, etag: contentEtag(body) };
  }

  async size(key: string): Promise<number | null> {
    const path = this.#pathOf(key);
    try {
      const info = await stat(path);
      return info.isFile() ? info.size : null;
    } catch (error) {
      if (['ENOENT', 'ENOTDIR'].includes(errnoCode(error) ?? '')) return null;
      throw this.#failure('get', key, error);
    }
  }

  async put(key: string, body: Uint8Array, options: PutOptions = {}): Promise<string> {
    const path = this.#pathOf(key);
    if (options.ifNoneMatch !== undefined && options.ifMatch !== undefined) {
      throw new QuietlistError('INVALID_ARGUMENT', 'put: ifNoneMatch and ifMatch are mutually exclusive');
    }
    const etag = contentEtag(body);
    let temp: string | undefined;
    try {
      temp = await this.#writeTemp(path, body);
      const lock = await acquireFileLock(`${path}.ql-lock`, this.#lockTiming);
      try {
        if (options.ifNoneMatch === '*') {
          await link(temp, path).catch((error: unknown) => {
            if (errnoCode(error) === 'EEXIST') {
              throw new PreconditionFailedError(`put ${key}: the object already exists`);
            }
            throw error;
          });
        } else {
          if (options.ifMatch !== undefined) await this.#checkEtag(key, path, options.ifMatch);
          await rename(temp, path);
          temp = undefined;
        }
      } finally {
        await lock.release();
      }
      await syncDirectory(dirname(path));
      return etag;
    } catch (error) {
      if (error instanceof QuietlistError) throw error;
      throw this.#failure('put', key, error);
    } finally {
      if (temp !== undefined) await unlink(temp).catch(() => undefined);
    }
  }

  async list(prefix: string): Promise<string[]> {
    assertValidPrefix(prefix);
    // Walk only the deepest directory the prefix fully names ("epochs/2026" starts at "epochs/").
    const start = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const keys: string[] = [];
    try {
      await this.#walk(start, keys);
    } catch (error) {
      throw this.#failure('list', prefix, error);
    }
    return keys.filter((key) => key.startsWith(prefix)).sort(compareKeys);
  }

  async delete(keys: string[]): Promise<void> {
    const paths = keys.map((key) => this.#pathOf(key));
    const touched = new Set<string>();
    for (const [i, path] of paths.entries()) {
      try {
        if (await this.#deleteOne(path)) touched.add(dirname(path));
      } catch (error) {
        throw this.#failure('delete', keys[i]!, error);
      }
    }
    // One fsync and one prune per directory, not per key: retention deletes whole epochs.
    for (const dir of touched) {
      await syncDirectory(dir);
      await this.#pruneEmptyDirectories(dir);
    }
  }

  async sweepDebris(olderThan: Date): Promise<number> {
    let removed = 0;
    const visit = async (dir: string): Promise<void> => {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => [] as Dirent[]);
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await visit(path);
        else if (RESERVED_NAME_PATTERN.test(entry.name)) {
          const info = await stat(path).catch(() => null);
          if (
            info &&
            info.mtimeMs < olderThan.getTime() &&
            (await unlink(path).then(
              () => true,
              () => false,
            ))
          )
            removed++;
        }
      }
    };
    await visit(this.root);
    return removed;
  }

  #pathOf(key: string): string {
    assertValidKey(key);
    return join(this.root, ...key.split('/'));
  }

  async #writeTemp(path: string, body: Uint8Array): Promise<string> {
    const temp = `${path}.ql-tmp-${randomBytes(8).toString('hex')}`;
    // Retry once: a concurrent delete may prune the freshly created, still empty directory.
    for (let attempt = 0; ; attempt++) {
      await mkdir(dirname(path), { recursive: true });
      let handle: Awaited<ReturnType<typeof open>>;
      try {
        handle = await open(temp, 'wx');
      } catch (error) {
        if (errnoCode(error) === 'ENOENT' && attempt < 3) continue;
        throw error;
      }
      try {
        await handle.writeFile(body);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return temp;
    }
  }

  async #checkEtag(key: string, path: string, expected: string): Promise<void> {
    const current = await readFile(path).catch((error: unknown) => {
      if (['ENOENT', 'ENOTDIR', 'EISDIR'].includes(errnoCode(error) ?? '')) return null;
      throw error;
    });
    if (current === null) {
      throw new PreconditionFailedError(`put ${key}: the object does not exist`);
    }
    if (unquote(contentEtag(current)) !== unquote(expected)) {
      throw new PreconditionFailedError(`put ${key}: the object has changed (ETag mismatch)`);
    }
  }

  /** Returns whether the directory may have changed. */
  async #deleteOne(path: string): Promise<boolean> {
    let lock: Awaited<ReturnType<typeof acquireFileLock>>;
    try {
      lock = await acquireFileLock(`${path}.ql-lock`, this.#lockTiming);
    } catch (error) {
      // No directory: nothing to delete (ENOTDIR: a parent is a file, so the key cannot exist either).
      if (errnoCode(error) === 'ENOENT' || errnoCode(error) === 'ENOTDIR') return false;
      throw error;
    }
    try {
      await unlink(path).catch((error: unknown) => {
        // EISDIR: the key names a "directory", which is not an object: nothing to delete.
        if (errnoCode(error) !== 'ENOENT' && errnoCode(error) !== 'EISDIR') throw error;
      });
    } finally {
      await lock.release();
    }
    return true;
  }

  /** Removes now-empty parent directories up to the root, so retention does not leave a tree of them. */
  async #pruneEmptyDirectories(dir: string): Promise<void> {
    let current = dir;
    while (current !== this.root && current.startsWith(this.root + sep)) {
      try {
        await rmdir(current);
      } catch {
        return; // not empty (or already gone): stop
      }
      current = dirname(current);
    }
  }

  async #walk(relative: string, keys: string[]): Promise<void> {
    const dir = relative === '' ? this.root : join(this.root, ...relative.split('/'));
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (errnoCode(error) === 'ENOENT' || errnoCode(error) === 'ENOTDIR') return;
      throw error;
    }
    for (const entry of entries) {
      const key = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        await this.#walk(key, keys);
      } else if (entry.isFile() && !RESERVED_NAME_PATTERN.test(entry.name)) {
        keys.push(key);
      }
    }
  }

  #failure(operation: string, key: string, error: unknown): StorageError {
    const code = errnoCode(error);
    const reason = code ?? (error instanceof Error ? error.message : String(error));
    return new StorageError(
      'STORAGE_UNAVAILABLE',
      `${operation} ${key} on ${this.description} failed: ${reason}`,
      {
        cause: error,
      },
    );
  }
}
