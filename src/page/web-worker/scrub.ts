/**
 * The scrub page's whole scrub, run in its Web Worker: the call list (call-list.ts), the verified
 * epoch (epoch-download.ts), a classifier built by the CLI's own code (open mode: the epoch's
 * published hash key and filter; oprf mode: page-oprf.ts, which counts, asks what today's quota
 * allows and evaluates through client/oprf), the outputs, and the receipt
 * (core/receipt/build-receipt.ts) countersigned by the operator when the server offers it (only the
 * receipt's hash is sent). A scrub that leaves rows unchecked gives the rows it checked and a file of
 * the others, and no receipt. A live list's signed additions are read and verified again before every
 * scrub (epoch-additions.ts), answered with on top of the filter and named in the receipt; when they
 * cannot be read the scrub stops (never the filter alone). Secret-mode epochs are refused: their only online check (POST
 * /v1/check) receives the numbers in the clear, which this page never sends.
 */
import type { EvaluationPlan } from '../../client/oprf/evaluation-budget.ts';
import { countersignReceipt } from '../../client/receipt/request-timestamp.ts';
import { classifierFromSetup } from '../../client/scrub/classifier-setup.ts';
import type { RowClassifier } from '../../client/scrub/row-classifier.ts';
import type { ScrubMode } from '../../client/scrub/row-layout.ts';
import { sha256Hex } from '../../core/encoding/bytes.ts';
import { QuietlistError } from '../../core/errors.ts';
import { epochRegion } from '../../core/membership.ts';
import { buildScrubReceipt } from '../../core/receipt/build-receipt.ts';
import type { ScrubReceipt } from '../../core/receipt/receipt.ts';
import { epochRules } from '../../core/registers/epoch-rules.ts';
import { parseScopeQuery, type ScopeQuery } from '../../core/scopes/scope-labels.ts';
import type { OprfBackendName } from '../../oprf/types.ts';
import { looksLikeApiKey } from '../shared/api-key-shape.ts';
import type { PageProblem } from '../shared/page-problem.ts';
import type { ProgressStage } from '../shared/worker-protocol.ts';
import { type OutputFile, openCallList } from './call-list.ts';
import { readPageAdditions, receiptList } from './epoch-additions.ts';
import type { VerifiedEpoch } from './epoch-download.ts';
import { describeFailure, pageFailure } from './page-failure.ts';
import { prepareOprf } from './page-oprf.ts';

export type { InspectedFile, OutputFile } from './call-list.ts';

export interface PageScrubResult {
  counts: ScrubReceipt['counts'];
  invalidByReason: Record<string, number>;
  clean: OutputFile;
  listed: OutputFile;
  rejects: OutputFile;
  /** Rows not checked yet (present only when there are some). */
  unchecked?: OutputFile;
  /** Only for a finished scrub. */
  receipt?: OutputFile;
  /** The operator countersigned the receipt. */
  stamped: boolean;
  /** Rows were left unchecked: how many, why, and when the quota starts again. */
  partial?: {
    unchecked: number;
    /** Data rows of the file. */
    total: number;
    resumesAt?: string;
    /** Why the evaluations stopped early (none: the quota covered only part of the file, as planned). */
    stoppedBy?: PageProblem;
    /** The evaluations are kept in this browser, so the next run does not spend them again. */
    kept: boolean;
  };
  /**
   * With excelSafe: CSV cells written with a `'` before them, or a workbook's formulas written as their
   * values; without: such cells found and passed as they came.
   */
  formulaCells: number;
  excelSafe: boolean;
  /** oprf mode: the backend that blinded and unblinded ('libsodium' WebAssembly, else 'noble'). */
  oprfBackend?: OprfBackendName;
  /** oprf mode: numbers the server evaluated for this run. */
  evaluated?: number;
  /** A live list: the newest signed addition the scrub answered with, and how many were in force. */
  additions?: { through: number; publishedAt: string | null; entries: number };
}

export interface PageScrubRequest {
  name: string;
  bytes: Uint8Array;
  /** The phone columns, 0-based. */
  columns: number[];
  mode: ScrubMode;
  /** Outputs for Excel (client/scrub/excel-safe.ts): the page's default. */
  excelSafe: boolean;
  epoch: VerifiedEpoch;
  /** The server (the page's origin): oprf evaluations, the quota, receipt countersignatures. */
  origin: string;
  /** oprf mode: the subscriber's API key. */
  apiKey?: string;
  /** oprf mode: check only what today's quota covers (the person agreed to the plan). */
  partial: boolean;
  /** Scoped registers: the channel and sector checked, in every phone column (default any). */
  scope?: ScopeQuery;
  toolVersion: string;
  onProgress?: (stage: ProgressStage, done: number, total: number) => void;
}

/** The scope checked (scoped epochs; validated against the register) and the partitions held. */
function membershipChoices(request: PageScrubRequest): { scope?: ScopeQuery; partitions?: string[] } {
  const { manifest } = request.epoch;
  const rules = epochRules(manifest);
  const scope = rules.scopes ? parseScopeQuery(rules.scopes, request.scope ?? {}, rules.name) : undefined;
  return {
    ...(scope ? { scope } : {}),
    ...(request.epoch.partitions ? { partitions: request.epoch.partitions } : {}),
  };
}

export async function inspectFile(name: string, bytes: Uint8Array) {
  return (await openCallList(name, bytes)).inspected;
}

