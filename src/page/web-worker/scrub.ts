/**
 * The scrub page's whole scrub, run in its Web Worker: the call list (CSV or .xlsx/.ods, in memory),
 * the verified epoch (epoch-download.ts), a classifier built by the CLI's own code (open mode: the
 * epoch's published hash key and filter; oprf mode: blinded evaluations by the worker through
 * client/oprf), the outputs, and the receipt (core/receipt/build-receipt.ts) countersigned by the operator
 * when the server offers it (only the receipt's hash is sent). Secret-mode epochs are refused: their
 * only online check (POST /v1/check) receives the numbers in the clear, which this page never sends.
 */

import { OprfRowClassifier } from '../../client/oprf/oprf-classifier.ts';
import { createOprfEvaluator } from '../../client/oprf/oprf-evaluator.ts';
import { countersignReceipt } from '../../client/receipt/request-timestamp.ts';
import { classifierFromSetup } from '../../client/scrub/classifier-setup.ts';
import { resolvePhoneColumn } from '../../client/scrub/phone-column.ts';
import type { RowClassifier } from '../../client/scrub/row-classifier.ts';
import type { ScrubMode } from '../../client/scrub/row-layout.ts';
import type { SheetFormat } from '../../client/scrub/sheet-workbook.ts';
import { fromBase64 } from '../../core/encoding/base64.ts';
import { sha256Hex } from '../../core/encoding/bytes.ts';
import { QuietlistError } from '../../core/errors.ts';
import { parseFilter } from '../../core/filter/format.ts';
import { FilterSet } from '../../core/filter/shard-set.ts';
import { epochRegion } from '../../core/membership.ts';
import { buildScrubReceipt } from '../../core/receipt/build-receipt.ts';
import type { ScrubReceipt } from '../../core/receipt/receipt.ts';
import { detectSpreadsheet } from '../../core/text/spreadsheet-magic.ts';
import { createOprfBackend } from '../../oprf/backend.ts';
import type { OprfBackend, OprfBackendName } from '../../oprf/types.ts';
import { csvHeader, encodeCsvOutput, readCsvFile, scrubCsvFile } from './csv-file.ts';
import { type PageAdditions, readPageAdditions, receiptList } from './epoch-additions.ts';
import type { VerifiedEpoch } from './epoch-download.ts';
import { MemoryJournal } from './memory-journal.ts';

export interface InspectedFile {
  format: 'csv' | SheetFormat;
  /** CSV: the encoding and delimiter read; a workbook: the sheet. */
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  columns: string[];
  /** The column the CLI would take (0-based), or -1 when it would ask. */
  suggested: number;
}

export interface OutputFile {
  name: string;
  type: string;
  bytes: Uint8Array;
  rows: number;
}

export interface PageScrubResult {
  counts: ScrubReceipt['counts'];
  invalidByReason: Record<string, number>;
  clean: OutputFile;
  listed: OutputFile;
  rejects: OutputFile;
  receipt: OutputFile;
  /** Why the receipt has no countersignature, when it has none. */
  warnings: string[];
  /**
   * With excelSafe: CSV cells written with a `'` before them, or a workbook's formulas written as their
   * values; without: such cells found and passed as they came.
   */
  formulaCells: number;
  excelSafe: boolean;
  /** oprf mode: the backend that blinded and unblinded ('libsodium' WebAssembly, else 'noble'). */
  oprfBackend?: OprfBackendName;
}

export interface PageScrubRequest {
  name: string;
  bytes: Uint8Array;
  /** The phone column, 0-based. */
  column: number;
  mode: ScrubMode;
  /** Outputs for Excel (client/scrub/excel-safe.ts): the page's default. */
  excelSafe: boolean;
  epoch: VerifiedEpoch;
  /** The server (the page's origin): oprf evaluations and receipt countersignatures. */
  origin: string;
  /** oprf mode: the subscriber's API key. */
  apiKey?: string;
  toolVersion: string;
  onProgress?: (rows: number) => void;
}

let oprfBackend: Promise<OprfBackend> | undefined;

/**
 * libsodium's WebAssembly (about 8× faster than pure JS here, docs/BROWSER.md), loaded once per Web
 * Worker and only in oprf mode; @noble/curves when WebAssembly is unavailable (a policy, an old
 * browser). Both give the same bytes (test/unit/oprf/backends-agree.test.ts).
 */
