/**
 * The pages' languages: every language has every key of the English reference, non-empty and with the
 * same `{fields}`; each string filled whole (no brace or branch left, whatever the counts) and showing
 * the counts and words English shows; every API error code and every reject reason has a text in each;
 * the choice of a language (the register's, then the browser's); fields filled with numbers and words
 * of the locale.
 */
import { describe, expect, it } from 'vitest';
import { INVALID_REASONS } from '../../../src/client/scrub/row-status.ts';
import { API_ERRORS } from '../../../src/core/api-errors.ts';
import { PAGE_LANGUAGES } from '../../../src/core/registers/profile.ts';
import { en } from '../../../src/page/shared/strings/en.ts';
import {
  acceptLanguageTags,
  chooseLanguage,
  fieldsOf,
  fill,
  localeFor,
  PAGE_STRINGS,
} from '../../../src/page/shared/strings/index.ts';

type Group = keyof typeof en;
const groups = Object.keys(en) as Group[];

/** The fields the pages fill with words, dates, sizes or percentages; every other field is a count. */
const TEXT_FIELDS = new Set([
  'all',
  'channels',
  'configured',
  'current',
  'date',
  'epoch',
  'kind',
  'list',
  'mobiles',
  'names',
  'next',
  'percent',
  'problem',
  'rate',
  'reason',
  'register',
  'resume',
  'size',
  'time',
  'validity',
  'window',
]);

/** The names a string's `{name|one|other}` choose by. */
function pluralNames(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\|/g)].map((match) => match[1]!);
}

/**
 * A string filled as a page fills it: each text field with a marker, each count with `count(index)`;
 * and which of those values a person then reads.
 */
function shown(template: string, fields: string[], locale: string, count: (index: number) => number) {
  const values: Record<string, string | number> = {};
  fields.forEach((field, index) => {
    values[field] = TEXT_FIELDS.has(field) ? `<${field}>` : count(index);
  });
  const text = fill(template, values, locale);
  const format = new Intl.NumberFormat(locale);
  const visible = fields.filter((field) =>
    text.includes(TEXT_FIELDS.has(field) ? `<${field}>` : format.format(values[field] as number)),
  );
  return { text, visible };
}

