/**
 * Partitions (docs/FORMAT.md §1.4): a register sold by area code splits its filters by a prefix of the
 * key string, and a subscriber downloads, and in oprf mode has evaluated, only the partitions it paid
 * for. The partition of a key is a function of the key alone, so the builder and every reader agree
 * on it without metadata: the `digits` ASCII digits after the rule's `prefix` (`+1`, 3: the NANP area
 * code). A key outside the rule has no partition: the builder enters none, and a reader answers that
 * reading "not listed" without looking (nothing can be there).
 */
import { QuietlistError } from '../errors.ts';
import type { PartitionRule } from '../registers/profile.ts';

/** A partition id: the digits a rule takes (at most 6). */
export const PARTITION_ID = /^[0-9]{1,6}$/;

/** The partition of a key string, or null when the rule gives it none. */
export function partitionOf(key: string, rule: PartitionRule): string | null {
  const { prefix, digits } = rule;
  if (!key.startsWith(prefix) || key.length < prefix.length + digits) return null;
  const id = key.slice(prefix.length, prefix.length + digits);
  for (let i = 0; i < id.length; i++) {
    const code = id.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return null;
  }
  return id;
}

/** The directory of a partition's files inside its epoch: `p/212/`. */
export function partitionDirectory(partition: string): string {
  return `p/${partition}/`;
}

/**
 * A list of partitions as people write it (`212,646 718`), checked against a rule: each id has the
 * rule's number of digits. Sorted, without repeats. Throws INVALID_ARGUMENT naming the bad one.
 */
export function parsePartitionList(text: string, rule?: PartitionRule, what = 'partition'): string[] {
  const ids = text
    .split(/[\s,;|]+/)
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (ids.length === 0) throw new QuietlistError('INVALID_ARGUMENT', `give at least one ${what}`);
  for (const id of ids) {
    const digits = rule?.digits;
    const ok = PARTITION_ID.test(id) && (digits === undefined || id.length === digits);
    if (!ok) {
      throw new QuietlistError(
        'INVALID_ARGUMENT',
        `"${id.slice(0, 20)}" is not a ${what}: ${digits === undefined ? '1 to 6 digits' : `${digits} digits`}`,
      );
    }
  }
  return [...new Set(ids)].sort();
}