function pageOprfBackend(): Promise<OprfBackend> {
  oprfBackend ??= createOprfBackend({ prefer: 'libsodium' });
  return oprfBackend;
}

const SPREADSHEET_TYPES: Record<SheetFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
};

function fileFormat(bytes: Uint8Array): 'csv' | SheetFormat {
  const kind = detectSpreadsheet(bytes.subarray(0, 64 * 1024));
  if (kind === 'xls')
    throw new QuietlistError(
      'INPUT_INVALID',
      'the file is an Excel 97-2003 workbook (.xls): save it as .xlsx or CSV',
    );
  if (kind === 'zip') throw new QuietlistError('INPUT_INVALID', 'the file is a ZIP archive, not a call list');
  return kind ?? 'csv';
}

function suggestedColumn(names: string[]): number {
  try {
    return resolvePhoneColumn(names, undefined).index;
  } catch {
    return -1;
  }
}

/** SheetJS (most of the worker's code) is loaded only for a workbook: a CSV never downloads it. */
function workbooks(): Promise<typeof import('../../client/scrub/sheet-workbook.ts')> {
  return import('../../client/scrub/sheet-workbook.ts');
}

export async function inspectFile(bytes: Uint8Array): Promise<InspectedFile> {
  const format = fileFormat(bytes);
  if (format !== 'csv') {
    const { sheet, names } = await (await workbooks()).workbookHeader(bytes, format);
    return { format, sheet, columns: names, suggested: suggestedColumn(names) };
  }
  const file = readCsvFile(bytes);
  const columns = csvHeader(file);
  return {
    format,
    encoding: file.encoding,
    delimiter: file.delimiter,
    columns,
    suggested: suggestedColumn(columns),
  };
}

/** The classifier for the epoch's mode; a secret-mode epoch is refused here. */
async function classifierFor(
  request: PageScrubRequest,
  additions: PageAdditions | null,
): Promise<{ classifier: RowClassifier; backend?: OprfBackend }> {
  const { epoch } = request;
  const { manifest } = epoch;
  const region = epochRegion(manifest);
  if (manifest.mode === 'secret') {
    throw new QuietlistError(
      'INVALID_CONFIG',
      'this list is published in secret mode: it can only be checked by sending numbers to the server, which this page never does; use the quietlist command line (scrub --online) or the API',
    );
  }
  if (manifest.mode === 'open') {
    const classify = classifierFromSetup({
      shards: epoch.shards,
      manifest,
      region,
      ...(additions ? { additions: additions.set.hex() } : {}),
    });
    return {
      classifier: {
        threads: 1,
        classify: async (values) => Uint8Array.from(values, classify),
        close: async () => undefined,
      },
    };
  }
  if (!request.apiKey || !manifest.hash.publicKey) {
    throw new QuietlistError('INVALID_CONFIG', 'this list is in oprf mode: enter your API key');
  }
  const backend = await pageOprfBackend();
  const evaluate = createOprfEvaluator({
    url: request.origin,
    apiKey: request.apiKey,
    backend,
    publicKey: fromBase64(manifest.hash.publicKey, 'manifest OPRF public key'),
    epoch: manifest.epoch,
    keyId: manifest.hash.keyId,
  });
  const filters = new FilterSet(
    manifest.filter.shardPrefixBits,
    epoch.shards.map((bytes) => parseFilter(bytes).filter),
  );
  return {
    classifier: new OprfRowClassifier(
      manifest,
      filters,
      new MemoryJournal(),
      evaluate,
      region,
      undefined,
      additions?.set,
    ),
    backend,
  };
}

