/**
 * One contract for every ObjectStore: the same suite runs against FileStore (a temporary directory)
 * and S3Store (the local R2 of wrangler, started once by test/helpers/global-setup-r2.ts).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PreconditionFailedError, QuietlistError, StorageError } from '../../../src/core/errors.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import type { ObjectStore } from '../../../src/storage/object-store.ts';
import { S3Store } from '../../../src/storage/s3-store.ts';

interface Target {
  /** A fresh, empty store; `pageSize` asks for small list pages where the store supports it. */
  open(options?: { pageSize?: number }): ObjectStore;
}

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (body: Uint8Array | undefined) => new TextDecoder().decode(body);

function contract(name: string, makeTarget: () => Promise<{ target: Target; cleanup(): Promise<void> }>) {
  describe(`ObjectStore contract: ${name}`, () => {
    let target: Target;
    let cleanup: () => Promise<void>;
    let store: ObjectStore;

    beforeAll(async () => {
      ({ target, cleanup } = await makeTarget());
      store = target.open();
    });
    afterAll(async () => cleanup());

    it('round-trips binary data, including a 5 MB body, with matching ETags', async () => {
      const small = Uint8Array.from({ length: 256 }, (_, i) => i);
      const large = new Uint8Array(randomBytes(5 * 1024 * 1024));
      const smallEtag = await store.put('round-trip/small.bin', small, {
        contentType: 'application/octet-stream',
      });
      const largeEtag = await store.put('round-trip/large.bin', large, {
        cacheControl: 'public, max-age=60',
      });
      const gotSmall = await store.get('round-trip/small.bin');
      const gotLarge = await store.get('round-trip/large.bin');
      expect(gotSmall?.body).toEqual(small);
      expect(gotSmall?.etag).toBe(smallEtag);
      expect(gotLarge?.body.byteLength).toBe(large.byteLength);
      expect(Buffer.compare(Buffer.from(gotLarge!.body), Buffer.from(large))).toBe(0);
      expect(gotLarge?.etag).toBe(largeEtag);
      expect(smallEtag).not.toBe(largeEtag);
    });

    it('returns null for a missing key, also under a missing "directory"', async () => {
      expect(await store.get('missing/never-written.json')).toBeNull();
      expect(await store.get('no-such-dir/deeper/x')).toBeNull();
    });

    it('overwrites unconditionally and changes the ETag', async () => {
      const first = await store.put('overwrite.json', bytes('one'));
      const second = await store.put('overwrite.json', bytes('two'));
      expect(second).not.toBe(first);
      expect(text((await store.get('overwrite.json'))?.body)).toBe('two');
    });

    it("ifNoneMatch '*' creates once, then fails with PreconditionFailedError", async () => {
      await store.put('create-once.json', bytes('first'), { ifNoneMatch: '*' });
      const second = store.put('create-once.json', bytes('second'), { ifNoneMatch: '*' });
      await expect(second).rejects.toBeInstanceOf(PreconditionFailedError);
      await expect(second).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
      expect(text((await store.get('create-once.json'))?.body)).toBe('first');
    });

    it('ifMatch succeeds with the current ETag and fails with a stale one or a missing object', async () => {
      const v1 = await store.put('latest.json', bytes('v1'));
      const v2 = await store.put('latest.json', bytes('v2'), { ifMatch: v1 });
      expect(v2).not.toBe(v1);
      await expect(store.put('latest.json', bytes('v3'), { ifMatch: v1 })).rejects.toBeInstanceOf(
        PreconditionFailedError,
      );
      expect((await store.get('latest.json'))?.etag).toBe(v2);
      expect(text((await store.get('latest.json'))?.body)).toBe('v2');
      await expect(store.put('no-latest.json', bytes('x'), { ifMatch: v1 })).rejects.toBeInstanceOf(
        PreconditionFailedError,
      );
      expect(await store.get('no-latest.json')).toBeNull();
    });

    it('lists keys under a prefix, recursively and in lexicographic order', async () => {
      const keys = ['l/epochs/2/b', 'l/epochs/10/a', 'l/epochs/2/a.json', 'l/latest.json', 'l/epochsX'];
      for (const key of keys.reverse()) await store.put(key, bytes(key));
      expect(await store.list('l/epochs/')).toEqual(['l/epochs/10/a', 'l/epochs/2/a.json', 'l/epochs/2/b']);
      expect(await store.list('l/epochs')).toEqual([
        'l/epochs/10/a',
        'l/epochs/2/a.json',
        'l/epochs/2/b',
        'l/epochsX',
      ]);
      expect(await store.list('l/epochs/1')).toEqual(['l/epochs/10/a']);
      expect(await store.list('l/nothing/')).toEqual([]);
      expect((await store.list('')).filter((key) => key.startsWith('l/'))).toHaveLength(5);
    });

    it('paginates lists and deletes more than 1000 keys', async () => {
      const keys = Array.from({ length: 1003 }, (_, i) => `many/${String(i).padStart(4, '0')}`);
      const queue = [...keys];
      await Promise.all(
        Array.from({ length: 32 }, async () => {
          for (let key = queue.shift(); key !== undefined; key = queue.shift())
            await store.put(key, bytes(key));
        }),
      );
      expect(await store.list('many/')).toEqual(keys);
      // Small pages, to exercise continuation tokens with few requests.
      const small = target.open({ pageSize: 9 });
      expect(await small.list('many/00')).toEqual(keys.slice(0, 100));
      await store.delete(keys);
      expect(await store.list('many/')).toEqual([]);
    });

    it('deletes keys; deleting a missing key is not an error', async () => {
      await store.put('del/a', bytes('a'));
      await store.put('del/sub/b', bytes('b'));
      await store.put('del/keep', bytes('k'));
      await store.delete(['del/a', 'del/sub/b', 'del/never-existed']);
      expect(await store.get('del/a')).toBeNull();
      expect(await store.get('del/sub/b')).toBeNull();
      expect(await store.list('del/')).toEqual(['del/keep']);
      await store.delete([]);
    });

    it.each([
      '',
      '/absolute',
      'a/../b',
      '..',
      './a',
      'a//b',
      'a/',
      'a\\b',
      'nul\u0000byte',
      'x.ql-lock',
      'x'.repeat(1025),
    ])('rejects the invalid key %j with INVALID_ARGUMENT', async (key) => {
      const expectInvalid = (promise: Promise<unknown>) =>
        expect(promise).rejects.toMatchObject({ name: 'QuietlistError', code: 'INVALID_ARGUMENT' });
      await expectInvalid(store.get(key));
      await expectInvalid(store.put(key, bytes('x')));
      await expectInvalid(store.delete(['ok', key]));
    });

    it('rejects invalid list prefixes', async () => {
      for (const prefix of ['/abs', '../x', 'a//', 'a\\b']) {
        await expect(store.list(prefix)).rejects.toBeInstanceOf(QuietlistError);
      }
    });
  });
}

