/**
 * The page's words at run time: the chosen language (a stored choice, else the one the server chose
 * from the register and the browser), each message shown remembered as a key and its values so a
 * switch of language rewrites it, numbers and dates formatted for the locale, and problems sent by the
 * Web Worker (an API code, a file that is not a list…) worded for the person.
 */
import { type Formats, formatsFor } from '../shared/format.ts';
import type { PageProblem } from '../shared/page-problem.ts';
import type { PageKey } from '../shared/strings/en.ts';
import {
  chooseLanguage,
  fill,
  isPageLanguage,
  localeFor,
  PAGE_STRINGS,
  type PageLanguage,
} from '../shared/strings/index.ts';

/** A value formatted when shown, so a change of language rewrites it too. */
export type Formatted =
  | { date: string }
  | { dateTime: string }
  | { bytes: number }
  | { percent: [number, number] }
  /** Another string of the page (the kind of a file…). */
  | { word: PageKey };
export type Values = Record<string, string | number | Formatted>;
/** A message: a page string with its values, or a problem (worded when shown). */
export type Message = { key: PageKey; values?: Values } | { problem: PageProblem };

const STORED_LANGUAGE = 'quietlist-language';

function safeStorage(): Storage | undefined {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
}

export class PageText {
  language: PageLanguage;
  #locale: string;
  #formats: Formats;
  #country: string | undefined;
  readonly #shown = new Map<HTMLElement, Message[]>();

  constructor(served: string | undefined, languages: readonly PageLanguage[], locale: string | undefined) {
    const stored = safeStorage()?.getItem(STORED_LANGUAGE);
    const preferred = [...navigator.languages, navigator.language];
    this.language = isPageLanguage(stored)
      ? stored
      : isPageLanguage(served)
        ? served
        : chooseLanguage(preferred, languages);
    this.#locale =
      stored && stored !== served ? localeFor(this.language, preferred) : (locale ?? this.language);
    this.#formats = formatsFor(this.#locale);
  }

  get format(): Formats {
    return this.#formats;
  }

  /** The register's country, once the list is known: numbers and dates as written there. */
  setCountry(country: string): void {
    this.#country = country;
  }

  switchTo(language: PageLanguage): void {
    this.language = language;
    safeStorage()?.setItem(STORED_LANGUAGE, language);
    this.#locale = localeFor(language, [...navigator.languages, navigator.language], this.#country);
    this.#formats = formatsFor(this.#locale);
  }

  t(key: PageKey, values: Values = {}): string {
    const plain: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(values)) plain[name] = this.#formatted(value);
    return fill(PAGE_STRINGS[this.language].page[key], plain, this.#locale);
  }

  #formatted(value: string | number | Formatted): string | number {
    if (typeof value !== 'object') return value;
    const f = this.#formats;
    if ('date' in value) return f.date(value.date);
    if ('dateTime' in value) return f.dateTime(value.dateTime);
    if ('bytes' in value) return f.bytes(value.bytes);
    if ('word' in value) return this.t(value.word);
    return f.percent(value.percent[0], value.percent[1]);
  }

  /** A problem in the person's words (the technical detail stays in a data attribute). */
  problem(problem: PageProblem): string {
    const strings = PAGE_STRINGS[this.language];
    if (problem.kind === 'problem') return strings.problems[problem.key];
    // Only QUOTA_EXCEEDED names a time, when the server said when the allowance renews (Retry-After);
    // without it, "used up until {time}" cannot be filled in any language: say it is used up for today.
    if (problem.code === 'QUOTA_EXCEEDED' && !problem.until) return this.t('stoppedQuota');
    const until = problem.until ? this.#formats.dateTime(problem.until) : '';
    return fill(strings.apiErrors[problem.code], { time: until }, this.#locale);
  }

  #word(message: Message): string {
    return 'problem' in message ? this.problem(message.problem) : this.t(message.key, message.values);
  }

  /** Shows messages (joined by a space) in an element, and remembers them for a change of language. */
  say(element: HTMLElement, ...messages: Message[]): void {
    this.#shown.set(element, messages);
    element.textContent = messages.map((message) => this.#word(message)).join(' ');
    const detail = messages.find((message) => 'problem' in message);
    if (detail && 'problem' in detail && detail.problem.detail)
      element.dataset.detail = detail.problem.detail;
    else delete element.dataset.detail;
  }

  /** Rewrites everything in the current language: the template's strings and every message shown. */
  render(): void {
    document.documentElement.lang = this.language;
    document.title = this.t('title');
    for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
      element.textContent = this.t(element.dataset.i18n as PageKey);
    }
    for (const [element, messages] of this.#shown) this.say(element, ...messages);
    for (const link of document.querySelectorAll<HTMLElement>('[data-set-lang]')) {
      link.setAttribute('aria-current', String(link.dataset.setLang === this.language));
    }
  }
}
