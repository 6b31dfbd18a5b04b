/**
 * FileStore behaviour beyond the shared contract: races between writers (in one process and across
 * processes), lock files, temporary files and directory handling.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PreconditionFailedError, StorageError } from '../../../src/core/errors.ts';
import { contentEtag, FileStore } from '../../../src/storage/file-store.ts';

const run = promisify(execFile);
const WRITER = fileURLToPath(new URL('./fixtures/conditional-writer.ts', import.meta.url));
const bytes = (text: string) => new TextEncoder().encode(text);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'quietlist-file-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every file under `root`, relative, to check that no temporary or lock file is left behind. */
async function allFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
    .sort();
}

describe('FileStore races', () => {
  it('lets exactly one of 20 concurrent ifMatch writers in one process win', async () => {
    const store = new FileStore(dir);
    const base = await store.put('latest.json', bytes('base'));
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => store.put('latest.json', bytes(`writer ${i}`), { ifMatch: base })),
    );
    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    expect(won).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(PreconditionFailedError);
    }
    expect(new TextDecoder().decode((await store.get('latest.json'))?.body)).toBe(`writer ${won[0]}`);
    expect(await allFiles(dir)).toEqual(['latest.json']);
  });

  it.each(['ifMatch', 'ifNoneMatch'])(
    'lets exactly one of 20 writer processes racing with %s win',
    async (mode) => {
      const store = new FileStore(dir);
      const base = mode === 'ifMatch' ? await store.put('latest.json', bytes('base')) : '-';
      const startAt = Date.now() + 1_500; // after every child has started
      const outputs = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          run(process.execPath, [WRITER, dir, 'latest.json', mode, base, String(startAt), String(i)]),
        ),
      );
      const lines = outputs.map((o) => o.stdout.trim());
      expect(lines.filter((l) => l === 'won')).toHaveLength(1);
      expect(lines.filter((l) => l === 'lost')).toHaveLength(19);
      const winner = lines.indexOf('won');
      expect(new TextDecoder().decode((await store.get('latest.json'))?.body)).toBe(`writer ${winner}`);
      expect(await allFiles(dir)).toEqual(['latest.json']);
    },
    30_000,
  );
});

describe('FileStore locks and files', () => {
  it('waits for a live lock and gives up with STORAGE_UNAVAILABLE after the timeout', async () => {
    const store = new FileStore(dir, { lockTimeoutMs: 200 });
    const etag = await store.put('latest.json', bytes('v1'));
    await writeFile(join(dir, 'latest.json.ql-lock'), '12345\n');
    const started = Date.now();
    const attempt = store.put('latest.json', bytes('v2'), { ifMatch: etag });
    await expect(attempt).rejects.toBeInstanceOf(StorageError);
    await expect(attempt).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(new TextDecoder().decode((await store.get('latest.json'))?.body)).toBe('v1');
  });

  it('breaks a stale lock left by a crashed writer', async () => {
    const store = new FileStore(dir, { lockStaleMs: 1_000, lockTimeoutMs: 5_000 });
    const etag = await store.put('latest.json', bytes('v1'));
    const lock = join(dir, 'latest.json.ql-lock');
    await writeFile(lock, '12345\n');
    const old = new Date(Date.now() - 60_000);
    await utimes(lock, old, old);
    await store.put('latest.json', bytes('v2'), { ifMatch: etag });
    expect(new TextDecoder().decode((await store.get('latest.json'))?.body)).toBe('v2');
    expect(await allFiles(dir)).toEqual(['latest.json']);
  });

  it('hides temporary and lock files from list', async () => {
    const store = new FileStore(dir);
    await store.put('epochs/1/manifest.json', bytes('{}'));
    await writeFile(join(dir, 'epochs/1/shard-0.bin.ql-tmp-0123abcd'), 'partial');
    await writeFile(join(dir, 'latest.json.ql-lock'), '1\n');
    expect(await store.list('')).toEqual(['epochs/1/manifest.json']);
  });

  it('uses the quoted SHA-256 of the content as ETag', async () => {
    const store = new FileStore(dir);
    const etag = await store.put('a', bytes('abc'));
    expect(etag).toBe('"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"');
    expect(contentEtag(bytes('abc'))).toBe(etag);
    // An unquoted ETag names the same version.
    await store.put('a', bytes('abcd'), { ifMatch: etag.slice(1, -1) });
  });

  it('handles a missing root: get → null, list → [], put creates it', async () => {
    const store = new FileStore(join(dir, 'not', 'yet'));
    expect(await store.get('latest.json')).toBeNull();
    expect(await store.list('')).toEqual([]);
    await store.delete(['latest.json']);
    await store.put('epochs/1/manifest.json', bytes('{}'));
    expect(await store.list('')).toEqual(['epochs/1/manifest.json']);
  });

  it('prunes directories emptied by delete, and keeps the root', async () => {
    const store = new FileStore(dir);
    await store.put('epochs/1/a', bytes('a'));
    await store.put('epochs/1/b', bytes('b'));
    await store.put('epochs/2/a', bytes('a'));
    await store.delete(['epochs/1/a', 'epochs/1/b']);
    await expect(stat(join(dir, 'epochs/1'))).rejects.toMatchObject({ code: 'ENOENT' });
    await store.delete(['epochs/2/a']);
    await expect(stat(join(dir, 'epochs'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await stat(dir)).isDirectory()).toBe(true);
  });

  it('treats a "directory" key as missing and reports a file/directory clash as StorageError', async () => {
    const store = new FileStore(dir);
    await mkdir(join(dir, 'epochs/1'), { recursive: true });
    expect(await store.get('epochs')).toBeNull();
    await store.put('file', bytes('x'));
    await expect(store.put('file/child', bytes('y'))).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    expect(await store.get('file/child')).toBeNull();
  });

  it('describes itself as a file:// URL', () => {
    expect(new FileStore('/srv/quietlist store').description).toBe('file:///srv/quietlist%20store');
  });
});
