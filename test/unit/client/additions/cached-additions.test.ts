/**
 * The client's reading of a live list's additions (docs/CLIENT.md, "Live lists"): batches read forward
 * from a store through the same source `pull` uses, verified under the additions key the manifest
 * announces, cached beside the pointer and verified again when `check` or `scrub` open them, expired
 * entries dropped. Every way the batches or the cache can be wrong is an error with a clear message,
 * never a missing addition (which would answer an objection "not listed").
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ADDITIONS_FILE, refreshAdditions } from '../../../../src/client/additions/cached-additions.ts';
import { openHeldAdditions } from '../../../../src/client/additions/held-additions.ts';
import { CacheLayout } from '../../../../src/client/cache/cache-layout.ts';
import type { CachedEpoch } from '../../../../src/client/cache/cached-epoch.ts';
import { StoreEpochSource } from '../../../../src/client/sources/store-source.ts';
import {
  type AdditionEntry,
  additionsBatchKey,
  additionsSha256,
  encodeSignedAdditions,
  MAX_BATCH_BYTES,
  signAdditions,
} from '../../../../src/core/additions/additions-batch.ts';
import type { VerifiedEpoch } from '../../../../src/core/additions/additions-chain.ts';
import { toBase64 } from '../../../../src/core/encoding/base64.ts';
import type { Manifest } from '../../../../src/core/epoch/manifest.ts';
import { generateSigningKeyPair } from '../../../../src/core/epoch/signing.ts';
import { MemoryStore } from '../../../worker/helpers/memory-store.ts';

const additionsKey = generateSigningKeyPair();
const EPOCH = '20261201T020000Z-aaaaaa';
const current: VerifiedEpoch = {
  manifest: {
    epoch: EPOCH,
    list: 'acme',
    previous: null,
    additions: { publicKey: toBase64(additionsKey.publicKey), sequence: 0 },
  } as unknown as Manifest,
  manifestSha256: 'a'.repeat(64),
};
const NOON = Date.UTC(2026, 11, 1, 12, 0, 0);
const digest = (n: number) => n.toString(16).padStart(24, '0');
const entry = (sequence: number, expiresAt?: string): AdditionEntry => ({
  sequence,
  digests: [digest(sequence)],
  ...(expiresAt ? { expiresAt } : {}),
});

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function cacheDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'quietlist-additions-'));
  dirs.push(dir);
  return dir;
}

/** Batches as the sequencer writes them (signed, chained, create-only), in a store. */
class Chain {
  readonly store = new MemoryStore();
  #previous: string | null = null;

  publish(first: number, last: number, entries: AdditionEntry[], key = additionsKey): void {
    const signed = signAdditions(
      {
        format: 'quietlist-additions',
        version: 1,
        list: 'acme',
        epoch: EPOCH,
        manifestSha256: current.manifestSha256,
        first,
        last,
        previousSha256: this.#previous,
        publishedAt: new Date(NOON + first * 1000).toISOString(),
        entries,
      },
      key,
    );
    this.#previous = additionsSha256(signed.additions);
    this.store.objects.set(additionsBatchKey(EPOCH, first), {
      body: encodeSignedAdditions(signed),
      etag: `"${first}"`,
    });
  }

  bytes(first: number): Uint8Array {
    return this.store.objects.get(additionsBatchKey(EPOCH, first))!.body;
  }

  replace(first: number, body: Uint8Array): void {
    this.store.objects.set(additionsBatchKey(EPOCH, first), { body, etag: '"x"' });
  }
}

const at = (ms: number) => () => new Date(ms);
const cachedEpoch = (dir: string) =>
  ({ layout: new CacheLayout(dir), ...current }) as unknown as CachedEpoch & VerifiedEpoch;
const bytesOf = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'));

