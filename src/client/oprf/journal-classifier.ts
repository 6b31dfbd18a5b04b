/**
 * The rows of an oprf-mode scrub classified from the evaluation journal alone, after the evaluations
 * were asked for (evaluation-budget.ts): no request leaves the machine here. A value whose number has
 * no evaluation (the day's quota ran out, the network failed) is UNCHECKED: its row goes to the
 * "not yet checked" output, never to the clean one. Every lookup goes through the shared membership
 * path (core/membership.ts), so every reading of a value needs its own evaluation.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import type { DigestLookup } from '../../core/additions/addition-set.ts';
import type { Manifest } from '../../core/epoch/manifest.ts';
import type { FilterSet } from '../../core/filter/shard-set.ts';
import { epochMembership, type MembershipOptions, withAdditions } from '../../core/membership.ts';
import type { RowClassifier } from '../scrub/row-classifier.ts';
import { createRowClassifier, UNCHECKED } from '../scrub/row-status.ts';
import type { OprfOutputJournal } from './oprf-digests.ts';

/** Thrown by the journal's hasher for a number not evaluated yet; caught per value below. */
class NotEvaluated extends Error {}

export class JournalRowClassifier implements RowClassifier {
  readonly threads = 1;
  /** Values left unchecked so far. */
  unchecked = 0;
  readonly #classify: (value: string | undefined) => number;

  constructor(
    manifest: Manifest,
    filters: FilterSet,
    journal: OprfOutputJournal,
    region: CountryCode,
    /** The scope checked, and the partitions held (a reading of another one is NOT_ENTITLED). */
    options: MembershipOptions = {},
    /** A live list's unexpired additions (OPRF outputs' digests), on top of the filter. */
    additions?: DigestLookup,
  ) {
    const keyed = epochMembership(
      manifest,
      {
        oprfOutputs: {
          digest(e164) {
            const head = journal.get(e164);
            if (head === undefined) throw new NotEvaluated();
            return head;
          },
        },
      },
      region,
      options,
    );
    const membership = additions ? withAdditions(keyed, additions) : keyed;
    this.#classify = createRowClassifier(membership, filters);
  }

  async classify(values: (string | undefined)[]): Promise<Uint8Array> {
    const statuses = new Uint8Array(values.length);
    for (let i = 0; i < values.length; i++) {
      try {
        statuses[i] = this.#classify(values[i]);
      } catch (error) {
        if (!(error instanceof NotEvaluated)) throw error;
        statuses[i] = UNCHECKED;
        this.unchecked++;
      }
    }
    return statuses;
  }

  async close(): Promise<void> {}
}
