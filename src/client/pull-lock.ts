/**
 * One pull at a time per cache. The lock file's mtime is refreshed while the pull runs, so a lock is
 * stale (left by a crashed pull, and broken) only when nobody has touched it for a while, however
 * long a large download takes.
 */
import { utimes } from 'node:fs/promises';
import { QuietlistError, StorageError } from '../core/errors.ts';
import { acquireFileLock } from '../storage/file-lock.ts';

const STALE_MS = 60_000;
const HEARTBEAT_MS = 10_000;

export async function withPullLock<T>(lockPath: string, body: () => Promise<T>): Promise<T> {
  let lock: Awaited<ReturnType<typeof acquireFileLock>>;
  try {
    lock = await acquireFileLock(lockPath, { staleMs: STALE_MS, timeoutMs: 2_000 });
  } catch (error) {
    if (error instanceof StorageError && /timed out/.test(error.message)) {
      throw new QuietlistError('CONFLICT', `another pull into this cache is running (${lockPath})`);
    }
    throw error;
  }
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(lockPath, now, now).catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  try {
    return await body();
  } finally {
    clearInterval(heartbeat);
    await lock.release();
  }
}
