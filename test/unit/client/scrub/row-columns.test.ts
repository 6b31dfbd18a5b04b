/** How a row with several phone columns is judged (client/scrub/row-columns.ts). */
import { describe, expect, it } from 'vitest';
import { columnNames, combineColumns } from '../../../../src/client/scrub/row-columns.ts';
import {
  EMPTY,
  invalidStatus,
  LISTED,
  NO_FIELD,
  NOT_LISTED,
  UNCHECKED,
} from '../../../../src/client/scrub/row-status.ts';

const NOT_A_NUMBER = invalidStatus('NOT_A_NUMBER');

function rows(...pairs: [number, number][]) {
  const verdicts = combineColumns(Uint8Array.from(pairs.flat()), 2);
  return [...verdicts.statuses].map((status, i) => [status, verdicts.columns![i]]);
}

describe('a row with several phone columns', () => {
  it('is listed when any number is, naming every listed column', () => {
    expect(rows([NOT_LISTED, LISTED], [LISTED, LISTED], [NOT_A_NUMBER, LISTED], [UNCHECKED, LISTED])).toEqual(
      [
        [LISTED, 0b10],
        [LISTED, 0b11],
        [LISTED, 0b10],
        [LISTED, 0b10],
      ],
    );
  });

  it('is clean only if every number it holds is checked and free; an empty cell counts for nothing', () => {
    expect(rows([NOT_LISTED, NOT_LISTED], [EMPTY, NOT_LISTED], [NOT_LISTED, NO_FIELD])).toEqual([
      [NOT_LISTED, 0],
      [NOT_LISTED, 0],
      [NOT_LISTED, 0],
    ]);
  });

  it('is not yet checked when a number was not evaluated, and rejected when one is unreadable', () => {
    expect(rows([NOT_LISTED, UNCHECKED], [UNCHECKED, NOT_A_NUMBER], [NOT_A_NUMBER, NOT_LISTED])).toEqual([
      [UNCHECKED, 0b10],
      [UNCHECKED, 0b01],
      [NOT_A_NUMBER, 0b01],
    ]);
  });

  it('with no number at all keeps the first column’s reason, as with one column', () => {
    expect(rows([EMPTY, EMPTY], [NO_FIELD, EMPTY])).toEqual([
      [EMPTY, 0],
      [NO_FIELD, 0],
    ]);
  });

  it('with one column is the value’s own status, and names the columns of a mask', () => {
    const one = Uint8Array.of(LISTED, NOT_A_NUMBER, UNCHECKED);
    expect(combineColumns(one, 1)).toEqual({ statuses: one });
    expect(columnNames(['Fixe', 'Portable', 'Pro'], 0b101)).toBe('Fixe + Pro');
  });
});
