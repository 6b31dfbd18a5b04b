/**
 * Where each list lives in a client's cache (docs/CLIENT.md, "Lists"): the root list (`default`) is the
 * cache directory itself, as before lists existed, and every other list the same layout under
 * `lists/<name>/`, with its own pointer, pin, epochs and additions. The `--list a,b` flag of pull,
 * check and scrub is read here once.
 */
import { join } from 'node:path';
import { QuietlistError } from '../../core/errors.ts';
import { assertListName, DEFAULT_LIST } from '../../core/lists/list-name.ts';

/** A bound on `--list`: each list named is a verified epoch in memory. */
export const MAX_LISTS_PER_RUN = 16;

export function listCacheDirectory(cacheDirectory: string, list: string): string {
  return list === DEFAULT_LIST ? cacheDirectory : join(cacheDirectory, 'lists', assertListName(list));
}

/** `--list a,b`: the names in order, each once; absent: the default list only. */
export function parseListsArg(text: string | undefined): string[] {
  if (text === undefined) return [DEFAULT_LIST];
  const names = text.split(',').map((name) => name.trim());
  for (const name of names) assertListName(name, '--list');
  if (new Set(names).size !== names.length) {
    throw new QuietlistError('INVALID_ARGUMENT', '--list names a list twice');
  }
  if (names.length > MAX_LISTS_PER_RUN) {
    throw new QuietlistError('INVALID_ARGUMENT', `--list names more than ${MAX_LISTS_PER_RUN} lists`);
  }
  return names;
}
