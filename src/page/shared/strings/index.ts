/**
 * The pages' languages (the status page and /scrub): every string in six languages, one file each
 * (en.ts is the reference; the others have the same keys and the same `{fields}`), the choice of a
 * language from the register's languages (its profile, in the signed manifest) and the browser's
 * preferences, and the filling of a string's fields with numbers and words formatted for the language.
 */
import { PAGE_LANGUAGES, type PageLanguage } from '../../../core/registers/profile.ts';
import { de } from './de.ts';
import { en, type PageStrings } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { it } from './it.ts';
import { nl } from './nl.ts';

export type { PageStrings };
export { PAGE_LANGUAGES, type PageLanguage };
export const PAGE_STRINGS: Record<PageLanguage, PageStrings> = { en, fr, es, it, nl, de };

/** Each language named in itself, for the switch on the pages. */
export const LANGUAGE_NAMES: Record<PageLanguage, string> = {
  fr: 'Français',
  en: 'English',
  es: 'Español',
  it: 'Italiano',
  nl: 'Nederlands',
  de: 'Deutsch',
};

export function isPageLanguage(value: unknown): value is PageLanguage {
  return typeof value === 'string' && (PAGE_LANGUAGES as readonly string[]).includes(value);
}

function primary(tag: string): string {
  return tag.trim().split(/[-_;]/)[0]?.toLowerCase() ?? '';
}

/**
 * The language a page speaks: the first of the browser's preferences the register speaks; else the
 * first the pages speak at all; else the register's own first language.
 */
export function chooseLanguage(
  preferred: readonly string[],
  registerLanguages: readonly PageLanguage[] = ['en'],
): PageLanguage {
  const wanted = preferred.map(primary);
  const ofRegister = wanted.find((tag) => (registerLanguages as readonly string[]).includes(tag));
  if (isPageLanguage(ofRegister)) return ofRegister;
  const ofPages = wanted.find(isPageLanguage);
  if (ofPages !== undefined) return ofPages;
  return registerLanguages[0] ?? 'en';
}

/**
 * The locale numbers and dates are written in: the browser's own tag for that language (fr-BE,
 * en-GB), else the language in the register's country (nl-BE for Belgium's register), else the bare language.
 */
export function localeFor(language: PageLanguage, preferred: readonly string[], country?: string): string {
  const own = preferred.find((tag) => primary(tag) === language && /^[a-z]{2}-[A-Za-z]{2}$/.test(tag.trim()));
  if (own) return own.trim();
  if (country && /^[A-Z]{2}$/.test(country)) return `${language}-${country}`;
  return language;
}

/** Accept-Language's tags in order of preference (q-values honoured). */
export function acceptLanguageTags(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((entry) => entry.tag !== '' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}

/** `{name|one|other}`: a choice by number, whose branches may hold `{fields}` of their own. */
const PLURAL = /\{(\w+)\|((?:[^|{}]|\{\w+\})*)\|((?:[^|{}]|\{\w+\})*)\}/g;
const FIELD = /\{(\w+)\}/g;

/**
 * A string with its fields filled: `{name}` is the value (a number written for the locale: 1 234,
 * 1,234), `{name|one|other}` the words that agree with the number `name` (Intl.PluralRules: "1 ligne",
 * "0 ligne" in French, "0 rows" in English).
 */
export function fill(template: string, values: Record<string, string | number>, locale = 'en'): string {
  const numbers = new Intl.NumberFormat(locale);
  const plural = new Intl.PluralRules(locale);
  return template
    .replace(PLURAL, (whole, name: string, one: string, other: string) => {
      if (!(name in values)) return whole;
      const value = values[name]!;
      return typeof value === 'number' && plural.select(value) === 'one' ? one : other;
    })
    .replace(FIELD, (whole, name: string) => {
      if (!(name in values)) return whole;
      const value = values[name]!;
      return typeof value === 'number' ? numbers.format(value) : value;
    });
}

/** The `{fields}` a string uses (each once), for the test that every language fills the same ones. */
export function fieldsOf(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)[|}]/g)].map((match) => match[1]!))].sort();
}
