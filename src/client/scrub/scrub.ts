/**
 * `scrub` as a library call: the cached epoch (verified), a classifier, the CSV engine (or, for an
 * .xlsx / .ods input recognised by its first bytes, the spreadsheet one), and the receipt. An open-mode epoch is scrubbed locally by a pool of hashing threads sharing its filter
 * (its hash key is in the signed manifest); an oprf-mode epoch through blinded evaluations by the
 * worker, journaled in the cache so that an interrupted scrub resumes without paying twice.
 */
import { availableParallelism } from 'node:os';
import type { Manifest } from '../../core/epoch/manifest.ts';
import { QuietlistError } from '../../core/errors.ts';
import { isRegionCode, NORMALIZATION_VERSION } from '../../core/phone/normalize.ts';
import { OnlineRowClassifier } from '../online/online-classifier.ts';
import { OprfRowClassifier } from '../oprf/oprf-classifier.ts';
import { countersignReceipt } from '../receipt/request-timestamp.ts';
import { DEFAULT_MAX_AGE_DAYS, usableEpochWarning } from '../trust/staleness.ts';
import { scrubCsv } from './csv-scrub.ts';
import { hashedInput } from './hashed-input.ts';
import { MultiListClassifier } from './multi-list-classifier.ts';
import { oprfEvaluator, type PlannedScrub, type ScrubPass, scrubWithinQuota } from './oprf-scrub.ts';
import { receiptOfScrub } from './receipt.ts';
import type { RowClassifier } from './row-classifier.ts';
import { classifierFor } from './scrub-classifiers.ts';
import { scrubSpreadsheet, sniffInput } from './scrub-input.ts';
import { listMemberships, listsScrubbed, openLists, receiptLists } from './scrub-lists.ts';
import type { ScrubReport, ScrubRequest, ScrubResult } from './scrub-request.ts';

export type { OprfScrubOptions } from './oprf-scrub.ts';
export type { ListScrub } from './scrub-lists.ts';
export type { ScrubReport, ScrubRequest, ScrubResult } from './scrub-request.ts';

