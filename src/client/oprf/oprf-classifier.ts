/**
 * Scrub rows of an oprf-mode epoch: each batch's numbers not yet in the evaluation journal are sent,
 * blinded, to the worker (several batches in flight at once), journaled as soon as their proof
 * verifies, then looked up in the local filter. An interrupted scrub, run again, finds its numbers in
 * the journal and pays for none of them twice.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import type { DigestLookup } from '../../core/additions/addition-set.ts';
import type { Manifest } from '../../core/epoch/manifest.ts';
import type { FilterSet } from '../../core/filter/shard-set.ts';
import {
  epochMembership,
  keysToDigest,
  type MembershipOptions,
  withAdditions,
} from '../../core/membership.ts';
import { readPhone } from '../../core/phone/normalize.ts';
import type { DiallingPlan } from '../../core/phone/numbering-plan.ts';
import type { RowClassifier } from '../scrub/row-classifier.ts';
import { asUtf8, createRowClassifier } from '../scrub/row-status.ts';
import type { OprfClientCrypto } from './client-crypto.ts';
import { journalHasher, type OprfOutputJournal, resolveOprfOutputs } from './oprf-digests.ts';
import type { OprfEvaluator } from './oprf-evaluator.ts';

export class OprfRowClassifier implements RowClassifier {
  /** Batches in flight: the worker evaluates some while this process blinds and unblinds others. */
  readonly threads = 2;
  readonly #journal: OprfOutputJournal;
  readonly #evaluate: OprfEvaluator;
  readonly #plan: DiallingPlan;
  readonly #membership: ReturnType<typeof epochMembership>;
  readonly #classify: (value: string | undefined) => number;
  readonly #crypto: OprfClientCrypto | undefined;
  /** Numbers (readings' keys) this run sent to the worker. */
  evaluated = 0;
  /** Readings beyond the first of values that have several (each one more evaluation, unless journaled). */
  extraReadings = 0;

  constructor(
    manifest: Manifest,
    filters: FilterSet,
    journal: OprfOutputJournal,
    evaluate: OprfEvaluator,
    region: CountryCode,
    /** The evaluator's blinding threads, closed with the classifier. */
    crypto?: OprfClientCrypto,
    /** The scope checked, and the partitions held (only their numbers are evaluated). */
    options: MembershipOptions = {},
    /** A live list's unexpired additions (OPRF outputs' digests), on top of the filter. */
    additions?: DigestLookup,
  ) {
    this.#journal = journal;
    this.#crypto = crypto;
    this.#evaluate = evaluate;
    const keyed = epochMembership(manifest, { oprfOutputs: journalHasher(journal) }, region, options);
    const membership = additions ? withAdditions(keyed, additions) : keyed;
    this.#membership = membership;
    this.#plan = membership.plan;
    this.#classify = createRowClassifier(membership, filters);
  }

  async classify(values: (string | undefined)[]): Promise<Uint8Array> {
    // Every reading of a value is evaluated: it is listed if any of them is (docs/NUMBERS.md).
    const keys: string[] = [];
    let extraReadings = 0;
    for (const value of values) {
      if (value === undefined) continue;
      const read = readPhone(asUtf8(value), this.#plan);
      if (!read.ok) continue;
      for (const reading of read.readings) keys.push(reading.key);
      extraReadings += read.readings.length - 1;
    }
    // A reading of a partition the epoch does not list, or not held, costs no evaluation: one
    // evaluation per number serves every scope (docs/FORMAT.md §1.3). Batches run concurrently: add
    // after the await, never read-await-write.
    const evaluated = await resolveOprfOutputs(
      keysToDigest(this.#membership, keys),
      this.#journal,
      this.#evaluate,
    );
    this.evaluated += evaluated;
    this.extraReadings += extraReadings;
    return Uint8Array.from(values, this.#classify);
  }

  async close(): Promise<void> {
    this.#journal.close();
    await this.#crypto?.close();
  }
}
