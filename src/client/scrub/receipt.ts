/**
 * Builds the scrub receipt of a CLI scrub: core/receipt/build-receipt.ts over the cached epoch, with this
 * package's version. Never a number.
 */

import { buildScrubReceipt } from '../../core/receipt/build-receipt.ts';
import type { ScrubReceipt } from '../../core/receipt/receipt.ts';
import type { ScopeQuery } from '../../core/scopes/scope-labels.ts';
import type { CachedEpoch } from '../cache/cached-epoch.ts';
import { toolVersion } from '../tool-version.ts';
import type { CsvScrubResult, ScrubMode } from './csv-scrub.ts';
import type { SheetScrubResult } from './sheet-scrub.ts';

export type { ScrubReceipt } from '../../core/receipt/receipt.ts';

export function buildReceipt(args: {
  epoch: CachedEpoch;
  inputName: string;
  settings: ScrubReceipt['settings'];
  result: Pick<CsvScrubResult, 'counts' | 'invalidByReason' | 'input' | 'outputs'>;
  /** How the numbers were checked, when a worker took part: blinded (oprf) or in the clear (online). */
  checkedWith?: { kind: 'worker' | 'online'; url: string };
  /** Every list checked against (buildScrubReceipt). */
  lists?: ScrubReceipt['lists'];
  scope?: ScopeQuery;
  partitions?: readonly string[];
  startedAt: Date;
  finishedAt: Date;
}): ScrubReceipt {
  const { epoch } = args;
  return buildScrubReceipt({
    ...args,
    epoch: {
      signed: epoch.signed,
      manifestSha256: epoch.manifestSha256,
      publicKey: epoch.publicKey,
      source: epoch.pointer.source,
    },
    toolVersion: toolVersion(),
  });
}

/** The receipt of a finished scrub: how the input was read (its phone columns), how the outputs were written, what was found, when. */
export function receiptOfScrub(args: {
  epoch: CachedEpoch;
  inputName: string;
  result: CsvScrubResult | SheetScrubResult;
  region: string;
  mode: ScrubMode;
  checkedWith?: { kind: 'worker' | 'online'; url: string };
  /** Every list checked against (buildScrubReceipt). */
  lists?: ScrubReceipt['lists'];
  /** Scoped epochs: the channel and sector checked; partitioned ones: the partitions held. */
  scope?: ScopeQuery;
  partitions?: readonly string[];
  startedAt: Date;
  finishedAt: Date;
}): ScrubReceipt {
  const { result, region, mode } = args;
  // Several phone columns are all named in the receipt; one keeps the receipt as it always was.
  const columns = result.columns.length > 1 ? { columns: result.columns } : {};
  // Outputs written for spreadsheets say so; byte-for-byte ones keep the receipt as it always was.
  const excelSafe = result.excelSafe ? { excelSafe: true as const } : {};
  const settings: ScrubReceipt['settings'] =
    result.format === 'csv'
      ? {
          column: result.column,
          ...columns,
          region,
          mode,
          format: 'csv',
          delimiter: result.delimiter,
          encoding: result.encoding,
          ...excelSafe,
        }
      : {
          column: result.column,
          ...columns,
          region,
          mode,
          format: result.format,
          sheet: result.sheet,
          ...excelSafe,
        };
  return buildReceipt({ ...args, settings });
}
