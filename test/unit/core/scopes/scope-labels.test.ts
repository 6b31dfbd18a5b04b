/**
 * Scope labels (docs/FORMAT.md §1.3) answer exactly the set question: a registration limited to
 * channels C and sectors S is listed for a check about channel c and sector s (each possibly "any")
 * when some pair it covers is a pair the check may be about. Checked for every register shape (both
 * dimensions, one of them) against the sets themselves; a false negative would be a call to a number
 * opted out of it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RegisterScopes } from '../../../../src/core/registers/profile.ts';
import {
  ANY_SCOPE,
  entryLabels,
  parseScopeCell,
  parseScopeQuery,
  queryLabels,
  type RegistrationScope,
  type ScopeQuery,
} from '../../../../src/core/scopes/scope-labels.ts';

const codes = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ code: `${prefix}${i}`, name: `${prefix} ${i}` }));

const registers: [string, RegisterScopes][] = [
  ['channels and sectors', { channels: codes('c', 4), sectors: codes('s', 5) }],
  ['channels only', { channels: codes('c', 3), sectors: [] }],
  ['sectors only', { channels: [], sectors: codes('s', 3) }],
  ['one channel', { channels: codes('c', 1), sectors: codes('s', 2) }],
];

const subset = (all: string[]) =>
  all.length === 0
    ? fc.constant('all' as const)
    : fc.oneof(fc.constant('all' as const), fc.subarray(all, { minLength: 1 }));
const choice = (all: string[]) => fc.oneof(fc.constant(null), fc.constantFrom(...(all.length ? all : ['x'])));

/** The truth: does the registration cover some pair the check may be about? */
function covers(scopes: RegisterScopes, registration: RegistrationScope, query: ScopeQuery): boolean {
  const overlap = (declared: { code: string }[], chosen: readonly string[] | 'all', asked: string | null) =>
    declared.length === 0 || chosen === 'all' || asked === null ? true : chosen.includes(asked);
  return (
    overlap(scopes.channels, registration.channels, query.channel) &&
    overlap(scopes.sectors, registration.sectors, query.sector)
  );
}

describe('scope labels', () => {
  for (const [name, scopes] of registers) {
    it(`meet exactly when the registration covers the check (${name})`, () => {
      const channels = scopes.channels.map((c) => c.code);
      const sectors = scopes.sectors.map((s) => s.code);
      fc.assert(
        fc.property(
          fc.array(fc.record({ channels: subset(channels), sectors: subset(sectors) }), {
            minLength: 1,
            maxLength: 3,
          }),
          choice(channels),
          choice(sectors),
          (registrations, channel, sector) => {
            const query: ScopeQuery = {
              channel: channels.length ? channel : null,
              sector: sectors.length ? sector : null,
            };
            const entered = new Set(
              registrations.flatMap((registration) => entryLabels(scopes, registration)),
            );
            const looked = queryLabels(scopes, query);
            const listed = looked.some((label) => entered.has(label));
            expect(listed).toBe(registrations.some((registration) => covers(scopes, registration, query)));
            // Four lookups at most, whatever the register declares.
            expect(looked.length).toBeLessThanOrEqual(4);
          },
        ),
        { numRuns: 400 },
      );
    });
  }

  it('enter one label for a number opted out of everything, listed for every check', () => {
    const scopes = registers[0]![1];
    const all = entryLabels(scopes, { channels: 'all', sectors: 'all' });
    expect(all).toEqual(['*/*']);
    // Naming every declared code is "all".
    expect(entryLabels(scopes, { channels: scopes.channels.map((c) => c.code), sectors: 'all' })).toEqual([
      '*/*',
    ]);
    for (const query of [ANY_SCOPE, { channel: 'c1', sector: 's3' }, { channel: null, sector: 's0' }])
      expect(queryLabels(scopes, query)).toContain('*/*');
  });

  it('read an export cell: separators, "all", an unknown code', () => {
    const declared = codes('c', 3);
    expect(parseScopeCell(declared, undefined)).toBe('all');
    expect(parseScopeCell(declared, '  ')).toBe('all');
    expect(parseScopeCell(declared, 'C0 | c2;c1')).toEqual(['c0', 'c2', 'c1']);
    expect(parseScopeCell(declared, 'c0, ALL')).toBe('all');
    expect(parseScopeCell(declared, 'c0|tv')).toEqual({ unknown: 'tv' });
  });

  it('refuse a check code the register does not declare, without repeating it', () => {
    const scopes = registers[0]![1];
    expect(parseScopeQuery(scopes, { channel: 'C1', sector: 'any' })).toEqual({
      channel: 'c1',
      sector: null,
    });
    expect(() => parseScopeQuery(scopes, { channel: '+34600000001' }, 'Lista')).toThrow(
      /that channel is not one of Lista's: c0, c1, c2, c3 \(or any\)/,
    );
    expect(() => parseScopeQuery(undefined, { sector: 'energy' }, 'us-dnc')).toThrow(
      /does not answer per sector/,
    );
  });
});
