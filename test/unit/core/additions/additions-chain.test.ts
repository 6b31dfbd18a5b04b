/**
 * The additions chain (docs/FORMAT.md §14.4): batches chained to their epoch and to each other, read
 * forward, verified one by one, the previous epoch's tail taken until the epoch's own chain starts,
 * and every way a batch can be wrong refused (never skipped).
 */
import { describe, expect, it } from 'vitest';
import { AdditionSet, additionDigest } from '../../../../src/core/additions/addition-set.ts';
import {
  type AdditionEntry,
  type Additions,
  additionsBatchKey,
  additionsSha256,
  additionsSignedBytes,
} from '../../../../src/core/additions/additions-batch.ts';
import {
  type AdditionsSource,
  advanceAdditionsChain,
  chainEntries,
  chainStatus,
  type VerifiedEpoch,
} from '../../../../src/core/additions/additions-chain.ts';
import { toBase64 } from '../../../../src/core/encoding/base64.ts';
import type { Manifest } from '../../../../src/core/epoch/manifest.ts';
import { generateSigningKeyPair, publicKeyFingerprint, sign } from '../../../../src/core/epoch/signing.ts';

const additionsKey = generateSigningKeyPair();
const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

function epoch(id: string, sha: string, sequence: number, previous?: VerifiedEpoch): VerifiedEpoch {
  const manifest = {
    epoch: id,
    list: 'acme',
    previous: previous ? { epoch: previous.manifest.epoch, manifestSha256: previous.manifestSha256 } : null,
    additions: { publicKey: toBase64(additionsKey.publicKey), sequence },
  } as unknown as Manifest;
  return { manifest, manifestSha256: sha };
}

const E1 = epoch('20261201T020000Z-aaaaaa', SHA_A, 0);
const E2 = epoch('20261202T020000Z-bbbbbb', SHA_B, 3, E1);

const digest = (n: number) => n.toString(16).padStart(24, '0');
const entry = (sequence: number, extra: Partial<AdditionEntry> = {}): AdditionEntry => ({
  sequence,
  digests: [digest(sequence)],
  ...extra,
});

/** A store of batches by key, and a chain writer as the sequencer writes it. */
class Batches implements AdditionsSource {
  readonly files = new Map<string, Uint8Array>();
  readonly previous = new Map<string, string | null>();

  add(on: VerifiedEpoch, first: number, last: number, entries: AdditionEntry[], changes: object = {}) {
    const id = on.manifest.epoch;
    const before = this.previous.get(id) ?? null;
    // Signed by hand, without signAdditions' checks: the reader must refuse what a writer should not write.
    const additions = {
      format: 'quietlist-additions',
      version: 1,
      list: 'acme',
      epoch: id,
      manifestSha256: on.manifestSha256,
      first,
      last,
      previousSha256: before,
      publishedAt: new Date(Date.UTC(2026, 11, 1, 12, 0, first)).toISOString(),
      entries,
      ...changes,
    } as Additions;
    const signature = {
      algorithm: 'Ed25519',
      keyFingerprint: publicKeyFingerprint(additionsKey.publicKey),
      value: sign(additionsSignedBytes(additions), additionsKey.secretKey),
    };
    this.previous.set(id, additionsSha256(additions));
    this.files.set(
      additionsBatchKey(id, first),
      new TextEncoder().encode(JSON.stringify({ additions, signature })),
    );
  }

  async batchesFrom(epochId: string, first: number) {
    const batches: Uint8Array[] = [];
    let next = first;
    while (batches.length < 10) {
      const bytes = this.files.get(additionsBatchKey(epochId, next));
      if (!bytes) return { batches, complete: true };
      batches.push(bytes);
      next =
        (JSON.parse(new TextDecoder().decode(bytes)) as { additions: { last: number } }).additions.last + 1;
    }
    return { batches, complete: false };
  }
}

