/**
 * The one shard verifier (src/core/filter/shard-verifier.ts): size and SHA-256 against the signed manifest,
 * then every header field a reader MUST check (docs/FORMAT.md §4, §9 step 6): index, p, m, k, n, ε.
 */
import { describe, expect, it } from 'vitest';
import { fromHex, sha256Hex } from '../../../../src/core/encoding/bytes.ts';
import type { Manifest } from '../../../../src/core/epoch/manifest.ts';
import { verifyShard } from '../../../../src/core/filter/shard-verifier.ts';
import filters from '../../../vectors/filters.json' with { type: 'json' };
import vector from '../../../vectors/manifest.json' with { type: 'json' };

const manifest = vector.manifest as Manifest;
const source = filters.cases.find((item) => item.name === vector.filterCase)!;
const bytes = fromHex(source.shards[1]!.fileHex);

const withEntry = (change: Partial<Manifest['shards'][number]>, index = 1): Manifest => ({
  ...manifest,
  shards: manifest.shards.map((entry, i) => (i === index ? { ...entry, ...change } : entry)),
});

describe('verifyShard', () => {
  it('accepts a shard whose bytes and header are its manifest entry', async () => {
    const filter = await verifyShard(manifest, 1, bytes, sha256Hex);
    expect(filter.bitCount).toBe(manifest.shards[1]!.bitCount);
  });

  it('refuses other bytes, then names every header field that differs from the manifest', async () => {
    await expect(verifyShard(manifest, 1, bytes.slice(0, -1), sha256Hex)).rejects.toMatchObject({
      code: 'CHECKSUM_MISMATCH',
    });
    const entry = manifest.shards[1]!;
    // The same file announced as shard 2: its header index disagrees.
    const moved = withEntry({ ...entry, index: 2, path: manifest.shards[2]!.path }, 2);
    await expect(verifyShard(moved, 2, bytes, sha256Hex)).rejects.toThrow(/shard index/);
    const cases: [Manifest, RegExp][] = [
      [{ ...manifest, filter: { ...manifest.filter, shardPrefixBits: 3 } }, /prefix bits/],
      [withEntry({ bitCount: entry.bitCount + 64 }), /bit count/],
      [withEntry({ hashCount: entry.hashCount + 1 }), /hash count/],
      [withEntry({ entries: entry.entries + 1 }), /entries/],
      [{ ...manifest, filter: { ...manifest.filter, falsePositiveRate: 1e-4 } }, /false-positive rate/],
    ];
    for (const [changed, field] of cases) {
      await expect(verifyShard(changed, 1, bytes, sha256Hex)).rejects.toMatchObject({
        code: 'FORMAT_INVALID',
        message: expect.stringMatching(field),
      });
    }
    await expect(verifyShard(manifest, 9, bytes, sha256Hex)).rejects.toThrow(/9/);
  });
});
