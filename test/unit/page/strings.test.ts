/** The scrub page's languages: the same keys in both, placeholders kept, the choice from Accept-Language. */
import { describe, expect, it } from 'vitest';
import { en } from '../../../src/page/shared/strings/en.ts';
import { fr } from '../../../src/page/shared/strings/fr.ts';
import { acceptLanguageTags, fill, pickLanguage } from '../../../src/page/shared/strings/index.ts';

describe('scrub page strings', () => {
  it('has every English key in French, with the same {placeholders}', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    const fields = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(fields(fr[key]), key).toEqual(fields(en[key]));
      expect(fr[key].trim(), key).not.toBe('');
    }
  });

  it('chooses French or English from the browser’s preferences, by q-value', () => {
    expect(pickLanguage(acceptLanguageTags('fr-FR,fr;q=0.9,en;q=0.8'))).toBe('fr');
    expect(pickLanguage(acceptLanguageTags('de-DE,en;q=0.5,fr;q=0.7'))).toBe('fr');
    expect(pickLanguage(acceptLanguageTags('de-DE'))).toBe('en');
    expect(pickLanguage(acceptLanguageTags(undefined))).toBe('en');
    expect(pickLanguage(acceptLanguageTags('fr;q=0, en-GB'))).toBe('en');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fill('{rows} rows, {clean} clean', { rows: 3, clean: 1 })).toBe('3 rows, 1 clean');
    expect(fill('{missing}', {})).toBe('{missing}');
  });
});
