/**
 * The English of the pages, as phrases to look for on a page rendered in another language: every
 * string of page/shared/strings/en.ts cut at its `{fields}` (the words of `{n|one|other}` taken
 * apart too), keeping the pieces of three words or more, so a proper name or a file's column name
 * (`quietlist_status`, "Excel") is not mistaken for English left untranslated.
 */
import { en } from '../../src/page/shared/strings/en.ts';

const PLURAL = /\{\w+\|((?:[^|{}]|\{\w+\})*)\|((?:[^|{}]|\{\w+\})*)\}/g;

function pieces(template: string): string[] {
  const branches: string[] = [];
  const flat = template.replace(PLURAL, (_whole, one: string, other: string) => {
    branches.push(one, other);
    return '{|}';
  });
  return [flat, ...branches].flatMap((text) => text.split(/\{\w+\}|\{\|\}/));
}

export function englishPhrases(): string[] {
  const phrases = new Set<string>();
  for (const group of Object.values(en)) {
    for (const template of Object.values(group as Record<string, string>)) {
      for (const piece of pieces(template)) {
        const phrase = piece.trim().replace(/^[\s,.:;()–—…]+|[\s,.:;()–—…]+$/g, '');
        if ((phrase.match(/\p{L}{2,}/gu) ?? []).length >= 3) phrases.add(phrase);
      }
    }
  }
  return [...phrases];
}

/** The English phrases found in `text` (a page's visible text). */
export function englishIn(text: string): string[] {
  const flat = text.replace(/\s+/g, ' ');
  return englishPhrases().filter((phrase) => flat.includes(phrase));
}