describe('page strings', () => {
  it('exist in the six languages the register profiles name', () => {
    expect(Object.keys(PAGE_STRINGS).sort()).toEqual([...PAGE_LANGUAGES].sort());
  });

  for (const language of PAGE_LANGUAGES) {
    it(`(${language}) has every key of English, non-empty, with the same {fields}`, () => {
      const strings = PAGE_STRINGS[language];
      expect(Object.keys(strings).sort()).toEqual([...groups].sort());
      for (const group of groups) {
        const reference = en[group] as Record<string, string>;
        const translated = strings[group] as Record<string, string>;
        expect(Object.keys(translated).sort(), group).toEqual(Object.keys(reference).sort());
        for (const [key, text] of Object.entries(reference)) {
          const where = `${language} ${group}.${key}`;
          expect(translated[key]!.trim(), where).not.toBe('');
          expect(fieldsOf(translated[key]!), where).toEqual(fieldsOf(text));
          // Braces balance: a broken `{a|b|c}` would show raw to a person.
          expect(translated[key]!.split('{').length, where).toBe(translated[key]!.split('}').length);
        }
      }
    });

    it(`(${language}) words every API error code and every reject reason`, () => {
      const strings = PAGE_STRINGS[language];
      for (const code of Object.keys(API_ERRORS)) {
        const text = (strings.apiErrors as Record<string, string>)[code];
        expect(text, `${language} ${code}`).toBeTruthy();
        // A person reads it: no HTTP status, no header, no code.
        expect(text, `${language} ${code}`).not.toMatch(
          /HTTP|Authorization|Bearer|Retry-After|\b[45]\d\d\b|_/,
        );
      }
      for (const reason of INVALID_REASONS) {
        expect((strings.reasons as Record<string, string>)[reason], `${language} ${reason}`).toBeTruthy();
      }
    });

    it(`(${language}) fills every string whole and shows the values English shows, for any count`, () => {
      const strings = PAGE_STRINGS[language];
      for (const group of groups) {
        for (const [key, reference] of Object.entries(en[group] as Record<string, string>)) {
          const where = `${language} ${group}.${key}`;
          const template = (strings[group] as Record<string, string>)[key]!;
          // A choice by number on a date or a word would always take its second branch.
          for (const name of pluralNames(template))
            expect(TEXT_FIELDS.has(name), `${where} {${name}|…}`).toBe(false);
          const fields = fieldsOf(reference);
          // 0 and 1 take the first branch in some languages; 2001… are distinct counts a person must read.
          for (const count of [() => 0, () => 1, (index: number) => 2001 + index]) {
            const translated = shown(template, fields, language, count);
            // A malformed `{a|b|c|d}` or a stray brace would show raw to a person.
            expect(translated.text, where).not.toMatch(/[{}|]/);
            if (count(0) > 1)
              expect(translated.visible, where).toEqual(shown(reference, fields, language, count).visible);
          }
        }
      }
    });

    if (language !== 'en') {
      it(`(${language}) is translated: no long string is left as in English`, () => {
        const strings = PAGE_STRINGS[language];
        for (const group of groups) {
          for (const [key, text] of Object.entries(en[group] as Record<string, string>)) {
            const words = text.replace(/\{[^{}]*\}/g, '').match(/\p{L}{2,}/gu) ?? [];
            if (words.length < 3) continue;
            expect((strings[group] as Record<string, string>)[key], `${language} ${group}.${key}`).not.toBe(
              text,
            );
          }
        }
      });
    }
  }

  it('chooses the browser’s preference among the register’s languages, then among the six, then the register’s first', () => {
    const belgium = ['nl', 'fr', 'de', 'en'] as const;
    expect(chooseLanguage(acceptLanguageTags('fr-BE,fr;q=0.9,nl;q=0.8'), belgium)).toBe('fr');
    expect(chooseLanguage(acceptLanguageTags('es-ES,de;q=0.5'), belgium)).toBe('de');
    expect(chooseLanguage(acceptLanguageTags('es-ES,pt;q=0.5'), belgium)).toBe('es');
    expect(chooseLanguage(acceptLanguageTags('ja-JP,zh;q=0.5'), belgium)).toBe('nl');
    expect(chooseLanguage(acceptLanguageTags(undefined), ['es', 'en'])).toBe('es');
    expect(chooseLanguage(acceptLanguageTags('fr;q=0, en-GB'), ['fr', 'en'])).toBe('en');
    expect(chooseLanguage(acceptLanguageTags('de-DE,en;q=0.5,fr;q=0.7'), ['fr', 'en'])).toBe('fr');
  });

  it('writes numbers and dates in the browser’s own locale of that language, else the register’s country', () => {
    expect(localeFor('fr', ['fr-BE', 'en'])).toBe('fr-BE');
    expect(localeFor('nl', ['en-GB'], 'BE')).toBe('nl-BE');
    expect(localeFor('en', [])).toBe('en');
  });

  it('fills fields: numbers for the locale, words that agree with them, unknown fields left visible', () => {
    expect(fill('{rows} {rows|row|rows}', { rows: 1 })).toBe('1 row');
    expect(fill('{rows} {rows|row|rows}', { rows: 200000 }, 'en')).toBe('200,000 rows');
    expect(fill('{rows} {rows|ligne|lignes}', { rows: 200000 }, 'fr-FR')).toBe('200\u202f000 lignes');
    // French singular covers 0 and 1; English does not.
    expect(fill('{n} {n|partie|parties}', { n: 0 }, 'fr')).toBe('0 partie');
    expect(fill('{n} {n|part|parts}', { n: 0 }, 'en')).toBe('0 parts');
    expect(fill('{n|Une ligne|{n} lignes}', { n: 3 }, 'fr')).toBe('3 lignes');
    expect(fill('{missing}', {})).toBe('{missing}');
    expect(fieldsOf('{a} {b|x|{c} y}')).toEqual(['a', 'b', 'c']);
  });
});
