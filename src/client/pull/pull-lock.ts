/**
 * One pull at a time per cache. The lock file names its holder (pid and host). A lock whose holder
 * ran on this host and is no longer alive (a pull killed with SIGKILL) is taken over at once; any
 * other lock is stale only when nobody has touched it for a minute: its mtime is refreshed while the
 * pull runs, however long a large download takes (a holder on another host sharing the cache
 * directory cannot be probed).
 */
import { utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { QuietlistError, StorageError } from '../../core/errors.ts';
import { acquireFileLock } from '../../storage/file-lock.ts';

const STALE_MS = 60_000;
const HEARTBEAT_MS = 10_000;

/** Whether process `pid` of this host is gone (EPERM: alive, owned by someone else). */
export function isDeadProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export async function withPullLock<T>(lockPath: string, body: () => Promise<T>): Promise<T> {
  let lock: Awaited<ReturnType<typeof acquireFileLock>>;
  const host = hostname();
  try {
    lock = await acquireFileLock(lockPath, {
      staleMs: STALE_MS,
      timeoutMs: 2_000,
      abandoned: (owner) => owner.host === host && owner.pid !== process.pid && isDeadProcess(owner.pid),
    });
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
