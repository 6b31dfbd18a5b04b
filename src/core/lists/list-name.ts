/**
 * Lists: one deployment hosts several, each with its own chain of epochs, keys and subscribers
 * (docs/FORMAT.md §14). A list is a prefix of the store: the list named `default` is the store's root
 * (`latest.json`, `epochs/…`: every store written before lists existed is that list, unchanged), and
 * every other list lives under `lists/<name>/` with exactly the same layout. A manifest names its list
 * (`list`, signed; absent means `default`), so an epoch of one list replayed as another's is refused.
 */
import { QuietlistError } from '../errors.ts';

export const DEFAULT_LIST = 'default';
/**
 * Lower-case letters, digits and hyphens, 2 to 40 characters, not starting with a hyphen, with at least
 * one letter: a name is part of URLs, and a name of digits alone could be a phone number (the API
 * refuses URLs that look like they hold one).
 */
export const LIST_NAME_PATTERN = /^(?=[0-9-]*[a-z])[a-z0-9][a-z0-9-]{1,39}$/;
/** Where the lists other than `default` live in a store. */
export const LISTS_PREFIX = 'lists/';

export function isListName(value: unknown): value is string {
  return typeof value === 'string' && LIST_NAME_PATTERN.test(value);
}

/** The name, or INVALID_ARGUMENT naming `where` (a flag, a field) and the rule. */
export function assertListName(name: string, where = 'list name'): string {
  if (!isListName(name)) {
    throw new QuietlistError(
      'INVALID_ARGUMENT',
      `${where} ${JSON.stringify(String(name).slice(0, 60))} is not a list name: 2 to 40 lower-case letters, digits or hyphens, at least one letter, not starting with a hyphen`,
    );
  }
  return name;
}

/** The store prefix of a list: '' for the root list, `lists/<name>/` for the others. */
export function listPrefix(name: string): string {
  return name === DEFAULT_LIST ? '' : `${LISTS_PREFIX}${assertListName(name)}/`;
}

/** The list a manifest says it belongs to (absent: the root list). */
export function manifestList(manifest: { list?: string }): string {
  return manifest.list ?? DEFAULT_LIST;
}

/** Refuses an epoch of another list (MANIFEST_INVALID): a replay of list A's epoch as list B's. */
export function assertManifestList(manifest: { epoch: string; list?: string }, expected: string): void {
  const actual = manifestList(manifest);
  if (actual === expected) return;
  throw new QuietlistError(
    'MANIFEST_INVALID',
    `epoch ${manifest.epoch} belongs to list ${actual}, not to list ${expected}: refused (an epoch of one list served as another's)`,
  );
}

/** The API's routes of a list (docs/API.md, "Lists"): `/v1` for the root list, `/v1/lists/<name>` for the others. */
export function listApiPrefix(name: string): string {
  return name === DEFAULT_LIST ? '/v1' : `/v1/lists/${assertListName(name)}`;
}
