import { describe, expect, it } from 'vitest';
import { QuietlistError } from '../../../../src/core/errors.ts';
import { isRegionCode } from '../../../../src/core/phone/normalize.ts';
import { BUILTIN_PROFILES, builtinProfile } from '../../../../src/core/registers/builtin-profiles.ts';
import { epochRules, judgeEpochAge } from '../../../../src/core/registers/epoch-rules.ts';
import { registerProfileSchema, registerRulesOf } from '../../../../src/core/registers/profile.ts';

const DAY = 86_400_000;
const created = '2026-12-01T00:00:00.000Z';
const at = (days: number) => new Date(Date.parse(created) + days * DAY);
const epochOf = (id: string) => ({
  epoch: '20261201T000000Z-abc123',
  createdAt: created,
  normalization: { defaultRegion: builtinProfile(id)!.region },
  validity: null,
  register: registerRulesOf(builtinProfile(id)!),
});

describe('built-in register profiles', () => {
  it('are valid profiles with unique ids and known regions', () => {
    for (const profile of BUILTIN_PROFILES) {
      expect(registerProfileSchema.parse(profile)).toEqual(profile);
      expect(isRegionCode(profile.region)).toBe(true);
    }
    const ids = BUILTIN_PROFILES.map((profile) => profile.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        'us-dnc',
        'ca-dncl',
        'uk-tps',
        'uk-ctps',
        'es-robinson',
        'it-rpo',
        'be-dncm',
        'au-dncr',
        'fr-bloctel',
      ]),
    );
  });

  it("carry each register's rescrub window", () => {
    const windows = Object.fromEntries(BUILTIN_PROFILES.map((profile) => [profile.id, profile.rescrubDays]));
    expect(windows).toMatchObject({
      'us-dnc': 31,
      'ca-dncl': 31,
      'uk-tps': 28,
      'es-robinson': 30,
      'it-rpo': 15,
      'be-dncm': 5,
    });
  });
});

describe('judgeEpochAge', () => {
  it('refuses an epoch past the register window and accepts one within it', () => {
    expect(judgeEpochAge(epochOf('be-dncm'), at(4.9))).toBeUndefined();
    expect(() => judgeEpochAge(epochOf('be-dncm'), at(5.1))).toThrow(QuietlistError);
    try {
      judgeEpochAge(epochOf('be-dncm'), at(6));
    } catch (error) {
      expect((error as QuietlistError).code).toBe('EPOCH_TOO_OLD');
      expect((error as Error).message).toMatch(/at most 5 days old/);
    }
    expect(judgeEpochAge(epochOf('us-dnc'), at(30))).toBeUndefined();
    expect(() => judgeEpochAge(epochOf('us-dnc'), at(32))).toThrow(/at most 31 days/);
  });

  it('only warns for a list without a window (a manifest written before profiles)', () => {
    const legacy = {
      epoch: 'E',
      createdAt: created,
      normalization: { defaultRegion: 'FR' },
      validity: { years: 3 },
    };
    expect(epochRules(legacy)).toMatchObject({
      id: 'custom',
      rescrubDays: null,
      validity: { years: 3 },
      languages: ['fr', 'en'],
    });
    expect(judgeEpochAge(legacy, at(29))).toBeUndefined();
    expect(judgeEpochAge(legacy, at(31))).toMatch(/31 days old/);
    expect(judgeEpochAge(legacy, at(8), 7)).toMatch(/older than 7 days/);
  });
});
