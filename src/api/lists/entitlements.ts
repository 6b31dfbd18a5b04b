/**
 * Which lists a subscriber may use, and how (docs/API.md, "Lists"). A record names its lists
 * (`lists: { acme: { owner: true }, default: {} }`); a record without `lists` (every key written before
 * lists existed) may use the default list only. Using a list means downloading it, checking against it
 * and reading its additions; `owner` adds posting live additions to it. Nothing is implied: a key
 * entitled to `acme` does not get `default` unless its record names it.
 */
import { DEFAULT_LIST } from '../../core/lists/list-name.ts';
import type { SubscriberRecord } from '../auth/subscribers.ts';

export type ListRights = NonNullable<SubscriberRecord['lists']>[string];

/** The lists of a record, with their rights. */
export function listsOf(record: SubscriberRecord): Record<string, ListRights> {
  return record.lists ?? { [DEFAULT_LIST]: {} };
}

export function mayUse(record: SubscriberRecord, list: string): boolean {
  return Object.hasOwn(listsOf(record), list);
}

/** Whether the key may post live additions to `list` (its owner, or a call centre the owner trusts with it). */
export function mayAdd(record: SubscriberRecord, list: string): boolean {
  return listsOf(record)[list]?.owner === true;
}
