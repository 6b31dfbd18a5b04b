/**
 * The build's private temporary directories (the digest spill, the finished shards: about 4 GB at
 * 250M numbers). The code that makes one removes it in a `finally`; but a build stopped by a signal
 * (Ctrl-C, a cron or systemd timeout) runs no `finally`, and a nightly job killed each night would fill
 * the disk. Each directory is registered here while it exists, so the CLI can remove what is left when
 * a signal stops it (cli/stop-on-signal.ts). Only the directories this process created are touched.
 */
import { mkdtempSync, rmSync } from 'node:fs';
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