describe("a live list's additions on the client", () => {
  it('reads them forward, caches them, picks up where it stopped, and drops the expired ones', async () => {
    const chain = new Chain();
    const source = new StoreEpochSource(chain.store);
    const dir = cacheDir();
    chain.publish(1, 2, [entry(1), entry(2, new Date(NOON + 3_600_000).toISOString())]);
    const first = await refreshAdditions(dir, current, source, null, at(NOON));
    expect(first.chain.batches).toHaveLength(1);
    chain.publish(3, 3, [entry(3)]);
    const gets = chain.store.gets;
    const second = await refreshAdditions(dir, current, source, first, at(NOON + 60_000));
    expect(second.chain.batches.map((batch) => batch.additions.first)).toEqual([1, 3]);
    // From where it stopped: batch 3, then the miss that ends the chain; batch 1 is not read again.
    expect(chain.store.gets - gets).toBe(2);

    const before = await openHeldAdditions(cachedEpoch(dir), new Date(NOON + 120_000));
    expect(before.status).toMatchObject({ list: 'acme', through: 3, entries: 3 });
    expect(before.status!.fetchedAt).toBe(new Date(NOON + 60_000).toISOString());
    expect([1, 2, 3].map((n) => before.set.has(bytesOf(digest(n))))).toEqual([true, true, true]);
    expect(before.warnings).toEqual([]);
    // An hour on: entry 2 expired (a refusal's time is over), and the cached additions are old.
    const later = await openHeldAdditions(cachedEpoch(dir), new Date(NOON + 3_600_000));
    expect([1, 2, 3].map((n) => later.set.has(bytesOf(digest(n))))).toEqual([true, false, true]);
    expect(later.warnings.join('\n')).toMatch(/fetched 59 min ago: run `quietlist pull`/);
  });

  it('refuses a tampered batch, a foreign key, a reordering, a broken link, an oversized batch', async () => {
    const cases: [string, (chain: Chain) => void, RegExp][] = [
      [
        'a tampered batch',
        (c) => {
          c.publish(1, 1, [entry(1)]);
          c.replace(
            1,
            new TextEncoder().encode(new TextDecoder().decode(c.bytes(1)).replace(digest(1), digest(7))),
          );
        },
        /signature does not verify/,
      ],
      [
        'a foreign key',
        (c) => c.publish(1, 1, [entry(1)], generateSigningKeyPair()),
        /not the additions key/,
      ],
      [
        'two batches swapped',
        (c) => {
          c.publish(1, 1, [entry(1)]);
          c.publish(2, 2, [entry(2)]);
          const one = c.bytes(1);
          c.replace(1, c.bytes(2));
          c.replace(2, one);
        },
        /starts at 2/,
      ],
      [
        'a broken link',
        (c) => {
          c.publish(1, 1, [entry(1)]);
          const other = new Chain();
          other.publish(1, 1, [entry(1, '2027-01-01T00:00:00.000Z')]);
          other.publish(2, 2, [entry(2)]); // chained to another batch 1
          c.replace(2, other.bytes(2));
        },
        /does not name the batch before it/,
      ],
      [
        'an oversized batch',
        (c) => c.replace(1, new Uint8Array(MAX_BATCH_BYTES + 1).fill(0x20)),
        /larger than 2097152 bytes/,
      ],
    ];
    for (const [what, write, message] of cases) {
      const chain = new Chain();
      write(chain);
      const dir = cacheDir();
      await expect(
        refreshAdditions(dir, current, new StoreEpochSource(chain.store), null, at(NOON)),
        what,
      ).rejects.toThrow(message);
      // Nothing cached: check and scrub refuse rather than answer from the filter alone.
      await expect(openHeldAdditions(cachedEpoch(dir), new Date(NOON)), what).rejects.toMatchObject({
        code: 'ADDITIONS_STALE',
      });
    }
  });

  it('bounds the number of batches one reading takes', async () => {
    const chain = new Chain();
    for (let n = 1; n <= 4; n++) chain.publish(n, n, [entry(n)]);
    await expect(
      refreshAdditions(cacheDir(), current, new StoreEpochSource(chain.store), null, at(NOON), 3),
    ).rejects.toMatchObject({
      code: 'DATA_REJECTED',
      message: expect.stringMatching(/more than 3 additions batches/),
    });
  });

  it('opens the cache by hashes and the newest signature: an edited middle batch is refused, its signature alone is not read', async () => {
    const chain = new Chain();
    for (let n = 1; n <= 3; n++) chain.publish(n, n, [entry(n)]);
    const dir = cacheDir();
    await refreshAdditions(dir, current, new StoreEpochSource(chain.store), null, at(NOON));
    const path = join(dir, ADDITIONS_FILE);
    const text = readFileSync(path, 'utf8');
    const cached = JSON.parse(text) as { batches: { signature: { value: string } }[] };
    // The middle batch's entry edited: its hash no longer matches what batch 3 names.
    writeFileSync(path, text.replace(`"${digest(2)}"`, `"${digest(9)}"`));
    await expect(openHeldAdditions(cachedEpoch(dir), new Date(NOON))).rejects.toMatchObject({
      code: 'MANIFEST_INVALID',
      message: expect.stringMatching(/additions batch 3 of epoch .* does not name the batch before it/),
    });
    // Only the middle batch's signature damaged, its content intact: batch 3's signature covers that
    // content through the hash links, and the cache opens without verifying batch 2's signature (pull did).
    const signature = cached.batches[1]!.signature.value;
    const damaged = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    writeFileSync(path, text.replace(signature, damaged));
    const opened = await openHeldAdditions(cachedEpoch(dir), new Date(NOON));
    expect([1, 2, 3].map((n) => opened.set.has(bytesOf(digest(n))))).toEqual([true, true, true]);
    // The same batch from a source (what pull reads) has its own signature verified.
    chain.replace(
      2,
      new TextEncoder().encode(new TextDecoder().decode(chain.bytes(2)).replace(signature, damaged)),
    );
    await expect(
      refreshAdditions(cacheDir(), current, new StoreEpochSource(chain.store), null, at(NOON)),
    ).rejects.toMatchObject({ code: 'SIGNATURE_INVALID' });
    // The newest batch edited: its own signature is verified.
    writeFileSync(path, text.replace(`"${digest(3)}"`, `"${digest(9)}"`));
    await expect(openHeldAdditions(cachedEpoch(dir), new Date(NOON))).rejects.toMatchObject({
      code: 'SIGNATURE_INVALID',
    });
  });

  it('verifies the cache again when opened: a damaged or edited file is an error, not a missing addition', async () => {
    const chain = new Chain();
    chain.publish(1, 1, [entry(1)]);
    const dir = cacheDir();
    await refreshAdditions(dir, current, new StoreEpochSource(chain.store), null, at(NOON));
    const path = join(dir, ADDITIONS_FILE);
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace(digest(1), digest(5)));
    await expect(openHeldAdditions(cachedEpoch(dir), new Date(NOON))).rejects.toMatchObject({
      code: 'SIGNATURE_INVALID',
    });
    writeFileSync(path, text.slice(0, 40));
    await expect(openHeldAdditions(cachedEpoch(dir), new Date(NOON))).rejects.toThrow(
      /is not a valid additions cache/,
    );
  });
});
