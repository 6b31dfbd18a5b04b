/**
 * A build killed outright cleans nothing; the next build removes the build directories nothing has
 * written for two days, and only those: recent ones (a build under way), other names, and files
 * outside such directories stay.
 */
import { mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ABANDONED_AFTER_MS,
  createTemporaryDirectory,
  removeAbandonedDirectories,
  removeEveryTemporaryDirectory,
} from '../../../src/builder/temporary-directories.ts';

const HOUR = 3600 * 1000;

/** A directory `name` in `parent` holding one file, both last written `ageMs` ago. */
function leftover(parent: string, name: string, ageMs: number, bytes = 100): string {
  const directory = join(parent, name);
  mkdirSync(directory);
  const file = join(directory, 'digests.bin');
  writeFileSync(file, new Uint8Array(bytes));
  const when = new Date(Date.now() - ageMs);
  utimesSync(file, when, when);
  utimesSync(directory, when, when);
  return directory;
}

describe('removeAbandonedDirectories', () => {
  it('removes build directories unwritten for two days, and nothing else', () => {
    const parent = mkdtempSync(join(tmpdir(), 'quietlist-abandoned-test-'));
    leftover(parent, 'quietlist-build-aB3xY9', ABANDONED_AFTER_MS + HOUR, 1000);
    leftover(parent, 'quietlist-shards-Qw8rT2', 5 * 24 * HOUR, 500);
    leftover(parent, 'quietlist-build-recent', HOUR); // not the mkdtemp shape: another tool's
    leftover(parent, 'quietlist-build-Zz9yY8', HOUR); // a build under way
    leftover(parent, 'someone-elses-dir', 30 * 24 * HOUR);
    // A directory whose file was written recently, though the directory itself is old: under way.
    const writing = leftover(parent, 'quietlist-build-Wr1t3s', 3 * 24 * HOUR);
    writeFileSync(join(writing, 'digests.bin'), new Uint8Array(10));

    expect(removeAbandonedDirectories(parent)).toEqual({ directories: 2, bytes: 1500 });
    expect(readdirSync(parent).sort()).toEqual([
      'quietlist-build-Wr1t3s',
      'quietlist-build-Zz9yY8',
      'quietlist-build-recent',
      'someone-elses-dir',
    ]);
    expect(removeAbandonedDirectories(parent)).toEqual({ directories: 0, bytes: 0 });
  });

  it('says nothing of a directory it cannot read, and never removes one this process is writing', () => {
    expect(removeAbandonedDirectories(join(tmpdir(), 'quietlist-no-such-directory'))).toEqual({
      directories: 0,
      bytes: 0,
    });
    const parent = mkdtempSync(join(tmpdir(), 'quietlist-abandoned-test-'));
    const own = createTemporaryDirectory(parent, 'quietlist-build-');
    const old = new Date(Date.now() - 3 * 24 * HOUR);
    utimesSync(own, old, old);
    expect(removeAbandonedDirectories(parent).directories).toBe(0);
    expect(removeEveryTemporaryDirectory()).toBe(1);
    expect(readdirSync(parent)).toEqual([]);
  });
});
