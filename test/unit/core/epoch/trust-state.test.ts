/**
 * Merging two readers' trust states (two isolates, two processes) keeps the newer mark and never loses a
 * retired or a revoked key; a revoked key stays out of the chain (keysOf), so nothing trusts it again.
 */
import { describe, expect, it } from 'vitest';
import {
  keysOf,
  mergeTrustStates,
  type TrustState,
  trustStateMoved,
} from '../../../../src/core/epoch/trust-state.ts';

const state = (createdAt: string, extra: Partial<TrustState> = {}): TrustState => ({
  epoch: `20261201T020000Z-${createdAt.slice(8, 10)}aaaa`,
  manifestSha256: createdAt.slice(8, 10).repeat(32),
  createdAt,
  signingKey: 'K2',
  retiredKeys: [],
  ...extra,
});

describe('trust states', () => {
  it('merges to the newer mark with every retired and revoked key of either', () => {
    const older = state('2026-12-01T02:00:00Z', { retiredKeys: ['K1'] });
    const newer = state('2026-12-02T02:00:00Z', { signingKey: 'K9', revokedKeys: ['K1', 'K2'] });
    const merged = mergeTrustStates(older, newer)!;
    expect(merged.createdAt).toBe(newer.createdAt);
    expect(merged.signingKey).toBe('K9');
    expect(merged.revokedKeys).toEqual(['K1', 'K2']);
    // A key one side revoked is not kept as merely retired: it would then vouch for old receipts.
    expect(merged.retiredKeys).toEqual([]);
    expect(keysOf(merged)).toEqual(['K9']);
    expect(mergeTrustStates(newer, older)).toEqual(merged);
  });

  it('says a state moved when it learns a revoked key, and not otherwise', () => {
    const before = state('2026-12-01T02:00:00Z');
    expect(trustStateMoved(before, { ...before })).toBe(false);
    expect(trustStateMoved(before, { ...before, revokedKeys: ['K0'] })).toBe(true);
    expect(trustStateMoved({ ...before, revokedKeys: ['K0'] }, { ...before, revokedKeys: ['K0'] })).toBe(
      false,
    );
  });
});
