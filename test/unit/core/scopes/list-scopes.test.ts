/**
 * One scope asked of several lists (core/scopes/list-scopes.ts): each list answers for the dimensions
 * it declares, an unscoped list for every scope; a code a scoped list does not declare is an error
 * naming the list and the code (repeated only when it cannot spell a number); a dimension none of the
 * lists declares is refused, with one list's message unchanged.
 */
import { describe, expect, it } from 'vitest';
import type { RegisterScopes } from '../../../../src/core/registers/profile.ts';
import { type ScopedList, scopesOfLists } from '../../../../src/core/scopes/list-scopes.ts';

const codes = (...names: string[]) => names.map((code) => ({ code, name: code }));
const robinson: ScopedList = {
  list: 'robinson',
  scopes: { channels: codes('call', 'sms'), sectors: codes('energy', 'insurance') },
  register: 'Lista Robinson (es-robinson)',
};
const channelsOnly: ScopedList = {
  list: 'by-channel',
  scopes: { channels: codes('call', 'post'), sectors: [] } satisfies RegisterScopes,
  register: 'Channels (custom)',
};
const objections: ScopedList = {
  list: 'objections',
  scopes: undefined,
  register: 'do-not-call list (custom)',
};

describe('scopesOfLists', () => {
  it('applies the scope to the scoped list and none to the unscoped one', () => {
    expect(scopesOfLists([objections, robinson], { channel: 'Call ', sector: 'insurance' })).toEqual([
      undefined,
      { channel: 'call', sector: 'insurance' },
    ]);
    expect(scopesOfLists([robinson, objections], {})).toEqual([{ channel: null, sector: null }, undefined]);
    expect(scopesOfLists([robinson, objections], { channel: 'any', sector: '' })).toEqual([
      { channel: null, sector: null },
      undefined,
    ]);
  });

  it('answers a dimension a list does not declare for every value of it', () => {
    expect(scopesOfLists([channelsOnly, robinson], { channel: 'call', sector: 'energy' })).toEqual([
      { channel: 'call', sector: null },
      { channel: 'call', sector: 'energy' },
    ]);
  });

  it('names the list and the code a scoped list does not declare', () => {
    expect(() => scopesOfLists([objections, robinson], { channel: 'fax' })).toThrow(
      `list robinson: channel "fax" is not one of Lista Robinson (es-robinson)'s: call, sms (or any)`,
    );
    expect(() => scopesOfLists([channelsOnly, robinson], { channel: 'sms' })).toThrow(
      `list by-channel: channel "sms" is not one of Channels (custom)'s: call, post (or any)`,
    );
    // A code holding digits could be a number: it is not repeated.
    expect(() => scopesOfLists([objections, robinson], { sector: 'x0612345678' })).toThrow(
      /^list robinson: that sector is not one of Lista Robinson \(es-robinson\)'s: energy, insurance \(or any\)$/,
    );
  });

  it('refuses a dimension no list declares; one list keeps its own message', () => {
    expect(() => scopesOfLists([objections, channelsOnly], { sector: 'energy' })).toThrow(
      'none of the lists objections, by-channel answers per sector: leave the sector out',
    );
    expect(() => scopesOfLists([objections], { channel: 'call' })).toThrow(
      'do-not-call list (custom) does not answer per channel: leave the channel out',
    );
    expect(() => scopesOfLists([robinson], { channel: 'fax' })).toThrow(
      /^that channel is not one of Lista Robinson \(es-robinson\)'s: call, sms \(or any\)$/,
    );
    expect(scopesOfLists([objections], {})).toEqual([undefined]);
  });
});
