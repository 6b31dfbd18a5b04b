/** Epoch ids: what a build names, what every reader accepts, and the time an id starts with. */
import { describe, expect, it } from 'vitest';
import { EPOCH_ID_PATTERN, epochIdTime, newEpochId } from '../../../../src/core/epoch/epoch-id.ts';

describe('epoch ids', () => {
  it('names a new epoch by its UTC second and a random tail that every reader accepts', () => {
    const at = new Date(Date.UTC(2026, 10, 28, 2, 3, 4, 567));
    const ids = Array.from({ length: 50 }, () => newEpochId(at));
    for (const id of ids) {
      expect(id).toMatch(/^20261128T020304Z-[0-9a-z]{6}$/);
      expect(EPOCH_ID_PATTERN.test(id)).toBe(true);
      expect(epochIdTime(id)).toBe(Date.UTC(2026, 10, 28, 2, 3, 4));
    }
    expect(new Set(ids).size).toBeGreaterThan(45);
  });

  it('sorts ids of later seconds after earlier ones', () => {
    const earlier = newEpochId(new Date(Date.UTC(2026, 10, 28, 2, 3, 4)));
    const later = newEpochId(new Date(Date.UTC(2026, 10, 28, 2, 3, 5)));
    expect([later, earlier].sort()).toEqual([earlier, later]);
  });

  it('refuses what is not an epoch id, and reads no time from it', () => {
    for (const bad of ['garbage', '20261128T020304Z-', '20261128T020304Z-ABC', '20261128T0203Z', '../x']) {
      expect(EPOCH_ID_PATTERN.test(bad)).toBe(false);
    }
    expect(EPOCH_ID_PATTERN.test('20261128T020304Z')).toBe(true);
    expect(epochIdTime('garbage')).toBeNull();
    expect(epochIdTime('20261128T020304Z-abc123')).toBe(Date.UTC(2026, 10, 28, 2, 3, 4));
  });
});
