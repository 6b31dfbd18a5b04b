import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveRegister } from '../../../../src/cli/register-args.ts';
import { QuietlistError } from '../../../../src/core/errors.ts';
import { isRegionCode } from '../../../../src/core/phone/normalize.ts';
import { BUILTIN_PROFILES, builtinProfile } from '../../../../src/core/registers/builtin-profiles.ts';
import { epochRules, judgeEpochAge } from '../../../../src/core/registers/epoch-rules.ts';
import {
  registerProfileSchema,
  registerRulesOf,
  registerRulesSchema,
} from '../../../../src/core/registers/profile.ts';
import { parseScopeCell } from '../../../../src/core/scopes/scope-labels.ts';
import { es } from '../../../../src/page/shared/strings/es.ts';
import { ROBINSON_SIGNED_RULES } from '../../../helpers/robinson-export.ts';

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

/** A profile file's JSON with these channels (no sectors). */
const profileWith = (channels: unknown[]) => ({
  id: 'acme-optout',
  name: 'Acme',
  operator: 'Acme',
  country: 'ES',
  region: 'ES',
  jurisdiction: 'plan',
  lines: 'all',
  validity: 'never',
  rescrubDays: 30,
  languages: ['es'],
  dateFormat: 'DD/MM/YYYY',
  sources: ['Acme terms'],
  scopes: { channels, sectors: [] },
});

const profileDir = mkdtempSync(join(tmpdir(), 'quietlist-profile-'));
afterAll(() => rmSync(profileDir, { recursive: true, force: true }));
let profileFiles = 0;

function profileFile(json: unknown): string {
  const path = join(profileDir, `acme-${profileFiles++}.json`);
  writeFileSync(path, JSON.stringify(json));
  return path;
}

describe('channel and sector aliases', () => {
  it("reach es-robinson's codes from every alias, and stay out of the rules a manifest signs", () => {
    const profile = builtinProfile('es-robinson')!;
    const rules = registerRulesOf(profile);
    // Byte for byte what manifests signed before aliases existed, and what strict clients accept.
    expect(JSON.stringify(rules)).toBe(JSON.stringify(ROBINSON_SIGNED_RULES));
    for (const each of BUILTIN_PROFILES)
      expect(() => registerRulesSchema.parse(registerRulesOf(each))).not.toThrow();
    let aliases = 0;
    for (const plural of ['channels', 'sectors'] as const) {
      for (const choice of profile.scopes![plural]) {
        expect(choice.aliases?.length, choice.code).toBeGreaterThan(0);
        for (const alias of choice.aliases ?? []) {
          aliases++;
          expect(parseScopeCell(profile.scopes![plural], alias), alias).toEqual([choice.code]);
          expect(parseScopeCell(profile.scopes![plural], alias.toUpperCase()), alias).toEqual([choice.code]);
          // The signed rules carry codes only.
          expect(parseScopeCell(rules.scopes![plural], alias), alias).not.toEqual([choice.code]);
        }
      }
    }
    expect(aliases).toBeGreaterThan(60);
    // Ambiguous words are refused rather than guessed.
    expect(parseScopeCell(profile.scopes!.channels, 'correo')).toEqual({ unknown: 'correo' });
    expect(parseScopeCell(profile.scopes!.channels, 'mail')).toEqual({ unknown: 'mail' });
  });

  it("include the Spanish name the scrub page gives each of es-robinson's codes", () => {
    const { scopes } = builtinProfile('es-robinson')!;
    const pageKey = (plural: string, code: string) =>
      `scope${plural === 'channels' ? 'Channel' : 'Sector'}${code[0]!.toUpperCase()}${code.slice(1)}`;
    for (const plural of ['channels', 'sectors'] as const)
      for (const { code } of scopes![plural]) {
        const spanish = (es.page as Record<string, string>)[pageKey(plural, code)];
        expect(spanish, code).toBeDefined();
        expect(parseScopeCell(scopes![plural], spanish), spanish).toEqual([code]);
      }
  });

  it("are listed in docs/REGISTERS.md as es-robinson's profile has them", () => {
    const doc = readFileSync(new URL('../../../../docs/REGISTERS.md', import.meta.url), 'utf8');
    const profile = builtinProfile('es-robinson')!;
    for (const choice of [...profile.scopes!.channels, ...profile.scopes!.sectors]) {
      const row = doc.match(new RegExp(`^\\| \`${choice.code}\` \\| (.*) \\|$`, 'm'));
      expect(row?.[1]?.split(', '), choice.code).toEqual(choice.aliases);
    }
  });

  it('load from a profile file, read its cells, and are stripped from its rules', () => {
    const path = profileFile(
      profileWith([
        { code: 'call', name: 'Llamadas', aliases: ['Teléfono', 'llamadas'] },
        { code: 'sms', name: 'SMS', aliases: ['mensajes'] },
      ]),
    );
    const profile = resolveRegister({ register: path });
    expect(profile.scopes!.channels[0]!.aliases).toEqual(['Teléfono', 'llamadas']);
    const rules = registerRulesOf(profile);
    expect(rules.scopes!.channels).toEqual([
      { code: 'call', name: 'Llamadas' },
      { code: 'sms', name: 'SMS' },
    ]);
    expect(parseScopeCell(profile.scopes!.channels, 'TELEFONO; Mensajes')).toEqual(['call', 'sms']);
  });

  it('refuse a profile whose alias says two codes or another code, naming the profile and the alias', () => {
    const twoCodes = profileFile(
      profileWith([
        { code: 'call', name: 'Llamadas', aliases: ['Teléfono'] },
        { code: 'sms', name: 'SMS', aliases: ['telefono'] },
      ]),
    );
    expect(() => resolveRegister({ register: twoCodes })).toThrow(
      /not a register profile: scopes\.channels\.1\.aliases\.0: profile acme-optout: channel alias "telefono" of sms is also an alias of call/,
    );
    const otherCode = profileWith([
      { code: 'call', name: 'Llamadas', aliases: ['SMS'] },
      { code: 'sms', name: 'SMS' },
    ]);
    const parsed = registerProfileSchema.safeParse(otherCode);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(
      'profile acme-optout: channel alias "SMS" of call is the code of another channel',
    );
    // The manifest's rules never take an alias: a client's strict schema refuses one.
    expect(
      registerRulesSchema.safeParse({ ...ROBINSON_SIGNED_RULES, scopes: otherCode.scopes }).success,
    ).toBe(false);
  });
});
