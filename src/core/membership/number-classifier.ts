/**
 * The synchronous path of "is this number listed?" for callers that hold the shards already (scrub
 * and its threads, the browser): one value keyed (keyed-readings.ts), its lookups tested in order
 * until one is listed, its verdict given (verdicts.ts).
 */
import { QuietlistError } from '../errors.ts';
import type { FilterSet } from '../filter/shard-set.ts';
import type { EpochMembership } from './epoch-membership.ts';
import { keyNumber } from './keyed-readings.ts';
import { type Verdict, verdictOf } from './verdicts.ts';

/**
 * A synchronous classifier over the shards held, loaded and verified (scrub, its threads), by manifest
 * position: a lookup in a shard not held is a caller's bug, refused rather than read as "not listed".
 */
export function createNumberClassifier(
  membership: EpochMembership,
  filters: FilterSet,
): (raw: string) => Verdict {
  return (raw) => {
    const key = keyNumber(membership, raw);
    if (typeof key === 'string') return key;
    if (key.added) return verdictOf(true, key);
    let listed = false;
    for (const lookup of key.lookups) {
      const filter = filters.at(lookup.position);
      if (filter === undefined)
        throw new QuietlistError('INVALID_ARGUMENT', `shard ${lookup.position} is not loaded`);
      if (filter.has(lookup.digest)) {
        listed = true;
        break;
      }
    }
    return verdictOf(listed, key);
  };
}
