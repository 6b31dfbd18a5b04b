/** What a hashing thread needs to classify rows: the filter bytes (shared, not copied), the key, the region. */
import type { CountryCode } from 'libphonenumber-js/min';
import { parseFilter } from '../../core/filter-format.ts';
import { FilterSet } from '../../core/filter-set.ts';
import { createKeyedHasher } from '../../core/keyed-hash.ts';
import { createClassifier } from './row-status.ts';

export interface ClassifierSetup {
  /** Verified shard files, by index; backed by SharedArrayBuffers when threads use them. */
  shards: Uint8Array[];
  shardPrefixBits: number;
  hashKey: Uint8Array;
  region: CountryCode;
}

export function classifierFromSetup(setup: ClassifierSetup): (value: string | undefined) => number {
  const filters = new FilterSet(
    setup.shardPrefixBits,
    setup.shards.map((bytes) => parseFilter(bytes).filter),
  );
  return createClassifier(filters, createKeyedHasher(setup.hashKey), setup.region);
}
