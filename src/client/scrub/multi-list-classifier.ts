/**
 * One scrub, several lists (`scrub --list a,b`): every row is classified by each list's own classifier
 * (its epoch, keys, additions, the scope it answers for and the partitions it holds) in the same pass,
 * and is listed when any list holds it. The rows each list matched are counted (a row of several phone
 * columns once, when any of its values is listed), so the summary and the report say which lists
 * removed what. A value no list holds is clean only when every list answered it "not listed": one a
 * list could not answer (a partition its cache does not hold: NOT_ENTITLED; not evaluated yet:
 * unchecked; not a number in its plan) keeps that answer, the first such list's, as POST /v1/check
 * does (core/lists/combined-answer.ts), so it goes to the rejects or the unchecked rows, never the clean ones.
 */
import type { RowClassifier } from './row-classifier.ts';
import { LISTED, NOT_LISTED, UNCHECKED } from './row-status.ts';

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
    // Not listed by the first list: another's "could not answer" wins (unchecked before invalid).
    for (const answer of answers.slice(1)) {
      for (let i = 0; i < statuses.length; i++) {
        const status = answer[i]!;
        if (statuses[i] === NOT_LISTED || (status === UNCHECKED && statuses[i] !== LISTED))
          statuses[i] = status;
      }
    }
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
