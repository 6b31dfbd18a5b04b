/**
 * One scrub, several lists (`scrub --list a,b`): every row is classified by each list's own classifier
 * (its epoch, keys, additions, the scope it answers for and the partitions it holds) in the same pass,
 * and is listed when any list holds it. The rows each list matched are counted (a row of several phone
 * columns once, when any of its values is listed), so the summary and the report say which lists
 * removed what. A value no list holds follows core/lists/combined-answer.ts, as POST /v1/check does:
 * a list that could not answer it (a partition its cache does not hold: NOT_ENTITLED; not evaluated
 * yet: unchecked) keeps it out of the clean rows; else it is clean when a list read it as a number;
 * else (no list could read it) the first list's reason.
 */
import { UNANSWERED as UNANSWERED_REASONS } from '../../core/lists/combined-answer.ts';
import type { RowClassifier } from './row-classifier.ts';
import { invalidStatus, LISTED, NOT_LISTED, UNCHECKED } from './row-status.ts';

/** Statuses of a list that could not answer a value (core/lists/combined-answer.ts's UNANSWERED). */
const UNANSWERED = new Set([UNCHECKED, ...UNANSWERED_REASONS.map(invalidStatus)]);

/** The status of value `i` from every list's: listed, could not answer, not listed, then the first's reason. */
function combinedStatus(answers: readonly Uint8Array[], i: number): number {
  let unanswered: number | undefined;
  let clean = false;
  for (const answer of answers) {
    const status = answer[i]!;
    if (status === LISTED) return LISTED;
    if (UNANSWERED.has(status)) unanswered ??= status;
    else if (status === NOT_LISTED) clean = true;
  }
  return unanswered ?? (clean ? NOT_LISTED : answers[0]![i]!);
}

export class MultiListClassifier implements RowClassifier {
  readonly threads: number;
  readonly #lists: { name: string; classifier: RowClassifier }[];
  /** Values per row (one per phone column); batches always hold whole rows. */
  #perRow = 1;
  /** Rows each list holds (a row held by two lists counts in both). */
  readonly listedBy: Record<string, number> = {};

  constructor(lists: { name: string; classifier: RowClassifier }[]) {
    this.#lists = lists;
    this.threads = Math.max(...lists.map((list) => list.classifier.threads));
    for (const list of lists) this.listedBy[list.name] = 0;
  }

  startRows(valuesPerRow: number): void {
    this.#perRow = Math.max(1, valuesPerRow);
    for (const list of this.#lists) list.classifier.startRows?.(valuesPerRow);
  }

  async classify(values: (string | undefined)[]): Promise<Uint8Array> {
    const answers = await Promise.all(this.#lists.map((list) => list.classifier.classify(values)));
    const statuses = new Uint8Array(answers[0]!);
    for (let i = 0; i < statuses.length; i++) statuses[i] = combinedStatus(answers, i);
    const perRow = this.#perRow;
    answers.forEach((answer, l) => {
      const name = this.#lists[l]!.name;
      for (let row = 0; row < answer.length; row += perRow) {
        let held = false;
        for (let i = row; i < row + perRow && i < answer.length; i++) {
          if (answer[i] !== LISTED) continue;
          held = true;
          statuses[i] = LISTED;
        }
        if (held) this.listedBy[name]! += 1;
      }
    });
    return statuses;
  }

  async close(): Promise<void> {
    await Promise.all(this.#lists.map((list) => list.classifier.close()));
  }
}
