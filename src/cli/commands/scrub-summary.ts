/**
 * What `quietlist scrub` prints: the plan of an oprf scrub before it spends anything (how many numbers
 * today's quota covers, how many rows that finishes, when the rest can be done), the summary of a
 * finished scrub, and the summary of one that left rows unchecked. Counts and file names only.
 */
import { describeAdditions } from '../../client/additions/held-additions.ts';
import type { EvaluationPlan } from '../../client/oprf/evaluation-budget.ts';
import type { ScrubReport } from '../../client/scrub/scrub.ts';
import { DEFAULT_LIST } from '../../core/lists/list-name.ts';
import type { ScrubReceipt } from '../../core/receipt/receipt.ts';
import { describeScope } from '../../core/scopes/scope-labels.ts';

const n = (value: number) => value.toLocaleString('en');

/** `2026-12-07 00:00 UTC`: the reset as the API gives it, for a log line. */
function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function planText(plan: EvaluationPlan): string {
  const lines = [
    `oprf: ${n(plan.needed)} numbers of this file need an evaluation (the others are in the journal); the quota leaves ${n(plan.remaining)} today`,
  ];
  if (plan.resumesAt === undefined) {
    lines.push(`  all ${n(plan.rows)} rows can be checked now`);
  } else {
    const more =
      plan.moreDays > 0
        ? `, and about ${plan.moreDays} more day${plan.moreDays === 1 ? '' : 's'} at the daily limit`
        : '';
    lines.push(
      `  ${n(plan.rowsToday)} of ${n(plan.rows)} rows can be checked today; the rest from ${when(plan.resumesAt)}${more}`,
      '  rows not checked today go to the --unchecked file; scrub the same file again after the reset to finish (what is evaluated today is kept)',
    );
  }
  return `${lines.join('\n')}\n`;
}

export function summaryText(report: ScrubReport, receiptPath: string | undefined): string {
  const receipt = report.receipt!;
  const { counts, outputs } = receipt;
  const seconds = (Date.parse(receipt.finishedAt) - Date.parse(receipt.startedAt)) / 1000;
  const reasons = Object.entries(receipt.invalidByReason).map(([reason, count]) => `${count} × ${reason}`);
  const written = [
    `clean → ${outputs.clean.name}`,
    outputs.listed && `listed → ${outputs.listed.name}`,
    outputs.rejects && `rejects → ${outputs.rejects.name}`,
    receiptPath && `receipt → ${receiptPath}`,
  ].filter(Boolean);
  const lines = [
    `scrubbed ${receipt.input.name} (${describeInput(receipt.settings)}) against epoch ${receipt.epoch.id} (created ${receipt.epoch.createdAt}, region ${receipt.settings.region})`,
    `  rows ${counts.rows}  clean ${counts.clean}  listed ${counts.listed}  invalid ${counts.invalid}` +
      (counts.blank > 0 ? `  (${counts.blank} blank rows skipped)` : ''),
    ...(reasons.length > 0 ? [`  invalid: ${reasons.join(', ')}`] : []),
    ...(receipt.scope
      ? [
          `  checked for ${describeScope(receipt.scope)}${receipt.scope.channel === null || receipt.scope.sector === null ? ': a number opted out of any of them is listed (--channel and --sector narrow it)' : ''}`,
        ]
      : []),
    ...(receipt.partitions
      ? [
          `  partitions held: ${receipt.partitions.length > 12 ? `${receipt.partitions.length} of them` : receipt.partitions.join(' ') || 'none'}${receipt.invalidByReason.NOT_ENTITLED ? `; ${receipt.invalidByReason.NOT_ENTITLED} row(s) outside them are in the rejects, not the clean list` : ''}`,
        ]
      : []),
    `  false-positive rate ε ${receipt.epoch.falsePositiveRate}: expected false positives among the listed rows ` +
      `≈ ${formatExpected(receipt.epoch.falsePositiveRate * counts.rows)} (ε × rows); a registered number is never missed`,
    ...(report.oprfEvaluated === undefined
      ? []
      : [
          `  oprf: ${report.oprfEvaluated} numbers evaluated (blinded) by the worker this run; the others came from the journal`,
          ...(report.oprfExtraReadings
            ? [
                `  ${report.oprfExtraReadings} of the readings looked up are second readings of ambiguous values (a "+", "00" or 0 lost), each one more evaluation unless journaled`,
              ]
            : []),
        ]),
    ...(report.onlineSent === undefined
      ? []
      : [
          `  online: ${report.onlineSent} numbers checked by the worker this run (it sees them: secret mode); the others came from the journal`,
        ]),
    ...(receipt.settings.excelSafe
      ? [
          report.result.format === 'csv'
            ? `  excel-safe: ${report.result.formulaCells} cell(s) a spreadsheet would run as formulas written as text (a ' before them)`
            : `  excel-safe: ${report.result.formulaCells} formula cell(s) written as their values`,
        ]
      : []),
    ...(receipt.timestamp
      ? [
          `  operator timestamp: the receipt's hash was countersigned by the worker (receipt verify checks it)`,
        ]
      : []),
    ...listLines(report),
    `  ${written.join('; ')}`,
    `  ${seconds.toFixed(1)} s, ${Math.round(counts.rows / Math.max(seconds, 1e-3)).toLocaleString('en')} rows/s`,
  ];
  return `${lines.join('\n')}\n`;
}

