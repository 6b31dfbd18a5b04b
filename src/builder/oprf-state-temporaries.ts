/**
 * The temporary files of the oprf state (oprf-state.ts): `.pairs-<pid>@<host>.tmp`, the spilled pairs
 * of a running build, and `.oprf-state.bin.<pid>@<host>.tmp`, the next table before its rename. A build
 * killed with SIGKILL leaves them behind; the next build removes them. Builds take no lock on the
 * state directory (concurrent builders each write their own files, and the last rename wins), so a file
 * is removed only when its writer cannot be running: it names this host and a process that no longer
 * exists, or it is older than any build runs (48 h, as retention.ts treats the store's debris). A file
 * of another host sharing the directory is left to that age; one whose pid was reused by another
 * process, too. Files of earlier releases, without a host, count as this host's.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Longer than any build runs: a temporary file this old has no writer left, on any host. */
export const STALE_TEMPORARY_AGE_MS = 48 * 3600_000;
/** `.pairs-<pid>[@host].tmp`, `.oprf-state.bin.<pid>[@host].tmp` (files of earlier releases have no host). */
const TEMPORARY_FILE = /^\.(?:pairs-|oprf-state\.bin\.)(\d+)(?:@([A-Za-z0-9_.-]+))?\.tmp$/;

/** This host's name as it appears in temporary file names. */
function hostTag(): string {
  return hostname().replace(/[^A-Za-z0-9_.-]/g, '_') || 'host';
}

export function temporaryName(prefix: string): string {
  return `${prefix}${process.pid}@${hostTag()}.tmp`;
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

/**
 * Removes the temporary files of builds that cannot be running any more (see the header); returns
 * their names. Called by every build before it writes its own.
 */
export function removeStaleTemporaries(directory: string, now: number = Date.now()): string[] {
  const removed: string[] = [];
  const host = hostTag();
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return removed; // no directory yet: nothing left behind
  }
  for (const name of names) {
    const match = TEMPORARY_FILE.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    const ours = match[2] === undefined || match[2] === host;
    if (ours && pid === process.pid) continue;
    const path = join(directory, name);
    let modified: number;
    try {
      modified = statSync(path).mtimeMs;
    } catch {
      continue; // removed meanwhile by its writer
    }
    const orphaned = ours && !processExists(pid);
    if (orphaned || now - modified > STALE_TEMPORARY_AGE_MS) {
      rmSync(path, { force: true });
      removed.push(name);
    }
  }
  return removed;
}
