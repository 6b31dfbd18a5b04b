/**
 * Builds the scrub receipt of a CLI scrub: core/receipt/build-receipt.ts over the cached epoch, with this
 * package's version. Never a number.
 */

import { buildScrubReceipt } from '../../core/receipt/build-receipt.ts';
import type { ScrubReceipt } from '../../core/receipt/receipt.ts';
import type { CachedEpoch } from '../cache/cached-epoch.ts';
import { toolVersion } from '../tool-version.ts';
import type { CsvScrubResult } from './csv-scrub.ts';

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