describe('the additions chain', () => {
  it('reads an epoch chain forward, batch after batch, and picks up where it stopped', async () => {
    const source = new Batches();
    source.add(E1, 1, 2, [entry(1), entry(2, { expiresAt: '2026-12-01T13:00:00.000Z' })]);
    const first = await advanceAdditionsChain(null, { source, current: E1 });
    expect(chainStatus(first!)).toMatchObject({ through: 2, entries: 2, epoch: E1.manifest.epoch });
    source.add(E1, 3, 5, [entry(3), entry(5)]);
    const second = await advanceAdditionsChain(first, { source, current: E1 });
    expect(second!.batches).toHaveLength(2);
    expect(chainEntries(second!).map((e) => e.sequence)).toEqual([1, 2, 3, 5]);
    expect(chainStatus(second!).through).toBe(5);
    // Expiry: entry 2 lists its number until 13:00, not after.
    const before = AdditionSet.of(chainEntries(second!), Date.UTC(2026, 11, 1, 12, 59));
    const after = AdditionSet.of(chainEntries(second!), Date.UTC(2026, 11, 1, 13, 0));
    const two = new Uint8Array(12);
    two[11] = 2;
    expect(additionDigest(two)).toBe(digest(2));
    expect(before.has(two)).toBe(true);
    expect(after.has(two)).toBe(false);
    expect(after.size).toBe(3);
  });

  it('takes the previous epoch tail until the epoch has its own chain, then only its own', async () => {
    const source = new Batches();
    source.add(E1, 1, 3, [entry(1), entry(2), entry(3)]);
    source.add(E1, 4, 4, [entry(4)]); // published on E1 after E2 folded 1..3
    const tail = await advanceAdditionsChain(null, { source, current: E2, previous: async () => E1 });
    expect(chainEntries(tail!).map((e) => e.sequence)).toEqual([4]);
    expect(chainStatus(tail!).through).toBe(4);
    // The sequencer moves to E2: its carry batch starts right after E2's fold.
    source.add(E2, 4, 6, [entry(4), entry(6)]);
    const own = await advanceAdditionsChain(tail, { source, current: E2, previous: async () => E1 });
    expect(own!.tail).toBeNull();
    expect(chainEntries(own!).map((e) => e.sequence)).toEqual([4, 6]);
  });

  it('refuses a batch of another epoch, a gap, a broken link, a foreign key, a reordering', async () => {
    const cases: [string, (source: Batches) => void][] = [
      ['another epoch', (s) => s.add(E1, 1, 1, [entry(1)], { epoch: E2.manifest.epoch })],
      ['another manifest', (s) => s.add(E1, 1, 1, [entry(1)], { manifestSha256: SHA_B })],
      ['another list', (s) => s.add(E1, 1, 1, [entry(1)], { list: 'other' })],
      ['a broken link', (s) => s.add(E1, 1, 1, [entry(1)], { previousSha256: SHA_B })],
      ['entries out of order', (s) => s.add(E1, 1, 3, [entry(3), entry(2)])],
      ['an entry after last', (s) => s.add(E1, 1, 1, [entry(2)])],
    ];
    for (const [what, write] of cases) {
      const source = new Batches();
      write(source);
      await expect(advanceAdditionsChain(null, { source, current: E1 }), what).rejects.toThrow(
        /refused|order|after last|not a valid/,
      );
    }
    const gap = new Batches();
    gap.add(E1, 1, 1, [entry(1)]);
    gap.files.set(
      additionsBatchKey(E1.manifest.epoch, 2),
      gap.files.get(additionsBatchKey(E1.manifest.epoch, 1))!,
    );
    await expect(advanceAdditionsChain(null, { source: gap, current: E1 })).rejects.toThrow(/starts at 1/);
    const forged = new Batches();
    forged.add(E1, 1, 1, [entry(1)]);
    const bytes = forged.files.get(additionsBatchKey(E1.manifest.epoch, 1))!;
    const tampered = new TextDecoder().decode(bytes).replace(digest(1), digest(9));
    forged.files.set(additionsBatchKey(E1.manifest.epoch, 1), new TextEncoder().encode(tampered));
    await expect(advanceAdditionsChain(null, { source: forged, current: E1 })).rejects.toMatchObject({
      code: 'SIGNATURE_INVALID',
    });
  });

  it('is null for an epoch that announces no additions key', async () => {
    const plain = { manifest: { epoch: 'x', previous: null } as unknown as Manifest, manifestSha256: SHA_A };
    expect(await advanceAdditionsChain(null, { source: new Batches(), current: plain })).toBeNull();
  });
});