/** A scrub that left rows unchecked: what was written, why it stopped, when to go on. */
export function partialText(report: ScrubReport): string {
  const { partial, result } = report;
  const { counts, outputs } = result;
  const why = stopReason(partial!.stoppedBy);
  const resume = partial!.plan.resumesAt ? ` after ${when(partial!.plan.resumesAt)}` : '';
  const lines = [
    `scrub not finished: ${n(partial!.unchecked)} rows not checked yet${why}`,
    `  checked: rows ${counts.rows}  clean ${counts.clean}  listed ${counts.listed}  invalid ${counts.invalid}`,
    ...(report.scope ? [`  checked for ${describeScope(report.scope)}`] : []),
    `  clean (checked rows only) → ${outputs.clean.name}; not yet checked → ${outputs.unchecked?.name}`,
    `  oprf: ${n(report.oprfEvaluated ?? 0)} numbers evaluated this run, kept in the journal`,
    `  no receipt: scrub the same file again${resume} to finish it; only the missing numbers are evaluated, and the receipt comes with the finished file`,
  ];
  return `${lines.join('\n')}\n`;
}

export function partialJson(report: ScrubReport) {
  const { partial, result } = report;
  return {
    finished: false,
    unchecked: partial!.unchecked,
    plan: partial!.plan,
    stoppedBy: stopReason(partial!.stoppedBy).replace(/^: /, '') || null,
    counts: result.counts,
    outputs: result.outputs,
    oprfEvaluated: report.oprfEvaluated ?? 0,
  };
}

function stopReason(failure: unknown): string {
  if (failure === undefined) return ': the quota left today did not cover them';
  return `: ${(failure as Error)?.message ?? String(failure)}`;
}

/** Each list a row was checked against (beyond the root list alone, without live additions). */
function listLines(report: ScrubReport): string[] {
  const [only] = report.lists;
  if (report.lists.length === 1 && only?.list === DEFAULT_LIST && !only.additions) return [];
  return report.lists.map(
    (list) =>
      `  list ${list.list}: epoch ${list.epoch}, ${list.scope ? `checked for ${describeScope(list.scope)}, ` : ''}` +
      `${list.partitions ? `partitions held ${list.partitions.length > 12 ? `${list.partitions.length} of them` : list.partitions.join(' ') || 'none'}, ` : ''}` +
      `${list.listed} row(s) listed, ${describeAdditions(list.additions)}`,
  );
}

/** `column "Téléphone", CSV windows-1252 ";"` or `columns "Fixe", "Portable", xlsx sheet "Calls"`. */
function describeInput(settings: ScrubReceipt['settings']): string {
  const names = settings.columns ?? [settings.column];
  const column = `column${names.length > 1 ? 's' : ''} ${names.map((name) => JSON.stringify(name)).join(', ')}`;
  if (settings.format === 'csv')
    return `${column}, CSV ${settings.encoding} ${JSON.stringify(settings.delimiter)}`;
  return `${column}, ${settings.format} sheet ${JSON.stringify(settings.sheet)}`;
}

function formatExpected(value: number): string {
  return value < 0.01 ? value.toExponential(1) : value.toFixed(2);
}
