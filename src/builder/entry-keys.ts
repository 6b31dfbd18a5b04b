/**
 * The builder's keying layer: what a registration enters in the filters. Each reading's key goes to
 * its partition (docs/FORMAT.md §1.4; none in an unpartitioned epoch) and is digested once (HMAC, or
 * the OPRF: the POPRF under the partition in a partitioned epoch, build-hashing.ts); in a scoped epoch
 * that digest is not entered itself but the scope digests of the registration's labels are (§1.3).
 * Everything below this layer (the spill, the geometry, the shards) sees digests and partitions only.
 */
import type { KeyedHasher } from '../core/digest/keyed-hash.ts';
import { partitionOf } from '../core/partitions/partition-rule.ts';
import type { PartitionRule, ProfileScopes } from '../core/registers/profile.ts';
import { scopeDigests } from '../core/scopes/scope-digest.ts';
import { entryLabels, parseScopeCell, type RegistrationScope } from '../core/scopes/scope-labels.ts';
import { type SpelledChoice, spellingsOf } from '../core/scopes/scope-spellings.ts';
import type { InputRecord } from './input/record.ts';
import { BUILD_REJECT_REASON_TEXT } from './input/reject-reasons.ts';

export interface EntryKeying {
  hasher: KeyedHasher;
  /** The register's channels and sectors: registrations enter scope digests. */
  scopes?: ProfileScopes;
  /** The register's partition rule: keys go to their partition's filters. */
  partition?: PartitionRule;
}

/** The labels a row's registration enters, or why the row is refused (`text`: the reject report's reason). */
export type RowLabels =
  | { ok: true; labels: string[] | null }
  | { ok: false; reason: 'UNKNOWN_CHANNEL' | 'UNKNOWN_SECTOR'; value: string; text: string };

/**
 * A row's scope labels (null: an unscoped register, the digest is entered itself). A cell value is a
 * code or one of its aliases (core/scopes/scope-spellings.ts); any other refuses the row.
 */
export function labelsOfRow(scopes: ProfileScopes | undefined, row: InputRecord): RowLabels {
  if (!scopes) return { ok: true, labels: null };
  const channels = parseScopeCell(scopes.channels, row.channels);
  if (typeof channels === 'object' && 'unknown' in channels)
    return unknownValue('UNKNOWN_CHANNEL', channels.unknown, scopes.channels);
  const sectors = parseScopeCell(scopes.sectors, row.sectors);
  if (typeof sectors === 'object' && 'unknown' in sectors)
    return unknownValue('UNKNOWN_SECTOR', sectors.unknown, scopes.sectors);
  const registration: RegistrationScope = { channels, sectors };
  return { ok: true, labels: entryLabels(scopes, registration) };
}

/** Values shown in a reason at most this long. */
const SHOWN_VALUE_CHARACTERS = 40;

/**
 * Why a value refuses its row, for the reject report and the summary: the value when it cannot spell a
 * number (no digit, no control character), the codes accepted, and that their aliases are accepted too.
 */
function unknownValue(
  reason: 'UNKNOWN_CHANNEL' | 'UNKNOWN_SECTOR',
  value: string,
  declared: readonly SpelledChoice[],
): RowLabels {
  const spellings = spellingsOf(declared);
  const shown = /[\p{N}\p{C}]/u.test(value)
    ? 'a value not shown (it holds digits or control characters)'
    : `"${[...value].slice(0, SHOWN_VALUE_CHARACTERS).join('')}${[...value].length > SHOWN_VALUE_CHARACTERS ? '…' : ''}"`;
  const accepted = `${spellings.codes.join(', ')}${spellings.hasAliases ? ', or an alias of one: docs/REGISTERS.md' : ''}`;
  return {
    ok: false,
    reason,
    value,
    text: `${BUILD_REJECT_REASON_TEXT[reason]}: ${shown} (accepted: ${accepted})`,
  };
}

/** The keys that have a partition under the rule (all of them without one). */
export function keysInPartitions(keys: readonly string[], rule: PartitionRule | undefined): string[] {
  return rule ? keys.filter((key) => partitionOf(key, rule) !== null) : [...keys];
}

/**
 * Enters a registration: `emit(partition, digest)` for each digest of each key (the partition is null
 * in an unpartitioned epoch). Keys without a partition must have been filtered out before.
 */
export function enterRegistration(
  keying: EntryKeying,
  keys: readonly string[],
  labels: readonly string[] | null,
  emit: (partition: string | null, digest: Uint8Array) => void,
): void {
  for (const key of keys) {
    const partition = keying.partition ? partitionOf(key, keying.partition) : null;
    const digest = keying.hasher.digest(key);
    if (labels === null) emit(partition, digest);
    else for (const scoped of scopeDigests(digest, labels)) emit(partition, scoped);
  }
}