export async function scrubFile(
  request: PageScrubRequest,
): Promise<{ plan: EvaluationPlan } | { result: PageScrubResult }> {
  const startedAt = new Date();
  const { epoch } = request;
  const { manifest } = epoch;
  const list = await openCallList(request.name, request.bytes, request.columns);
  const total = list.inspected.rows;
  const progress = (stage: ProgressStage) => (done: number) => request.onProgress?.(stage, done, total);
  // A live list's additions, read again for every scrub: an objection posted a minute ago is listed.
  const additions = manifest.mode === 'secret' ? null : await liveAdditions(epoch, request);
  let classifier: RowClassifier;
  let oprf: Extract<Awaited<ReturnType<typeof prepareOprf>>, { kind: 'ready' }> | undefined;
  if (manifest.mode === 'secret') throw pageFailure('secretMode');
  const { scope, partitions } = membershipChoices(request);
  if (manifest.mode === 'open') {
    const classify = classifierFromSetup({
      shards: epoch.shards,
      manifest,
      region: epochRegion(manifest),
      ...(scope ? { scope } : {}),
      ...(partitions ? { partitions } : {}),
      ...(additions ? { additions: additions.set.hex() } : {}),
    });
    classifier = {
      threads: 1,
      classify: async (values) => Uint8Array.from(values, classify),
      close: async () => undefined,
    };
  } else {
    if (!request.apiKey) throw pageFailure('keyMalformed', 'no API key');
    if (!looksLikeApiKey(request.apiKey)) throw pageFailure('keyMalformed');
    const prepared = await prepareOprf({
      list,
      epoch,
      origin: request.origin,
      apiKey: request.apiKey,
      partial: request.partial,
      ...(additions ? { additions: additions.set } : {}),
      onProgress: (stage, done, all) => request.onProgress?.(stage, done, all),
      membership: { ...(scope ? { scope } : {}), ...(partitions ? { partitions: new Set(partitions) } : {}) },
    });
    if (prepared.kind === 'plan') return { plan: prepared.plan };
    oprf = prepared;
    classifier = prepared.classifier;
  }
  const outcome = await list.pass(classifier, request.mode, {
    keep: true,
    excelSafe: request.excelSafe,
    onProgress: progress('scrub'),
  });
  const { outputs, counts, invalidByReason } = outcome;
  const unchecked = outputs.unchecked.rows;
  const base = {
    counts,
    invalidByReason,
    clean: outputs.clean,
    listed: outputs.listed,
    rejects: outputs.rejects,
    stamped: false,
    formulaCells: outcome.formulaCells,
    excelSafe: request.excelSafe,
    ...(oprf ? { oprfBackend: oprf.backend.name, evaluated: oprf.outcome.evaluated } : {}),
    ...(additions
      ? {
          additions: {
            through: additions.status.through,
            publishedAt: additions.status.publishedAt,
            entries: additions.status.entries,
          },
        }
      : {}),
  };
  if (unchecked > 0) {
    // A receipt vouches for a finished file: this one comes when the same file is scrubbed again.
    const stoppedBy = oprf?.outcome.failure === undefined ? undefined : describeFailure(oprf.outcome.failure);
    const resumesAt = stoppedBy?.kind === 'api' && stoppedBy.until ? stoppedBy.until : oprf?.plan.resumesAt;
    return {
      result: {
        ...base,
        unchecked: outputs.unchecked,
        partial: {
          unchecked,
          total,
          ...(resumesAt ? { resumesAt } : {}),
          ...(stoppedBy ? { stoppedBy } : {}),
          kept: oprf?.kept ?? false,
        },
      },
    };
  }
  const summary = async (file: OutputFile) => ({
    name: file.name,
    rows: file.rows,
    bytes: file.bytes.length,
    sha256: await sha256Hex(file.bytes),
  });
  const receipt = buildScrubReceipt({
    epoch,
    toolVersion: request.toolVersion,
    inputName: request.name,
    settings: { ...outcome.settings, region: epochRegion(manifest), mode: request.mode },
    result: {
      counts,
      invalidByReason,
      input: { bytes: request.bytes.length, sha256: await sha256Hex(request.bytes) },
      outputs: {
        clean: await summary(outputs.clean),
        listed: await summary(outputs.listed),
        rejects: await summary(outputs.rejects),
      },
    },
    checkedWith: oprf ? { kind: 'worker', url: request.origin } : undefined,
    ...(additions ? { lists: [receiptList(epoch, counts.listed, additions)] } : {}),
    ...(scope ? { scope } : {}),
    ...(partitions ? { partitions } : {}),
    startedAt,
    finishedAt: new Date(),
  });
  // Only the receipt's hash is sent, and only with an API key (the endpoint is for subscribers).
  const warning = request.apiKey
    ? await countersignReceipt(receipt, { url: request.origin, apiKey: request.apiKey }, epoch.publicKey)
    : 'no API key';
  return {
    result: {
      ...base,
      stamped: warning === undefined,
      receipt: {
        name: `${request.name.replace(/\.[^.]*$/, '') || 'list'}.receipt.json`,
        type: 'application/json',
        bytes: new TextEncoder().encode(`${JSON.stringify(receipt, null, 2)}\n`),
        rows: 0,
      },
    },
  };
}

/** The epoch's additions; unreadable ones stop the scrub in the person's words (a signature failure stays one). */
async function liveAdditions(epoch: VerifiedEpoch, request: PageScrubRequest) {
  try {
    return await readPageAdditions(epoch, request);
  } catch (error) {
    if (error instanceof QuietlistError && error.code === 'STORAGE_UNAVAILABLE')
      throw pageFailure('additionsUnavailable', error.message);
    throw error;
  }
}
