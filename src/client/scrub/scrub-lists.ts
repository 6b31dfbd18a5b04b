/**
 * The lists of one scrub (`scrub --list a,b`): each opened from its own cache (client/additions/
 * list-cache.ts) with its verified epoch and its unexpired live additions, and what the report and the
 * receipt say of each (its epoch, the newest addition answered with, the rows it holds).
 */
import type { AdditionsStatus } from '../../core/additions/additions-chain.ts';
import { QuietlistError } from '../../core/errors.ts';
import { DEFAULT_LIST } from '../../core/lists/list-name.ts';
import type { ScrubReceipt } from '../../core/receipt/receipt.ts';
import { type HeldListAdditions, openHeldAdditions } from '../additions/held-additions.ts';
import { listCacheDirectory } from '../additions/list-cache.ts';
import { type CachedEpoch, openCachedEpoch } from '../cache/cached-epoch.ts';

export interface ListScrub {
  list: string;
  epoch: string;
  manifestSha256: string;
  /** Null: the list takes no live additions. */
  additions: (AdditionsStatus & { fetchedAt: string }) | null;
  /** Rows this list holds (a row held by two lists counts in both). */
  listed: number;
}

export interface OpenedList {
  list: string;
  cacheDirectory: string;
  epoch: CachedEpoch;
  additions: HeldListAdditions;
}

/** Every list named (default: the root list), verified, with its additions at `now`. */
export async function openLists(
  names: readonly string[] | undefined,
  cacheDirectory: string,
  publicKey: Uint8Array | undefined,
  now: Date,
): Promise<OpenedList[]> {
  const opened: OpenedList[] = [];
  for (const list of names ?? [DEFAULT_LIST]) {
    const directory = listCacheDirectory(cacheDirectory, list);
    const epoch = await openCachedEpoch(directory, { publicKey });
    opened.push({ list, cacheDirectory: directory, epoch, additions: await openHeldAdditions(epoch, now) });
  }
  if (opened.length === 0) throw new QuietlistError('INVALID_ARGUMENT', 'name at least one list');
  return opened;
}

/** What the report says of each list; `listedBy` is the multi-list classifier's count (one list: all listed rows). */
export function listsScrubbed(
  opened: OpenedList[],
  listedBy: Record<string, number> | undefined,
  listed: number,
): ListScrub[] {
  return opened.map((list) => ({
    list: list.list,
    epoch: list.epoch.manifest.epoch,
    manifestSha256: list.epoch.manifestSha256,
    additions: list.additions.status,
    listed: listedBy ? (listedBy[list.list] ?? 0) : listed,
  }));
}

/** The receipt's `lists`; the root list alone, not live, keeps the receipt as it was before lists existed. */
export function receiptLists(lists: ListScrub[]): { lists?: ScrubReceipt['lists'] } {
  const plain = lists.length === 1 && lists[0]!.list === DEFAULT_LIST && !lists[0]!.additions;
  return plain ? {} : { lists: lists.map(receiptList) };
}

/** A list as the receipt names it: its epoch, rows listed, and the newest addition answered with. */
function receiptList(list: ListScrub): NonNullable<ScrubReceipt['lists']>[number] {
  const { additions } = list;
  return {
    list: list.list,
    epoch: list.epoch,
    manifestSha256: list.manifestSha256,
    listed: list.listed,
    additions: additions
      ? { through: additions.through, batchSha256: additions.batchSha256, publishedAt: additions.publishedAt }
      : null,
  };
}
