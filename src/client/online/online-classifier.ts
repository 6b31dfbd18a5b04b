/**
 * `scrub --online`: rows of a secret-mode epoch (whose hash key only the operator holds) classified by
 * the worker's POST /v1/check, in batches of 1,000. The numbers leave the machine in this mode only,
 * and the operator sees them: that is what secret mode costs (docs/PRIVACY.md). Each batch's answers
 * are journaled as soon as they arrive, so an interrupted scrub, run again, asks for none of them
 * twice. Every answer must come from the epoch the cache holds, so the receipt names the list used.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import { FormatError, QuietlistError } from '../../core/errors.ts';
import { readPhone } from '../../core/phone/normalize.ts';
import { type DiallingPlan, planOfRegion } from '../../core/phone/numbering-plan.ts';
import type { EvaluationJournal } from '../oprf/evaluation-journal.ts';
import type { RowClassifier } from '../scrub/row-classifier.ts';
import { asUtf8, invalidStatus, LISTED, NO_FIELD, NOT_LISTED } from '../scrub/row-status.ts';
import { checkOnline, MAX_CHECK_BATCH, type OnlineCheckOptions } from './online-check.ts';

const LISTED_HEAD = Uint8Array.of(1);
const NOT_LISTED_HEAD = Uint8Array.of(0);
/** A partitioned epoch: the key may not check this reading's partition (docs/FORMAT.md §1.4). */
const NOT_ENTITLED_HEAD = Uint8Array.of(2);

export class OnlineRowClassifier implements RowClassifier {
  readonly threads = 1;
  /** Numbers this run sent to the worker (the others came from the journal). */
  sent = 0;
  readonly #epoch: string;
  readonly #journal: EvaluationJournal;
  readonly #options: OnlineCheckOptions;
  readonly #plan: DiallingPlan;

  constructor(epoch: string, journal: EvaluationJournal, options: OnlineCheckOptions, region: CountryCode) {
    this.#epoch = epoch;
    this.#journal = journal;
    this.#options = options;
    this.#plan = planOfRegion(region);
  }

  /**
   * Each reading of a value is sent as its E.164 string (which has one reading on the worker's side
   * too) and journaled; the value is listed if any reading is, and "invalid" when none is listed and
   * none is a valid number (as core/membership.ts answers).
   */
  async classify(values: (string | undefined)[]): Promise<Uint8Array> {
    const statuses = new Uint8Array(values.length);
    const readings: (readonly string[] | undefined)[] = new Array(values.length);
    const valid: boolean[] = new Array(values.length);
    const pending = new Set<string>();
    values.forEach((value, i) => {
      if (value === undefined) {
        statuses[i] = NO_FIELD;
        return;
      }
      const read = readPhone(asUtf8(value), this.#plan);
      if (!read.ok) {
        statuses[i] = invalidStatus(read.reason);
        return;
      }
      readings[i] = read.readings.map((reading) => reading.e164);
      valid[i] = read.valid;
      for (const e164 of readings[i]!) if (this.#journal.get(e164) === undefined) pending.add(e164);
    });
    const queue = [...pending];
    for (let start = 0; start < queue.length; start += MAX_CHECK_BATCH) {
      await this.#ask(queue.slice(start, start + MAX_CHECK_BATCH));
    }
    readings.forEach((e164s, i) => {
      if (e164s === undefined) return;
      const heads = e164s.map((e164) => this.#journal.get(e164)![0]);
      statuses[i] = heads.includes(1)
        ? LISTED
        : heads.includes(2)
          ? invalidStatus('NOT_ENTITLED')
          : valid[i]
            ? NOT_LISTED
            : invalidStatus('NO_VALID_READING');
    });
    return statuses;
  }

  async #ask(batch: string[]): Promise<void> {
    const answer = await checkOnline(batch, this.#options);
    const epoch = answer.epochs.find((id) => id !== this.#epoch);
    if (epoch !== undefined) {
      throw new QuietlistError(
        'CONFLICT',
        `the worker answers for epoch ${epoch}, the pulled cache holds ${this.#epoch}: run quietlist pull, then scrub again (answers so far are kept)`,
      );
    }
    const heads = answer.results.map((result, i) => {
      // A reading the worker's metadata finds invalid was looked up and is not listed there.
      if (result.status === 'invalid' && result.reason === 'NO_VALID_READING') return NOT_LISTED_HEAD;
      if (result.status === 'invalid' && result.reason === 'NOT_ENTITLED') return NOT_ENTITLED_HEAD;
      if (result.status === 'invalid')
        throw new FormatError(
          `the worker refused number ${i + 1} of a batch this client normalised (${result.reason})`,
        );
      return result.status === 'listed' ? LISTED_HEAD : NOT_LISTED_HEAD;
    });
    this.#journal.add(batch, heads);
    this.sent += batch.length;
  }

  async close(): Promise<void> {
    this.#journal.close();
  }
}
