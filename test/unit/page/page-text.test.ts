/**
 * A problem in the person's words (page/window/page-text.ts): the quota's message names the time the
 * allowance renews when the server said it, and otherwise says it is used up for today, never an
 * empty "until" ("used up until later" cannot be written in French, Spanish or Italian).
 */
import { describe, expect, it } from 'vitest';
import { PAGE_LANGUAGES, PAGE_STRINGS } from '../../../src/page/shared/strings/index.ts';
import { PageText } from '../../../src/page/window/page-text.ts';

describe('a problem in the page’s language', () => {
  for (const language of PAGE_LANGUAGES) {
    it(`(${language}) the quota used up: until the time the server gave, else for today`, () => {
      const text = new PageText(language, [language], language);
      const until = '2026-12-08T00:00:00.000Z';
      const renews = text.problem({ kind: 'api', code: 'QUOTA_EXCEEDED', until });
      expect(renews).toContain(text.format.dateTime(until));
      expect(renews).not.toMatch(/[{}]/);
      expect(text.problem({ kind: 'api', code: 'QUOTA_EXCEEDED' })).toBe(
        PAGE_STRINGS[language].page.stoppedQuota,
      );
      expect(text.problem({ kind: 'problem', key: 'network' })).toBe(PAGE_STRINGS[language].problems.network);
    });
  }
});
