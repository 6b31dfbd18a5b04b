/**
 * One epoch made ready to answer "is this number listed?": its manifest, the dialling plan values are
 * read in, the keying of its mode (mode-hasher.ts), the scope checked and the partitions answered for.
 * The other files of this folder read a value through it.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import type { DigestLookup } from '../additions/addition-set.ts';
import type { KeyedHasher } from '../digest/keyed-hash.ts';
import type { Manifest } from '../epoch/manifest.ts';
import { assertSchemeApplies } from '../phone/normalize.ts';
import { type DiallingPlan, planOfRegion } from '../phone/numbering-plan.ts';
import type { PartitionRule } from '../registers/profile.ts';
import { ANY_SCOPE, queryLabels, type ScopeQuery } from '../scopes/scope-labels.ts';
import { hasherForMode, type MembershipKeys } from './mode-hasher.ts';

/** What a check is about beyond the numbers. */
export interface MembershipOptions {
  /** Scoped epochs: the channel and sector checked (default: any channel, any sector). */
  scope?: ScopeQuery;
  /**
   * Partitioned epochs: the partitions the caller can answer for (pulled, or entitled); default every
   * one. A reading in another partition the epoch lists makes its value NOT_ENTITLED.
   */
  partitions?: ReadonlySet<string>;
}

/** One epoch, ready to answer: its manifest, the dialling plan values are read in, its keying. */
export interface EpochMembership {
  manifest: Manifest;
  region: CountryCode;
  plan: DiallingPlan;
  hasher: KeyedHasher;
  /**
   * A live list's additions on top of the filter (core/additions/, docs/FORMAT.md §14): a reading is
   * listed if the filter or an unexpired addition holds its digest. Read at each lookup, so a holder
   * that refreshes them (api/additions/additions-view.ts) needs no new membership.
   */
  additions?: DigestLookup;
  /** The scope checked, or null when the epoch declares none. */
  scope: ScopeQuery | null;
  /** The scope labels each reading looks up (docs/FORMAT.md §1.3), or null: the digest itself. */
  labels: string[] | null;
  /** The epoch's partition rule, or null when it is not partitioned. */
  partitionRule: PartitionRule | null;
  /** The partitions answered for; undefined: every one. */
  partitions: ReadonlySet<string> | undefined;
}

/** The keying of `manifest`'s mode, checked against the manifest (scheme, key id), for a scope. */
export function epochMembership(
  manifest: Manifest,
  keys: MembershipKeys = {},
  region: CountryCode = epochRegion(manifest),
  options: MembershipOptions = {},
): EpochMembership {
  // Keys computed under another normalisation rule could answer a registered number "free".
  assertSchemeApplies(manifest);
  const scopes = manifest.register?.scopes;
  const scope = scopes ? (options.scope ?? ANY_SCOPE) : null;
  return {
    manifest,
    region,
    plan: planOfRegion(region),
    hasher: hasherForMode(manifest, keys),
    scope,
    labels: scopes && scope ? queryLabels(scopes, scope) : null,
    partitionRule: manifest.register?.partition ?? null,
    partitions: options.partitions,
  };
}
/** The same epoch and keying, for another scope or other partitions (the API, per request). */
export function membershipFor(membership: EpochMembership, options: MembershipOptions): EpochMembership {
  const scopes = membership.manifest.register?.scopes;
  const scope = scopes ? (options.scope ?? ANY_SCOPE) : null;
  return {
    ...membership,
    scope,
    labels: scopes && scope ? queryLabels(scopes, scope) : null,
    partitions: options.partitions,
  };
}

/** The same membership, answering with a list's live additions too (the same digests, every reading). */
export function withAdditions(membership: EpochMembership, additions: DigestLookup): EpochMembership {
  return { ...membership, additions };
}

/** The region an epoch's national-format numbers are read in: the builder's (docs/FORMAT.md, 1.1). */
export function epochRegion(manifest: Manifest): CountryCode {
  return manifest.normalization.defaultRegion as CountryCode;
}

/** The dialling plan an epoch's values are read in: the plan of its region (docs/NUMBERS.md). */
export function epochPlan(manifest: Manifest): DiallingPlan {
  return planOfRegion(epochRegion(manifest));
}
