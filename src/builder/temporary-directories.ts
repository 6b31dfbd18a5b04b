/**
 * The build's private temporary directories (the digest spill, the finished shards: about 4 GB at
 * 250M numbers). The code that makes one removes it in a `finally`; but a build stopped by a signal
 * (Ctrl-C, a cron or systemd timeout) runs no `finally`, and a nightly job killed each night would fill
 * the disk. Each directory is registered here while it exists, so the CLI can remove what is left when
 * a signal stops it (cli/stop-on-signal.ts). A build killed outright (SIGKILL, out of memory, power
 * loss) cleans nothing: the next build removes what such builds left, once it is old enough that no
 * build can still be writing it (removeAbandonedDirectories).
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const live = new Set<string>();

/** A new private directory `prefix…` in `parent` (mkdtemp: mode 0700), registered until removed. */
export function createTemporaryDirectory(parent: string, prefix: string): string {
  const directory = mkdtempSync(join(parent, prefix));
  live.add(directory);
  return directory;
}

export function removeTemporaryDirectory(directory: string): void {
  rmSync(directory, { recursive: true, force: true });
  live.delete(directory);
}

/** Removes every directory still registered (a signal stops the build); returns how many. */
export function removeEveryTemporaryDirectory(): number {
  let removed = 0;
  for (const directory of [...live]) {
    try {
      removeTemporaryDirectory(directory);
      removed++;
    } catch {
      // Best effort on the way out: the next directory still goes.
    }
  }
  return removed;
}

/** The prefixes of the build's directories (spill-file.ts, shard-stash.ts). */
const BUILD_DIRECTORY = /^quietlist-(build|shards)-[A-Za-z0-9]{6}$/;
/** Older than this (no file in it written since), a build's directory is abandoned: as the store's debris. */
export const ABANDONED_AFTER_MS = 48 * 3600 * 1000;

/**
 * Removes the build directories in `parent` that no build has written for ABANDONED_AFTER_MS (a build
 * writes its spill and shards as it goes, and none runs for two days): what builds killed outright
 * left. Others' directories this user cannot remove are skipped. Returns what went, for the report.
 */
export function removeAbandonedDirectories(
  parent: string,
  now = Date.now(),
): { directories: number; bytes: number } {
  const removed = { directories: 0, bytes: 0 };
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return removed; // the build itself says when the directory is unusable
  }
  for (const name of names) {
    if (!BUILD_DIRECTORY.test(name)) continue;
    const directory = join(parent, name);
    try {
      const { newest, bytes } = lastWrite(directory);
      if (now - newest < ABANDONED_AFTER_MS || live.has(directory)) continue;
      rmSync(directory, { recursive: true, force: true });
      removed.directories++;
      removed.bytes += bytes;
    } catch {
      // Another user's, or gone meanwhile: not this build's to mend.
    }
  }
  return removed;
}

/** When anything in a build directory was last written, and its size. */
function lastWrite(directory: string): { newest: number; bytes: number } {
  let newest = statSync(directory).mtimeMs;
  let bytes = 0;
  for (const name of readdirSync(directory)) {
    const stat = statSync(join(directory, name));
    newest = Math.max(newest, stat.mtimeMs);
    bytes += stat.size;
  }
  return { newest, bytes };
}
