/**
 * How an export may spell a channel or a sector (src/core/scopes/scope-spellings.ts): a code or an
 * alias, compared whole after folding accents, case and spaces; "all" in the pages' languages; and the
 * aliases a profile may not have (one spelling for two codes, another choice's code, a separator).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScopeCell } from '../../../../src/core/scopes/scope-labels.ts';
import {
  foldSpelling,
  spellingConflicts,
  spellingsOf,
  spellingsOfChoices,
} from '../../../../src/core/scopes/scope-spellings.ts';

const CHANNELS = [
  { code: 'call', name: 'calls', aliases: ['llamadas', 'Teléfono', 'llamadas telefónicas'] },
  { code: 'sms', name: 'SMS', aliases: ['SMS/MMS', 'mensajes'] },
  { code: 'email', name: 'e-mail', aliases: ['correo electrónico', 'e-mail'] },
  { code: 'post', name: 'post', aliases: ['correo postal', 'postal'] },
];

describe('foldSpelling', () => {
  it('drops accents, case and spaces around, and makes runs of spaces one', () => {
    expect(foldSpelling('Teléfono')).toBe('telefono');
    expect(foldSpelling('  CORREO\u00a0 ELECTRÓNICO ')).toBe('correo electronico');
    expect(foldSpelling('Automoción')).toBe(foldSpelling('AUTOMOCION'));
    expect(foldSpelling('call')).toBe('call');
    // Composed and decomposed forms of the same letters are one spelling.
    expect(foldSpelling('formaci\u00f3n')).toBe(foldSpelling('formacio\u0301n'));
  });
});

describe('an export cell read with aliases', () => {
  it('reads the Spanish spellings of a real export, as Excel leaves them', () => {
    expect(parseScopeCell(CHANNELS, 'Teléfono, SMS')).toEqual(['call', 'sms']);
    expect(parseScopeCell(CHANNELS, 'LLAMADAS|correo postal')).toEqual(['call', 'post']);
    expect(parseScopeCell(CHANNELS, 'Telefono')).toEqual(['call']);
    expect(parseScopeCell(CHANNELS, ' llamadas  telefonicas ; E-MAIL ')).toEqual(['call', 'email']);
    expect(parseScopeCell(CHANNELS, 'sms/mms')).toEqual(['sms']);
    expect(parseScopeCell(CHANNELS, 'call|Llamadas')).toEqual(['call', 'call']);
  });

  it('compares whole values only: a longer or shorter phrase is unknown, named as written', () => {
    expect(parseScopeCell(CHANNELS, 'llamadas comerciales')).toEqual({ unknown: 'llamadas comerciales' });
    expect(parseScopeCell(CHANNELS, 'correo')).toEqual({ unknown: 'correo' });
    expect(parseScopeCell(CHANNELS, 'sms, Fax ')).toEqual({ unknown: 'Fax' });
    expect(parseScopeCell(CHANNELS, 'tel')).toEqual({ unknown: 'tel' });
  });

  it('reads "all" in the pages\' languages as every code, wherever it is in the cell', () => {
    for (const cell of ['Todos', 'todas', 'ALL', '*', 'fax, todos', 'tous', 'alle', '  '])
      expect(parseScopeCell(CHANNELS, cell), cell).toBe('all');
  });

  it('reaches every alias of every choice, whatever its case, accents and spaces around', () => {
    const written = fc
      .constantFrom(
        ...CHANNELS.flatMap((choice) => (choice.aliases ?? []).map((alias) => ({ alias, choice }))),
      )
      .chain(({ alias, choice }) =>
        fc
          .tuple(
            fc.array(fc.boolean(), { minLength: alias.length, maxLength: alias.length }),
            fc.constantFrom('', ' ', '\t', '\u00a0'),
            fc.boolean(),
          )
          .map(([upper, pad, stripAccents]) => {
            const cased = [...alias].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join('');
            const accents = stripAccents ? cased.normalize('NFD').replace(/\p{M}/gu, '') : cased;
            return { value: `${pad}${accents}${pad}`, code: choice.code };
          }),
      );
    fc.assert(
      fc.property(written, ({ value, code }) => {
        expect(parseScopeCell(CHANNELS, value)).toEqual([code]);
      }),
    );
  });
});

describe('the spellings of a dimension', () => {
  it('belong to the choices: stripped of their aliases (as a manifest signs them), choices read codes only', () => {
    const stripped = CHANNELS.map(({ code, name }) => ({ code, name }));
    expect(parseScopeCell(stripped, 'llamadas')).toEqual({ unknown: 'llamadas' });
    expect(parseScopeCell(stripped, 'CALL')).toEqual(['call']);
    expect(parseScopeCell(CHANNELS, 'llamadas')).toEqual(['call']);
    // A copy (a worker thread's) keeps them: they are plain fields.
    expect(parseScopeCell(structuredClone(CHANNELS), 'llamadas')).toEqual(['call']);
    expect(spellingsOf(stripped)).toMatchObject({
      codes: ['call', 'sms', 'email', 'post'],
      hasAliases: false,
    });
  });

  it('say whether any alias exists', () => {
    expect(spellingsOfChoices([{ code: 'call' }]).hasAliases).toBe(false);
    expect(spellingsOfChoices(CHANNELS).hasAliases).toBe(true);
  });
});

describe('spellingConflicts', () => {
  it('accepts a profile whose aliases each say one code (its own code among them)', () => {
    expect(spellingConflicts(CHANNELS, 'channel')).toEqual([]);
    expect(spellingConflicts([{ code: 'sms', aliases: ['SMS', 'sms', 'Sms'] }], 'channel')).toEqual([]);
  });

  it('refuses an alias of two codes, another code, "all", a separator or nothing, naming it', () => {
    const problems = spellingConflicts(
      [
        { code: 'call', aliases: ['Teléfono', 'SMS', 'Todos', 'llamadas, sms', '  '] },
        { code: 'sms', aliases: ['telefono'] },
      ],
      'channel',
    );
    expect(problems.map((problem) => [problem.index, problem.alias, problem.message])).toEqual([
      [0, 1, 'channel alias "SMS" of call is the code of another channel'],
      [0, 2, 'channel alias "Todos" of call means every code in a cell'],
      [
        0,
        3,
        'channel alias "llamadas, sms" of call holds a cell separator (| , ;): a cell is split there, so it could never match',
      ],
      [0, 4, 'channel alias "  " of call is empty'],
      [1, 0, 'channel alias "telefono" of sms is also an alias of call: a cell would not say which'],
    ]);
  });
});
