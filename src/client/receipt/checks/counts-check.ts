/**
 * The receipt's own arithmetic: rows, outputs, reasons, times and the lists' listed rows must add up.
 * They are the company's own statement: this catches a receipt that contradicts itself, not a false one
 * written consistently.
 */
import type { ScrubReceipt } from '../../../core/receipt/receipt.ts';
import type { AddCheck } from './receipt-check.ts';

export function checkCounts(receipt: ScrubReceipt, add: AddCheck): void {
  const { counts, outputs, settings, invalidByReason } = receipt;
  const problems: string[] = [];
  if (counts.rows !== counts.listed + counts.clean + counts.invalid)
    problems.push('rows ≠ listed + clean + invalid');
  const reasons = Object.values(invalidByReason).reduce((sum, n) => sum + n, 0);
  if (reasons !== counts.invalid) problems.push('the invalid rows by reason do not add up to invalid');
  const cleanRows = settings.mode === 'flag' ? counts.rows : counts.clean;
  if (outputs.clean.rows !== cleanRows)
    problems.push(`the clean output has ${outputs.clean.rows} rows, not ${cleanRows}`);
  if (outputs.listed && outputs.listed.rows !== counts.listed)
    problems.push('the listed output row count differs');
  if (outputs.rejects && outputs.rejects.rows !== counts.invalid)
    problems.push('the rejects output row count differs');
  if (Date.parse(receipt.finishedAt) < Date.parse(receipt.startedAt))
    problems.push('finishedAt is before startedAt');
  const lists = receipt.lists;
  if (lists) {
    // docs/FORMAT.md §13.6: the first list is the receipt's epoch; each list's rows are some of the listed ones.
    const first = lists[0]!;
    if (first.epoch !== receipt.epoch.id || first.manifestSha256 !== receipt.epoch.manifestSha256)
      problems.push("the first of lists is not the receipt's epoch");
    const most = Math.max(...lists.map((list) => list.listed));
    const all = lists.reduce((sum, list) => sum + list.listed, 0);
    if (most > counts.listed || all < counts.listed)
      problems.push("the lists' listed rows do not account for listed");
  }
  add(
    'counts and times',
    problems.length === 0 ? 'verified' : 'failed',
    problems.length === 0
      ? `rows ${counts.rows} = listed ${counts.listed} + clean ${counts.clean} + invalid ${counts.invalid}; outputs agree`
      : problems.join('; '),
  );
}
