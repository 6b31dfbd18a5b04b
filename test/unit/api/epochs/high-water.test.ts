/**
 * The server's saved trust state moves only forward: a newer mark wins with its key, an older one never
 * replaces it, retired keys are never forgotten, and a file from before the key fields keeps its mark.
 */
import { describe, expect, it } from 'vitest';
import {
  type HighWaterMark,
  MemoryHighWater,
  ObjectHighWater,
} from '../../../../src/api/epochs/high-water.ts';
import { MemoryStore } from '../../../worker/helpers/memory-store.ts';

const mark = (day: number, signingKey: string, retiredKeys: string[]): HighWaterMark => ({
  epoch: `2026110${day}T020000Z-e${day}`,
  manifestSha256: String(day).repeat(64),
  createdAt: `2026-11-0${day}T02:00:00.000Z`,
  seenAt: `2026-11-0${day}T02:00:05.000Z`,
  signingKey,
  retiredKeys,
});

describe('the saved trust state', () => {
  it('moves forward only, and keeps every retired key', async () => {
    for (const store of [new MemoryHighWater(), new ObjectHighWater(new MemoryStore())]) {
      await store.advance(mark(3, 'K2', ['K1']));
      await store.advance(mark(2, 'K1', []));
      expect(await store.read()).toMatchObject({
        epoch: mark(3, 'K2', []).epoch,
        signingKey: 'K2',
        retiredKeys: ['K1'],
      });
      // Another instance learnt of a retirement without a newer epoch: merged, not lost.
      await store.advance(mark(1, 'K2', ['K0']));
      expect((await store.read())?.retiredKeys?.sort()).toEqual(['K0', 'K1']);
      await store.advance(mark(4, 'K3', ['K2']));
      expect(await store.read()).toMatchObject({ signingKey: 'K3' });
      expect((await store.read())?.retiredKeys?.sort()).toEqual(['K0', 'K1', 'K2']);
    }
  });

  it('reads a file from before the key fields, keeps its mark, and gains them on the next write', async () => {
    const objects = new MemoryStore();
    const { signingKey: _, retiredKeys: __, ...older } = mark(3, 'K2', []);
    await objects.put('state/high-water.json', new TextEncoder().encode(`${JSON.stringify(older)}\n`));
    const store = new ObjectHighWater(objects);
    expect(await store.read()).toEqual(older);
    await store.advance(mark(2, 'K2', ['K1']));
    expect(await store.read()).toMatchObject({ epoch: older.epoch, signingKey: 'K2', retiredKeys: ['K1'] });
  });
});
