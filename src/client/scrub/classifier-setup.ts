/**
 * What a hashing thread needs to classify rows: the verified shard files (shared, not copied), the
 * signed manifest and the region. The thread builds the same membership path as the main thread
 * (core/membership.ts), from the manifest, so no key travels on its own; a live list's additions
 * travel as the digest heads of its unexpired entries.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import { AdditionSet } from '../../core/additions/addition-set.ts';
import type { Manifest } from '../../core/epoch/manifest.ts';
import { parseFilter } from '../../core/filter/format.ts';
import { FilterSet } from '../../core/filter/shard-set.ts';
import { epochMembership, withAdditions } from '../../core/membership.ts';
import { createRowClassifier } from './row-status.ts';

export interface ClassifierSetup {
  /** Shard files verified against the manifest, by index; SharedArrayBuffers when threads use them. */
  shards: Uint8Array[];
  manifest: Manifest;
  region: CountryCode;
  /** A live list's unexpired additions (digest heads, hex), on top of the filter. */
  additions?: string[];
}

export function classifierFromSetup(setup: ClassifierSetup): (value: string | undefined) => number {
  const filters = new FilterSet(
    setup.manifest.filter.shardPrefixBits,
    setup.shards.map((bytes) => parseFilter(bytes).filter),
  );
  const membership = epochMembership(setup.manifest, {}, setup.region);
  return createRowClassifier(
    setup.additions ? withAdditions(membership, AdditionSet.fromHex(setup.additions)) : membership,
    filters,
  );
}
