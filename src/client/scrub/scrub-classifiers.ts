/**
 * The classifier of each list a scrub reads the file against: blinded evaluations (oprf), the
 * worker's checks (--online), or the local filter on hashing threads; with the scope each list answers
 * for and the partitions it holds (scrub-lists.ts).
 */
import { availableParallelism } from 'node:os';
import type { CountryCode } from 'libphonenumber-js/min';
import { QuietlistError } from '../../core/errors.ts';
import { DEFAULT_LIST } from '../../core/lists/list-name.ts';
import { epochMembership } from '../../core/membership.ts';
import { loadSharedShards } from '../cache/cached-epoch.ts';
import { OnlineRowClassifier } from '../online/online-classifier.ts';
import { EvaluationJournal } from '../oprf/evaluation-journal.ts';
import { ClassifierPool, defaultHashingThreads } from './classifier-pool.ts';
import type { ClassifierSetup } from './classifier-setup.ts';
import { oprfClassifier } from './oprf-scrub.ts';
import type { RowClassifier } from './row-classifier.ts';
import type { OpenedList, ScrubMembership } from './scrub-lists.ts';
import type { ScrubRequest } from './scrub-request.ts';

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
