import { describe, expect, it } from 'vitest';
import { judgeOffer, RollbackError } from '../../../../src/client/trust/rollback.ts';
import type { Manifest } from '../../../../src/core/epoch/manifest.ts';

const installed = {
  epoch: '20261101T020000Z-aaaaaa',
  manifestSha256: 'a'.repeat(64),
  createdAt: '2026-11-01T02:00:00.000Z',
};
const offer = (epoch: string, createdAt: string, previous: Manifest['previous'] = null) =>
  ({ epoch, createdAt, previous }) as Manifest;

describe('judgeOffer', () => {
  it('accepts anything on an empty cache, and the same manifest as "same"', () => {
    expect(judgeOffer(null, offer('20200101T000000Z', '2020-01-01T00:00:00Z'), 'b'.repeat(64))).toBe('newer');
    expect(judgeOffer(installed, offer(installed.epoch, installed.createdAt), installed.manifestSha256)).toBe(
      'same',
    );
  });

  it('accepts a later epoch, linked to the installed one or not', () => {
    const linked = offer('20261102T020000Z-b', '2026-11-02T02:00:00Z', {
      epoch: installed.epoch,
      manifestSha256: installed.manifestSha256,
    });
    expect(judgeOffer(installed, linked, 'b'.repeat(64))).toBe('newer');
    const skipped = offer('20261105T020000Z-c', '2026-11-05T02:00:00Z', {
      epoch: '20261104T020000Z-x',
      manifestSha256: 'c'.repeat(64),
    });
    expect(judgeOffer(installed, skipped, 'c'.repeat(64))).toBe('newer');
  });

  it('refuses an older or equally old epoch, another manifest for the same epoch, and a fork', () => {
    const cases: [Manifest, RegExp][] = [
      [offer('20261031T020000Z-o', '2026-10-31T02:00:00Z'), /rollback refused/],
      [offer('20261101T020000Z-twin', installed.createdAt), /rollback refused/],
      [offer(installed.epoch, '2026-11-09T00:00:00Z'), /different manifest for the cached epoch/],
      [
        offer('20261102T020000Z-f', '2026-11-02T02:00:00Z', {
          epoch: installed.epoch,
          manifestSha256: 'f'.repeat(64),
        }),
        /forked history/,
      ],
    ];
    for (const [manifest, message] of cases) {
      expect(() => judgeOffer(installed, manifest, 'd'.repeat(64))).toThrow(message);
      expect(() => judgeOffer(installed, manifest, 'd'.repeat(64))).toThrow(RollbackError);
    }
  });
});
