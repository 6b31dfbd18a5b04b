import { mkdtempSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiskStash, memoryStash } from '../../../src/builder/shard-stash.ts';
import { StorageError } from '../../../src/core/errors.ts';

const bytes = (length: number, seed: number) => Uint8Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff);

describe('the disk stash', () => {
  it('gives back each kept file byte for byte, from a private directory it removes on dispose', () => {
    const temp = mkdtempSync(join(tmpdir(), 'quietlist-stash-test-'));
    const stash = new DiskStash(temp);
    expect(readdirSync(temp)).toEqual([]); // nothing until the first file
    const files = [bytes(100_000, 1), bytes(0, 2), bytes(7, 3)];
    const kept = files.map((file) => stash.keep(file));
    expect(kept.map((file) => file.bytes)).toEqual([100_000, 0, 7]);
    for (const [i, file] of kept.entries()) expect(Buffer.from(file.read()).equals(files[i]!)).toBe(true);
    // Plain bytes of their own, as filled (a pooled Buffer's slice() would not copy: a tampering test
    // once mutated the published shard through it).
    for (const file of kept) {
      const back = file.read();
      expect(Object.getPrototypeOf(back)).toBe(Uint8Array.prototype);
      expect([back.byteOffset, back.buffer.byteLength]).toEqual([0, back.length]);
    }
    const [directory] = readdirSync(temp);
    expect(directory).toMatch(/^quietlist-shards-/);
    // The filter is the register's secret-keyed data: readable by the builder's user only.
    for (const name of readdirSync(join(temp, directory!)))
      expect(statSync(join(temp, directory!, name)).mode & 0o077).toBe(0);
    stash.dispose();
    expect(readdirSync(temp)).toEqual([]);
    stash.dispose(); // twice is harmless
  });

  it('refuses a file that changed size on disk, rather than publish it shortened', () => {
    const temp = mkdtempSync(join(tmpdir(), 'quietlist-stash-test-'));
    const stash = new DiskStash(temp);
    const kept = stash.keep(bytes(4096, 9));
    const directory = join(temp, readdirSync(temp)[0]!);
    truncateSync(join(directory, readdirSync(directory)[0]!), 100);
    expect(() => kept.read()).toThrow(StorageError);
    expect(() => kept.read()).toThrow(/changed size before it was published: nothing published/);
    stash.dispose();
  });

  it('says in one line, as a storage failure, when the temporary directory is unusable', () => {
    const notADirectory = join(mkdtempSync(join(tmpdir(), 'quietlist-stash-test-')), 'file');
    writeFileSync(notADirectory, '');
    const stash = new DiskStash(notADirectory);
    let error: unknown;
    try {
      stash.keep(bytes(10, 0));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toMatch(
      /cannot create the directory for finished shards in .*file \(ENOTDIR\): nothing published; free space there or pass --temp-dir/,
    );
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('the memory stash', () => {
  it('keeps the file itself', () => {
    const file = bytes(10, 5);
    const kept = memoryStash.keep(file);
    expect(kept.bytes).toBe(10);
    expect(kept.read()).toBe(file);
  });
});