contract('FileStore', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'quietlist-contract-'));
  return {
    target: { open: () => new FileStore(join(dir, 'store')) },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

contract('S3Store on local R2', async () => {
  const r2 = inject('localR2');
  const prefix = `contract-${randomUUID()}`; // files run in parallel against one bucket
  const opened: S3Store[] = [];
  const open = (options: { pageSize?: number } = {}) => {
    const store = new S3Store({ ...r2, prefix, forcePathStyle: true, listPageSize: options.pageSize });
    opened.push(store);
    return store;
  };
  return {
    target: { open },
    cleanup: async () => {
      const store = open();
      await store.delete(await store.list(''));
      for (const s of opened) s.close();
    },
  };
});

describe('S3Store failures', () => {
  it('turns wrong credentials into StorageError without echoing the secret or the key id', async () => {
    const r2 = inject('localR2');
    const secretAccessKey = 'wrong-secret-0123456789abcdef';
    const stores = [
      new S3Store({ ...r2, secretAccessKey, forcePathStyle: true }),
      new S3Store({ ...r2, accessKeyId: 'wrong-key-id-42', secretAccessKey, forcePathStyle: true }),
    ];
    for (const store of stores) {
      const attempts = [
        () => store.get('x'),
        () => store.put('x', bytes('x')),
        () => store.list(''),
        () => store.delete(['x']),
      ];
      for (const attempt of attempts) {
        const error = await attempt().then(
          () => expect.unreachable('the request should have failed'),
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(StorageError);
        expect(error).not.toBeInstanceOf(PreconditionFailedError);
        const { code, message } = error as StorageError;
        expect(code).toBe('STORAGE_UNAVAILABLE');
        expect(message).not.toContain(secretAccessKey);
        expect(message).not.toContain('wrong-key-id-42');
        expect(message).not.toContain(r2.secretAccessKey);
        expect(message).toMatch(/^(get|put|list|delete) x? ?on s3:\/\//);
      }
      store.close();
    }
  });

  it('reports an unreachable endpoint as STORAGE_UNAVAILABLE', async () => {
    const store = new S3Store({ ...r2Unreachable(), maxAttempts: 1 });
    await expect(store.get('latest.json')).rejects.toMatchObject({
      code: 'STORAGE_UNAVAILABLE',
      message: expect.stringContaining('get latest.json on s3://quietlist-test'),
    });
    store.close();
  });
});

function r2Unreachable() {
  const r2 = inject('localR2');
  // Port 1 on loopback: nothing listens there, so the connection is refused at once.
  return { ...r2, endpoint: 'http://127.0.0.1:1/cdn-cgi/local/r2/s3', forcePathStyle: true };
}
