import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageError } from '../../../src/core/errors.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { FaultyStore } from '../../helpers/faulty-store.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'quietlist-faulty-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('FaultyStore', () => {
  it('lets the first n puts through and fails every later one', async () => {
    const inner = new FileStore(dir);
    const store = new FaultyStore(inner, { failPutAfter: 2 });
    await store.put('a', bytes('a'));
    await store.put('b', bytes('b'));
    const third = store.put('c', bytes('c'));
    await expect(third).rejects.toBeInstanceOf(StorageError);
    await expect(third).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE', message: /put c .*injected/ });
    expect(store.putCount).toBe(2);
    expect(await inner.list('')).toEqual(['a', 'b']);
    expect((await store.get('a'))?.body).toEqual(bytes('a'));
  });

  it('fails the operations a predicate selects, as rejected promises', async () => {
    const store = new FaultyStore(new FileStore(dir), {
      failOn: (operation, key) => (operation === 'put' && key === 'latest.json') || operation === 'list',
    });
    await store.put('epochs/1/manifest.json', bytes('{}'));
    await expect(store.put('latest.json', bytes('{}'))).rejects.toBeInstanceOf(StorageError);
    await expect(store.list('')).rejects.toBeInstanceOf(StorageError);
    await store.delete(['epochs/1/manifest.json']);
    expect(await store.get('epochs/1/manifest.json')).toBeNull();
    expect(store.description).toMatch(/^file:\/\//);
  });
});
