/**
 * Several lists' answers to one value (core/lists/combined-answer.ts): listed when any list lists it,
 * naming which; else NOT_ENTITLED when one list could not answer it; else not listed when one list read
 * it as a number; else the first list's reason.
 */
import { describe, expect, it } from 'vitest';
import { combineListResults } from '../../../../src/core/lists/combined-answer.ts';
import type { CheckResult } from '../../../../src/core/membership.ts';

const listed: CheckResult = { status: 'listed' };
const clean: CheckResult = { status: 'not_listed' };
const notEntitled: CheckResult = { status: 'invalid', reason: 'NOT_ENTITLED', message: 'not held' };
const tooShort: CheckResult = { status: 'invalid', reason: 'TOO_SHORT', message: 'too short' };

describe('combineListResults', () => {
  it('lists, then could-not-answer, then not listed, then the first reason', () => {
    const invalidCountry: CheckResult = { status: 'invalid', reason: 'INVALID_COUNTRY', message: 'country' };
    expect(
      combineListResults([
        { list: 'a', results: [clean, listed, clean, clean, tooShort, tooShort, tooShort] },
        { list: 'b', results: [listed, listed, notEntitled, clean, notEntitled, clean, invalidCountry] },
      ]),
    ).toEqual([
      { status: 'listed', lists: ['b'] },
      { status: 'listed', lists: ['a', 'b'] },
      { ...notEntitled, lists: [] },
      { status: 'not_listed', lists: [] },
      { ...notEntitled, lists: [] },
      { status: 'not_listed', lists: [] },
      { ...tooShort, lists: [] },
    ]);
  });
});
