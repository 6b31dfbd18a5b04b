/**
 * A per-file exclusive lock between processes: a lock file created with O_EXCL next to the object.
 * Holders keep it for milliseconds (check an ETag, rename a file), so a lock older than `staleMs` is
 * taken to be left behind by a crashed process and is broken.
 */
import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { StorageError } from '../core/errors.ts';

export interface LockTiming {
  /** A lock file older than this is considered abandoned. */
  staleMs: number;
  /** Give up waiting for the lock after this long. */
  timeoutMs: number;
  /**
   * Whether the holder named in a lock file (`<pid> <host>`, lockOwner()) is known to be gone, so its
   * lock is broken at once instead of after `staleMs` (e.g. a process killed with SIGKILL).
   */
  abandoned?: (owner: { pid: number; host: string }) => boolean;
}

/** What a lock file holds: the holder's process id and host name. */
export function lockOwner(): string {
  return `${process.pid} ${hostname()}\n`;
}

function parseOwner(text: string): { pid: number; host: string } | null {
  const match = /^([0-9]+) (\S+)\n$/.exec(text);
  return match ? { pid: Number(match[1]), host: match[2]! } : null;
}

export interface HeldLock {
  release(): Promise<void>;
}

function errnoCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/**
 * Breaks a stale lock. The rename moves exactly one directory entry, so of several processes that saw
 * the same stale file only one moves it; the inode check catches a process that moved a fresh lock
 * created in between, which then puts it back (link fails if yet another lock appeared: the one
 * remaining window, which needs a crashed holder and three racing writers within microseconds).
 */
async function breakStaleLock(lockPath: string, staleIno: number): Promise<void> {
  const aside = `${lockPath.slice(0, -'.ql-lock'.length)}.ql-stale-${randomBytes(6).toString('hex')}`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return;
    throw error;
  }
  const moved = await stat(aside);
  if (moved.ino !== staleIno) {
    await link(aside, lockPath).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
}

/** Creates `lockPath` exclusively, waiting for (or breaking) another holder's lock. */
export async function acquireFileLock(lockPath: string, timing: LockTiming): Promise<HeldLock> {
  const deadline = Date.now() + timing.timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      const { ino } = await handle.stat();
      await handle.writeFile(lockOwner());
      await handle.close();
      return {
        async release() {
          // Only remove our own lock file: if ours was broken as stale, another holder owns the path.
          const current = await stat(lockPath).catch(() => null);
          if (current?.ino === ino) await unlink(lockPath).catch(() => undefined);
        },
      };
    } catch (error) {
      if (errnoCode(error) !== 'EEXIST') throw error;
    }
    const existing = await stat(lockPath).catch(() => null);
    const owner = timing.abandoned ? parseOwner(await readFile(lockPath, 'utf8').catch(() => '')) : null;
    if (
      existing &&
      (Date.now() - existing.mtimeMs > timing.staleMs || (owner && timing.abandoned?.(owner)))
    ) {
      await breakStaleLock(lockPath, existing.ino);
      continue;
    }
    if (Date.now() > deadline) {
      throw new StorageError(
        'STORAGE_UNAVAILABLE',
        `timed out after ${timing.timeoutMs} ms waiting for lock ${lockPath}`,
      );
    }
    // Jittered backoff so racing writers do not retry in lockstep.
    await sleep(Math.min(2 + attempt * 2, 25) * (0.5 + Math.random()));
  }
}
