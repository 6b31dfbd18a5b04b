/**
 * The lists of one scrub (`scrub --list a,b`): each opened from its own cache (client/additions/
 * list-cache.ts) with its verified epoch and its unexpired live additions, the scope each answers for
 * and the partitions each holds, and what the report and the receipt say of each (its epoch, scope
 * and partitions, the newest addition answered with, the rows it holds).
 */
import type { AdditionsStatus } from '../../core/additions/additions-chain.ts';
import { QuietlistError } from '../../core/errors.ts';
import { DEFAULT_LIST } from '../../core/lists/list-name.ts';
import type { MembershipOptions } from '../../core/membership.ts';
import type { ScrubReceipt } from '../../core/receipt/receipt.ts';
import { epochRules } from '../../core/registers/epoch-rules.ts';
import { scopesOfLists } from '../../core/scopes/list-scopes.ts';
import type { ScopeQuery } from '../../core/scopes/scope-labels.ts';
import { type HeldListAdditions, openHeldAdditions } from '../additions/held-additions.ts';
import { listCacheDirectory } from '../additions/list-cache.ts';
import { type CachedEpoch, heldPartitions, openCachedEpoch } from '../cache/cached-epoch.ts';

export interface ListScrub {
  list: string;
  epoch: string;
  manifestSha256: string;
  /** Null: the list takes no live additions. */
  additions: (AdditionsStatus & { fetchedAt: string }) | null;
  /** Rows this list holds (a row held by two lists counts in both). */
  listed: number;
  /** A scoped epoch: the channel and sector this list answered for. */
  scope?: ScopeQuery;
  /** A partitioned epoch: the partitions the cache holds (rows of the others are NOT_ENTITLED). */
  partitions?: readonly string[];
}

/** What a list's rows are checked for beyond the numbers: the scope (scoped epochs), the partitions held. */
export interface ScrubMembership {
  scope: ScopeQuery | undefined;
  held: ReadonlySet<string> | undefined;
  options: MembershipOptions;
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

/**
 * The scope each list answers for (core/scopes/list-scopes.ts: a scoped list for the codes it
 * declares, an unscoped one, an objection list, for every scope) and the partitions its cache holds,
 * in the lists' order. A code a scoped list does not declare is an error naming the list.
 */
export function listMemberships(
  opened: readonly OpenedList[],
  asked: { channel?: string; sector?: string } | undefined,
): ScrubMembership[] {
  const scopes = scopesOfLists(
    opened.map((list) => {
      const rules = epochRules(list.epoch.manifest);
      return { list: list.list, scopes: rules.scopes, register: `${rules.name} (${rules.id})` };
    }),
    asked ?? {},
  );
  return opened.map((list, i) => {
    const scope = scopes[i];
    const held = heldPartitions(list.epoch);
    return {
      scope,
      held,
      options: { ...(scope ? { scope } : {}), ...(held ? { partitions: held } : {}) },
    };
  });
}

/** What the report says of each list; `listedBy` is the multi-list classifier's count (one list: all listed rows). */
export function listsScrubbed(
  opened: OpenedList[],
  listedBy: Record<string, number> | undefined,
  listed: number,
  memberships: readonly ScrubMembership[],
): ListScrub[] {
  return opened.map((list, i) => {
    const { scope, held } = memberships[i]!;
    const partitions = list.epoch.manifest.partitions
      ? [...(held ?? list.epoch.manifest.partitions.map((partition) => partition.id))].sort()
      : undefined;
    return {
      list: list.list,
      epoch: list.epoch.manifest.epoch,
      manifestSha256: list.epoch.manifestSha256,
      additions: list.additions.status,
      listed: listedBy ? (listedBy[list.list] ?? 0) : listed,
      ...(scope ? { scope } : {}),
      ...(partitions ? { partitions } : {}),
    };
  });
}

/** The receipt's `lists`; the root list alone, not live, keeps the receipt as it was before lists existed. */
export function receiptLists(lists: ListScrub[]): { lists?: ScrubReceipt['lists'] } {
  const plain = lists.length === 1 && lists[0]!.list === DEFAULT_LIST && !lists[0]!.additions;
  return plain ? {} : { lists: lists.map(receiptList) };
}

/**
 * A list as the receipt names it: its epoch, rows listed, the newest addition answered with, and the
 * scope and partitions it answered for (scoped and partitioned epochs).
 */
function receiptList(list: ListScrub): NonNullable<ScrubReceipt['lists']>[number] {
  const { additions, scope, partitions } = list;
  return {
    list: list.list,
    epoch: list.epoch,
    manifestSha256: list.manifestSha256,
    listed: list.listed,
    additions: additions
      ? { through: additions.through, batchSha256: additions.batchSha256, publishedAt: additions.publishedAt }
      : null,
    ...(scope ? { scope: { channel: scope.channel, sector: scope.sector } } : {}),
    ...(partitions ? { partitions: [...partitions] } : {}),
  };
}
