/** The leak check of the end-to-end tests finds a number in any spelling, and not across fields. */
import { describe, expect, it } from 'vitest';
import { numberLeaks } from '../../helpers/number-leaks.ts';

const numbers = [{ nsn: '0612345678', region: 'IT' }];

describe('numberLeaks', () => {
  it('finds a number however it is spelt', () => {
    for (const text of ['+39 06 1234 5678', 'tel:+39-06-12-34-56-78', '"(06) 1234.5678"', '00390612345678']) {
      expect(numberLeaks(text, numbers), text).toEqual(['IT']);
    }
  });

  it('does not join the digits of separate fields', () => {
    const audit = JSON.stringify({ at: '2026-12-07T06:12:34Z', rows: 5678, bytes: 0, id: 'a06f1234' });
    expect(numberLeaks(audit, numbers)).toEqual([]);
    expect(numberLeaks('{"count":"06","size":12345678}', numbers)).toEqual([]);
    expect(numberLeaks('{"startedAtMs":1796739400612345678}', numbers)).toEqual([]);
  });
});
