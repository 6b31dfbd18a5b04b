/**
 * Before an oprf-mode scrub asks the worker for anything: which numbers of the call list need an
 * evaluation (those the journal does not hold yet, each once, in the order the file first uses them),
 * and how many rows a given number of evaluations would finish. The planner is a RowClassifier, so
 * it reads the file through the very engine and columns the scrub will use; it asks the shared
 * membership path (core/membership.ts) for every value, against a filter in which nothing is listed,
 * so it learns every reading of every value the scrub will look up, and nothing leaves the machine.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import type { KeyedHasher } from '../../core/digest/keyed-hash.ts';
import type { Manifest } from '../../core/epoch/manifest.ts';
import { BloomFilter } from '../../core/filter/bloom-filter.ts';
import { FilterSet } from '../../core/filter/shard-set.ts';
import { epochMembership, type MembershipOptions } from '../../core/membership.ts';
import type { RowClassifier } from '../scrub/row-classifier.ts';
import { createRowClassifier } from '../scrub/row-status.ts';
import type { OprfOutputJournal } from './oprf-digests.ts';

/** A filter in which no number is listed: every value is looked up in full. */
const NOTHING = new BloomFilter({ bitCount: 8, hashCount: 1 });
/** That filter at every manifest position (a partitioned epoch's shards are looked up by position). */
class NothingListed extends FilterSet {
  override at(): BloomFilter {
    return NOTHING;
  }
}
const NOTHING_LISTED = new NothingListed(null, []);
const NO_DIGEST = new Uint8Array(32);

export class EvaluationPlanner implements RowClassifier {
  readonly threads = 1;
  /** Numbers to evaluate, each once, in the order the file first needs them. */
  readonly numbers: string[] = [];
  readonly #index = new Map<string, number>();
  #valuesPerRow = 1;
  readonly #classify: (value: string | undefined) => number;
  /** Per row read, the position in `numbers` of the last one it needs, or -1. */
  #lastNeeded: Int32Array = new Int32Array(1024);
  #rows = 0;
  #current = -1;
  /** Readings looked up for the value being classified. */
  #readings = 0;
  /** Readings beyond the first of values that have several (each one more evaluation, unless journaled). */
  extraReadings = 0;

  constructor(
    manifest: Manifest,
    journal: OprfOutputJournal,
    region: CountryCode,
    /**
     * The scope checked and the partitions held: a reading of a partition not held costs nothing, and
     * a scope costs nothing either (its digests come from the one evaluation: docs/FORMAT.md §1.3).
     */
    options: MembershipOptions = {},
  ) {
    const recorder: KeyedHasher = {
      digest: (e164) => {
        this.#readings++;
        if (journal.get(e164) === undefined) {
          let position = this.#index.get(e164);
          if (position === undefined) {
            position = this.numbers.push(e164) - 1;
            this.#index.set(e164, position);
          }
          this.#current = Math.max(this.#current, position);
        }
        return NO_DIGEST;
      },
    };
    const membership = epochMembership(manifest, { oprfOutputs: recorder }, region, options);
    this.#classify = createRowClassifier(membership, NOTHING_LISTED);
  }

  /** The engine hands each row's phone values together: a row is judged on all of them. */
  startRows(valuesPerRow: number): void {
    this.#valuesPerRow = valuesPerRow;
  }

  /** Rows read so far. */
  get rows(): number {
    return this.#rows;
  }

  async classify(values: (string | undefined)[]): Promise<Uint8Array> {
    const statuses = new Uint8Array(values.length);
    for (let i = 0; i < values.length; i += this.#valuesPerRow) {
      this.#current = -1;
      for (let c = 0; c < this.#valuesPerRow; c++) {
        this.#readings = 0;
        statuses[i + c] = this.#classify(values[i + c]);
        if (this.#readings > 1) this.extraReadings += this.#readings - 1;
      }
      this.#recordRow(this.#current);
    }
    return statuses;
  }

  #recordRow(lastNeeded: number): void {
    if (this.#rows === this.#lastNeeded.length) {
      const grown = new Int32Array(this.#lastNeeded.length * 2);
      grown.set(this.#lastNeeded);
      this.#lastNeeded = grown;
    }
    this.#lastNeeded[this.#rows++] = lastNeeded;
  }

  /** Rows all of whose numbers are evaluated once the first `budget` numbers are (in file order). */
  rowsWithin(budget: number): number {
    let rows = 0;
    for (let r = 0; r < this.#rows; r++) if (this.#lastNeeded[r]! < budget) rows++;
    return rows;
  }

  async close(): Promise<void> {}
}