export async function scrubFile(request: PageScrubRequest): Promise<PageScrubResult> {
  const startedAt = new Date();
  const { epoch, bytes } = request;
  const format = fileFormat(bytes);
  // A live list's additions, read again for every scrub: an objection posted a minute ago is listed.
  const additions = await readPageAdditions(epoch, request);
  const { classifier, backend } = await classifierFor(request, additions);
  const region = epochRegion(epoch.manifest);
  const base = request.name.replace(/\.[^.]*$/, '') || 'list';
  // flag mode: the main file holds every row, marked, so it is not called "clean".
  const main = request.mode === 'flag' ? 'flagged' : 'clean';
  let outputs: { clean: OutputFile; listed: OutputFile; rejects: OutputFile };
  let counts: ScrubReceipt['counts'];
  let invalidByReason: Record<string, number>;
  let settings: ScrubReceipt['settings'];
  let formulaCells: number;
  const excelSafe = request.excelSafe ? { excelSafe: true as const } : {};
  try {
    if (format === 'csv') {
      const file = readCsvFile(bytes);
      const names = csvHeader(file);
      const column = resolvePhoneColumn(names, String(request.column + 1));
      const done = await scrubCsvFile(
        file,
        column.index,
        request.mode,
        classifier,
        request.onProgress,
        request.excelSafe,
      );
      formulaCells = done.formulaCells;
      const out = (suffix: string, sink: typeof done.outputs.clean): OutputFile => ({
        name: `${base}.${suffix}.csv`,
        type: 'text/csv',
        bytes: encodeCsvOutput(sink, file.encoding),
        rows: sink.rows,
      });
      outputs = {
        clean: out(main, done.outputs.clean),
        listed: out('listed', done.outputs.listed),
        rejects: out('rejects', done.outputs.rejects),
      };
      ({ counts } = done);
      invalidByReason = done.invalidByReason as Record<string, number>;
      settings = {
        column: column.name,
        region,
        mode: request.mode,
        format: 'csv',
        delimiter: file.delimiter,
        encoding: file.encoding,
        ...excelSafe,
      };
    } else {
      const done = await (await workbooks()).scrubWorkbook(bytes, {
        format,
        column: String(request.column + 1),
        mode: request.mode,
        classifier,
        listed: true,
        rejects: true,
        excelSafe: request.excelSafe,
        onProgress: request.onProgress,
      });
      formulaCells = done.formulaCells;
      const out = (suffix: string, o: { bytes: Uint8Array; rows: number }): OutputFile => ({
        name: `${base}.${suffix}.${format}`,
        type: SPREADSHEET_TYPES[format],
        bytes: o.bytes,
        rows: o.rows,
      });
      outputs = {
        clean: out(main, done.outputs.clean),
        listed: out('listed', done.outputs.listed!),
        rejects: out('rejects', done.outputs.rejects!),
      };
      ({ counts } = done);
      invalidByReason = done.invalidByReason as Record<string, number>;
      settings = { column: done.column, region, mode: request.mode, format, sheet: done.sheet, ...excelSafe };
    }
  } finally {
    await classifier.close();
  }
  const summary = async (file: OutputFile) => ({
    name: file.name,
    rows: file.rows,
    bytes: file.bytes.length,
    sha256: await sha256Hex(file.bytes),
  });
  const oprf = epoch.manifest.mode === 'oprf';
  const receipt = buildScrubReceipt({
    epoch,
    toolVersion: request.toolVersion,
    inputName: request.name,
    settings,
    result: {
      counts,
      invalidByReason,
      input: { bytes: bytes.length, sha256: await sha256Hex(bytes) },
      outputs: {
        clean: await summary(outputs.clean),
        listed: await summary(outputs.listed),
        rejects: await summary(outputs.rejects),
      },
    },
    checkedWith: oprf ? { kind: 'worker', url: request.origin } : undefined,
    ...(additions ? { lists: [receiptList(epoch, counts.listed, additions)] } : {}),
    startedAt,
    finishedAt: new Date(),
  });
  const warnings: string[] = [];
  // Only the receipt's hash is sent, and only with an API key (the endpoint is for subscribers).
  if (request.apiKey) {
    const warning = await countersignReceipt(
      receipt,
      { url: request.origin, apiKey: request.apiKey },
      epoch.publicKey,
    );
    if (warning) warnings.push(warning);
  }
  return {
    counts,
    invalidByReason,
    ...outputs,
    receipt: {
      name: `${base}.receipt.json`,
      type: 'application/json',
      bytes: new TextEncoder().encode(`${JSON.stringify(receipt, null, 2)}\n`),
      rows: 0,
    },
    warnings,
    formulaCells,
    excelSafe: request.excelSafe,
    ...(backend ? { oprfBackend: backend.name } : {}),
  };
}
