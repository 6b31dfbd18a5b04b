/**
 * The scrub receipt: what a company files to show when, with what and against which list it cleaned
 * a call list. Everything in it can be checked later: the manifest hash against the operator's signed
 * manifest, the file hashes against the files kept. It holds counts and hashes, never a number.
 */

import type { TextEncodingName } from '../../core/text-encoding.ts';
import type { CachedEpoch } from '../cached-epoch.ts';
import { toolVersion } from '../tool-version.ts';
import type { CsvScrubResult, ScrubMode } from './csv-scrub.ts';
import type { OutputSummary } from './output-file.ts';

export interface ScrubReceipt {
  format: 'quietlist-scrub-receipt';
  version: 1;
  tool: { name: 'quietlist'; version: string };
  startedAt: string;
  finishedAt: string;
  epoch: {
    id: string;
    createdAt: string;
    manifestSha256: string;
    signingKeyFingerprint: string;
    source: string;
    falsePositiveRate: number;
  };
  input: { name: string; bytes: number; sha256: string };
  /** `column`: the phone column's header name as read; the rest says how the input was read. */
  settings:
    | {
        column: string;
        region: string;
        mode: ScrubMode;
        format: 'csv';
        delimiter: string;
        encoding: TextEncodingName;
      }
    | { column: string; region: string; mode: ScrubMode; format: 'xlsx' | 'ods'; sheet: string };
  counts: CsvScrubResult['counts'];
  invalidByReason: CsvScrubResult['invalidByReason'];
  outputs: { clean: OutputSummary; listed?: OutputSummary; rejects?: OutputSummary };
}

export function buildReceipt(args: {
  epoch: CachedEpoch;
  inputName: string;
  settings: ScrubReceipt['settings'];
  result: Pick<CsvScrubResult, 'counts' | 'invalidByReason' | 'input' | 'outputs'>;
  startedAt: Date;
  finishedAt: Date;
}): ScrubReceipt {
  const { epoch, result } = args;
  return {
    format: 'quietlist-scrub-receipt',
    version: 1,
    tool: { name: 'quietlist', version: toolVersion() },
    startedAt: args.startedAt.toISOString(),
    finishedAt: args.finishedAt.toISOString(),
    epoch: {
      id: epoch.manifest.epoch,
      createdAt: epoch.manifest.createdAt,
      manifestSha256: epoch.manifestSha256,
      signingKeyFingerprint: epoch.keyFingerprint,
      source: epoch.pointer.source,
      falsePositiveRate: epoch.manifest.filter.falsePositiveRate,
    },
    input: { name: args.inputName, bytes: result.input.bytes, sha256: result.input.sha256 },
    settings: args.settings,
    counts: result.counts,
    invalidByReason: result.invalidByReason,
    outputs: result.outputs,
  };
}
