/**
 * Scrub rows of an oprf-mode epoch: each batch's numbers not yet in the evaluation journal are sent,
 * blinded, to the worker (several batches in flight at once), journaled as soon as their proof
 * verifies, then looked up in the local filter. An interrupted scrub, run again, finds its numbers in
 * the journal and pays for none of them twice.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import type { Manifest } from '../../core/epoch/manifest.ts';
import type { FilterSet } from '../../core/filter/shard-set.ts';
import { epochMembership } from '../../core/membership.ts';
import { normalizePhone } from '../../core/phone/normalize.ts';
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
  readonly #region: CountryCode;
  readonly #classify: (value: string | undefined) => number;
  readonly #crypto: OprfClientCrypto | undefined;
  /** Numbers this run sent to the worker. */
  evaluated = 0;

  constructor(
    manifest: Manifest,
    filters: FilterSet,
    journal: OprfOutputJournal,
    evaluate: OprfEvaluator,
    region: CountryCode,
    /** The evaluator's blinding threads, closed with the classifier. */
    crypto?: OprfClientCrypto,
  ) {
    this.#journal = journal;
    this.#crypto = crypto;
    this.#evaluate = evaluate;
    this.#region = region;
    const membership = epochMembership(manifest, { oprfOutputs: journalHasher(journal) }, region);
    this.#classify = createRowClassifier(membership, filters);
  }

  async classify(values: (string | undefined)[]): Promise<Uint8Array> {
    const e164s: string[] = [];
    for (const value of values) {
      if (value === undefined) continue;
      const normalized = normalizePhone(asUtf8(value), this.#region);
      if (normalized.ok) e164s.push(normalized.e164);
    }
    // Batches run concurrently: add after the await, never read-await-write.
    const evaluated = await resolveOprfOutputs(e164s, this.#journal, this.#evaluate);
    this.evaluated += evaluated;
    return Uint8Array.from(values, this.#classify);
  }

  async close(): Promise<void> {
    this.#journal.close();
    await this.#crypto?.close();
  }
}