export async function scrub(request: ScrubRequest): Promise<ScrubReport> {
  const now = request.now ?? (() => new Date());
  const startedAt = now();
  const opened = await openLists(request.lists, request.cacheDirectory, request.publicKey, now());
  const first = opened[0]!;
  const { epoch } = first;
  const { manifest } = epoch;
  const region = (request.region ?? manifest.normalization.defaultRegion).toUpperCase();
  if (!isRegionCode(region))
    throw new QuietlistError('INVALID_ARGUMENT', `--region ${region} is not a known region code`);
  const warnings = opened.flatMap((list) => [
    ...epochWarnings(list.epoch.manifest, now(), request.maxAgeDays),
    ...list.additions.warnings,
  ]);
  const mode = request.mode ?? 'drop';
  const memberships = listMemberships(opened, request.scope);
  const membership = memberships[0]!;
  const { scope, held } = membership;
  const input = await sniffInput(request.input, request);
  const pass: ScrubPass<ScrubResult> = (hashed, classifier, outputs, passMode) =>
    input.format === 'csv'
      ? scrubCsv({ ...request, input: hashed, mode: passMode, classifier, outputs })
      : scrubSpreadsheet({
          ...request,
          input: hashed,
          format: input.format,
          mode: passMode,
          classifier,
          outputs,
        });
  let result: ScrubResult;
  let oprfEvaluated: number | undefined;
  let oprfExtraReadings: number | undefined;
  let onlineSent: number | undefined;
  let planned: PlannedScrub<ScrubResult> | undefined;
  let listedBy: Record<string, number> | undefined;
  if (
    opened.length === 1 &&
    manifest.mode === 'oprf' &&
    request.oprf &&
    request.reopenInput &&
    request.outputs.unchecked
  ) {
    // Count, ask what is left of the quota, say so, evaluate what it allows, then scrub (one list: the
    // quota is the subscriber's, so several lists' evaluations are asked as they are read, below).
    const { reopenInput, oprf } = request;
    const evaluator = await oprfEvaluator(epoch, oprf, request.threads ?? availableParallelism(), first.list);
    try {
      planned = await scrubWithinQuota({
        epoch,
        region,
        cacheDirectory: first.cacheDirectory,
        additions: first.additions.status ? first.additions.set : undefined,
        worker: oprf,
        evaluate: evaluator.evaluate,
        input: input.input,
        reopen: () => hashedInput(reopenInput()),
        pass,
        mode,
        outputs: request.outputs,
        onPlan: request.onPlan,
        onEvaluations: request.onEvaluations,
        membership: membership.options,
      });
    } finally {
      // Threads left running would keep the process alive.
      await evaluator.close();
    }
    result = planned.result;
    oprfEvaluated = planned.outcome.evaluated;
    oprfExtraReadings = planned.extraReadings;
  } else {
    const classifiers: { name: string; classifier: RowClassifier }[] = [];
    try {
      for (const list of opened) {
        const listRegion = (request.region ?? list.epoch.manifest.normalization.defaultRegion).toUpperCase();
        if (!isRegionCode(listRegion))
          throw new QuietlistError('INVALID_ARGUMENT', `--region ${listRegion} is not a known region code`);
        const listMembership = memberships[opened.indexOf(list)]!;
        classifiers.push({
          name: list.list,
          classifier: await classifierFor(list, request, listRegion, listMembership),
        });
      }
    } catch (error) {
      await Promise.all(classifiers.map(({ classifier }) => classifier.close()));
      throw error;
    }
    const classifier =
      classifiers.length === 1 ? classifiers[0]!.classifier : new MultiListClassifier(classifiers);
    try {
      result = await pass(input.input, classifier, request.outputs, mode);
    } finally {
      await classifier.close();
    }
    if (classifier instanceof MultiListClassifier) listedBy = classifier.listedBy;
    if (classifier instanceof OprfRowClassifier) {
      oprfEvaluated = classifier.evaluated;
      oprfExtraReadings = classifier.extraReadings;
    }
    if (classifier instanceof OnlineRowClassifier) onlineSent = classifier.sent;
  }
  if (result.format === 'csv' && !result.excelSafe && result.formulaCells > 0) {
    warnings.push(
      `${result.formulaCells} cell(s) of the outputs start with = + - @ TAB or CR, which Excel, LibreOffice and Google Sheets run as formulas: to open the outputs in a spreadsheet, scrub with --excel-safe (docs/CLIENT.md, "Opening the outputs in Excel")`,
    );
  }
  const stopped = planned && planned.unchecked > 0 ? planned : undefined;
  const partial = stopped
    ? { plan: stopped.plan, unchecked: stopped.unchecked, stoppedBy: stopped.outcome.failure }
    : undefined;
  const lists = listsScrubbed(opened, listedBy, result.counts.listed, memberships);
  // Rows were left unchecked: no receipt, which would vouch for a file the scrub did not finish.
  const receipt = partial
    ? undefined
    : receiptOfScrub({
        epoch,
        ...receiptLists(lists),
        inputName: request.inputName,
        result,
        region,
        mode,
        checkedWith: checkedWith(manifest, request),
        ...(scope ? { scope } : {}),
        ...(held ? { partitions: [...held] } : {}),
        startedAt,
        finishedAt: now(),
      });
  const worker = manifest.mode === 'oprf' ? request.oprf : request.online;
  if (receipt && worker && request.timestamp !== false) {
    const warning = await countersignReceipt(receipt, worker, epoch.publicKey);
    if (warning) warnings.push(warning);
  }
  return {
    result,
    receipt,
    epoch,
    region,
    warnings,
    oprfEvaluated,
    oprfExtraReadings,
    onlineSent,
    ...(planned ? { plan: planned.plan } : {}),
    ...(partial ? { partial } : {}),
    lists,
    ...(scope ? { scope } : {}),
  };
}

/**
 * Refuses an epoch past its register's rescrub window (EPOCH_TOO_OLD); warns of a stale list without one,
 * and of normaliser metadata other than the builder's (a mismatch could turn a listed number "clean").
 */
export function epochWarnings(manifest: Manifest, now: Date, maxAgeDays = DEFAULT_MAX_AGE_DAYS): string[] {
  const warnings: string[] = [];
  const stale = usableEpochWarning(manifest, now, maxAgeDays);
  if (stale) warnings.push(stale);
  if (manifest.normalization.version !== NORMALIZATION_VERSION) {
    warnings.push(
      `epoch ${manifest.epoch} was built with ${manifest.normalization.library} ${manifest.normalization.version}, ` +
        `this client normalises with ${NORMALIZATION_VERSION}: upgrade so both agree`,
    );
  }
  return warnings;
}

/** The worker that took part in the scrub, for the receipt: blinded evaluations, or checks in the clear. */
function checkedWith(
  manifest: Manifest,
  request: ScrubRequest,
): { kind: 'worker' | 'online'; url: string } | undefined {
  if (manifest.mode === 'oprf' && request.oprf) return { kind: 'worker', url: request.oprf.url };
  if (manifest.mode !== 'oprf' && request.online) return { kind: 'online', url: request.online.url };
  return undefined;
}
