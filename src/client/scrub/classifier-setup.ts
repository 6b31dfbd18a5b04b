/**
 * What a hashing thread needs to classify rows: the verified shard files (shared, not copied), the
 * signed manifest, the region, the scope checked and the partitions held. The thread builds the same
 * membership path as the main thread (core/membership.ts), from the manifest, so no key travels on
 * its own.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import type { Manifest } from '../../core/epoch/manifest.ts';
import { parseFilter } from '../../core/filter/format.ts';
import { FilterSet } from '../../core/filter/shard-set.ts';
import { epochMembership } from '../../core/membership.ts';
import type { ScopeQuery } from '../../core/scopes/scope-labels.ts';
import { createRowClassifier } from './row-status.ts';

export interface ClassifierSetup {
  /**
   * Shard files verified against the manifest, by manifest position (holes: shards of partitions not
   * held); SharedArrayBuffers when threads use them.
   */
  shards: (Uint8Array | undefined)[];
  manifest: Manifest;
  region: CountryCode;
  /** Scoped epochs: the channel and sector checked (default any). */
  scope?: ScopeQuery;
  /** Partitioned epochs: the partitions held (default every one). */
  partitions?: readonly string[];
}

/** The filters held, by manifest position. */
export function filtersOf(shards: readonly (Uint8Array | undefined)[]): FilterSet {
  return FilterSet.atPositions(shards.map((bytes) => (bytes ? parseFilter(bytes).filter : undefined)));
}

export function classifierFromSetup(setup: ClassifierSetup): (value: string | undefined) => number {
  const membership = epochMembership(setup.manifest, {}, setup.region, {
    ...(setup.scope ? { scope: setup.scope } : {}),
    ...(setup.partitions ? { partitions: new Set(setup.partitions) } : {}),
  });
  return createRowClassifier(membership, filtersOf(setup.shards));
}
