/** The scrub page's languages, and the choice from a browser's preferences (Accept-Language, navigator.languages). */
import { en, type PageStrings } from './en.ts';
import { fr } from './fr.ts';

export type PageLanguage = 'en' | 'fr';
export const PAGE_STRINGS: Record<PageLanguage, PageStrings> = { en, fr };
export type { PageStrings };

/** The first of the preferred languages the page speaks; English otherwise. */
export function pickLanguage(preferred: readonly string[]): PageLanguage {
  for (const tag of preferred) {
    const primary = tag.trim().split(/[-_;]/)[0]?.toLowerCase();
    if (primary === 'fr' || primary === 'en') return primary;
  }
  return 'en';
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

/** A string with its `{name}` fields filled in. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
