/**
 * The classifier of each list a scrub reads the file against: blinded evaluations (oprf), the
 * worker's checks (--online), or the local filter on hashing threads; with the scope asked and the
 * partitions held.
 */
import { availableParallelism } from 'node:os';
import type { CountryCode } from 'libphonenumber-js/min';
import { QuietlistError } from '../../core/errors.ts';
import { DEFAULT_LIST } from '../../core/lists/list-name.ts';
import { epochMembership, type MembershipOptions } from '../../core/membership.ts';
import { epochRules } from '../../core/registers/epoch-rules.ts';
import { parseScopeQuery, type ScopeQuery } from '../../core/scopes/scope-labels.ts';
import { heldPartitions, loadSharedShards } from '../cache/cached-epoch.ts';
import { OnlineRowClassifier } from '../online/online-classifier.ts';
import { EvaluationJournal } from '../oprf/evaluation-journal.ts';
import { ClassifierPool, defaultHashingThreads } from './classifier-pool.ts';
import type { ClassifierSetup } from './classifier-setup.ts';
import { oprfClassifier } from './oprf-scrub.ts';
import type { RowClassifier } from './row-classifier.ts';
import type { OpenedList } from './scrub-lists.ts';
import type { ScrubRequest } from './scrub-request.ts';

/** What a scrub checks beyond the numbers: the scope asked (scoped epochs), the partitions held. */
export interface ScrubMembership {
  scope: ScopeQuery | undefined;
  held: ReadonlySet<string> | undefined;
  options: MembershipOptions;
}

/**
 * The scope asked of a list (scoped epochs) and the partitions its cache holds (partitioned ones). A
 * receipt names one scope and one set of partitions, the first list's: in a scrub of several lists,
 * none may be scoped or partitioned.
 */
export function scrubMembership(list: OpenedList, request: ScrubRequest, lists: number): ScrubMembership {
  const rules = epochRules(list.epoch.manifest);
  const parsedScope = parseScopeQuery(rules.scopes, request.scope ?? {}, `${rules.name} (${rules.id})`);
  const scope = rules.scopes ? parsedScope : undefined;
  const held = heldPartitions(list.epoch);
  if (lists > 1 && (rules.scopes || list.epoch.manifest.register?.partition)) {
    throw new QuietlistError(
      'INVALID_ARGUMENT',
      `list ${list.list} is of a register with ${rules.scopes ? 'channels or sectors' : 'partitions'} (${rules.id}): scrub it on its own (one --list), so its receipt names what it was checked for`,
    );
  }
  return {
    scope,
    held,
    options: { ...(scope ? { scope } : {}), ...(held ? { partitions: held } : {}) },
  };
}

/**
 * The classifier of one list in a scrub read once: blinded evaluations (oprf), the worker's checks
 * (--online), or the local filter; a live list's unexpired additions on top.
 */
export async function classifierFor(
  opened: OpenedList,
  request: ScrubRequest,
  region: CountryCode,
  { scope, held, options }: ScrubMembership,
): Promise<RowClassifier> {
  const { epoch, additions } = opened;
  const { manifest } = epoch;
  if (manifest.mode === 'oprf') {
    const threads = request.threads ?? availableParallelism();
    return oprfClassifier(epoch, request.oprf, opened.cacheDirectory, region, threads, options, {
      list: opened.list,
      ...(additions.status ? { additions: additions.set } : {}),
    });
  }
  if (request.online) {
    if (opened.list !== DEFAULT_LIST || additions.status) {
      throw new QuietlistError(
        'INVALID_ARGUMENT',
        `--online checks the root list in the clear; list ${opened.list} is scrubbed from its pulled filter and additions: leave out --online`,
      );
    }
    // Answers depend on the scope: each scope journals its own.
    const journal = EvaluationJournal.openAnswers(
      opened.cacheDirectory,
      manifest.epoch,
      scope ? `${scope.channel ?? 'any'}.${scope.sector ?? 'any'}` : undefined,
    );
    return new OnlineRowClassifier(
      manifest.epoch,
      journal,
      { ...request.online, ...(scope ? { scope } : {}) },
      region,
    );
  }
  // Refuses a secret-mode epoch (or an inconsistent manifest) before any shard is read.
  epochMembership(manifest, {}, region, options);
  const setup: ClassifierSetup = {
    shards: await loadSharedShards(epoch),
    manifest,
    region,
    ...(scope ? { scope } : {}),
    ...(held ? { partitions: [...held] } : {}),
    ...(additions.status ? { additions: additions.set.hex() } : {}),
  };
  return new ClassifierPool(setup, request.threads ?? defaultHashingThreads());
}
