/**
 * A row with several phone columns (`Tél. fixe`, `Tél. portable`): each of its values is classified,
 * then the row gets one status. A row is clean only if every number it holds is checked and not
 * listed: one listed number makes it listed; one not yet checked keeps it out of the clean file; an
 * unreadable value (not a number, Excel's damage) rejects it, since that number could be registered.
 * An empty cell, or a row too short to have the column, is no number and counts for nothing, unless
 * every column is so (the row's status is then the first column's, as with one column). The row
 * also gets a mask of the columns that decided it, so the outputs can say which column matched.
 */
import { EMPTY, LISTED, NO_FIELD, NOT_LISTED, UNCHECKED } from './row-status.ts';

/** Phone columns a scrub checks at most (a mask is 32 bits). */
export const MAX_PHONE_COLUMNS = 32;

export interface RowVerdicts {
  /** One status per row. */
  statuses: Uint8Array;
  /** Per row, bit c set: column c decided the status (listed, unreadable, not yet checked). Absent with one column. */
  columns?: Uint32Array;
}

/** Combines `values` statuses (rows × `columns`, row by row) into row statuses. */
export function combineColumns(values: Uint8Array, columns: number): RowVerdicts {
  if (columns === 1) return { statuses: values };
  const rows = values.length / columns;
  const statuses = new Uint8Array(rows);
  const masks = new Uint32Array(rows);
  for (let row = 0; row < rows; row++) {
    const base = row * columns;
    let listed = 0;
    let unchecked = 0;
    let invalid = 0;
    let firstInvalid = -1;
    let clean = false;
    for (let c = 0; c < columns; c++) {
      const status = values[base + c]!;
      const bit = 1 << c;
      if (status === LISTED) listed |= bit;
      else if (status === UNCHECKED) unchecked |= bit;
      else if (status === NOT_LISTED) clean = true;
      else if (status !== EMPTY && status !== NO_FIELD) {
        invalid |= bit;
        if (firstInvalid === -1) firstInvalid = status;
      }
    }
    if (listed !== 0) [statuses[row], masks[row]] = [LISTED, listed];
    else if (unchecked !== 0) [statuses[row], masks[row]] = [UNCHECKED, unchecked];
    else if (invalid !== 0) [statuses[row], masks[row]] = [firstInvalid, invalid];
    else if (clean) statuses[row] = NOT_LISTED;
    else statuses[row] = values[base]!;
  }
  return { statuses, columns: masks };
}

/** The names of the columns in `mask`, for the outputs' `quietlist_column` field. */
export function columnNames(names: readonly string[], mask: number): string {
  return names.filter((_, c) => (mask & (1 << c)) !== 0).join(' + ');
}
