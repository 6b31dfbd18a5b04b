/** The client library: pull and verify epochs into a local cache, scrub call lists, check numbers. */
export { listCacheDirectory, parseListsArg } from './additions/list-cache.ts';
export {
  type PostAdditionsOptions,
  type PostedAdditions,
  postAdditions,
} from './additions/post-additions.ts';
export {
  CacheLayout,
  type CurrentPointer,
  DEFAULT_CACHE_DIRECTORY,
  readCurrentPointer,
} from './cache/cache-layout.ts';
export { type CachedEpoch, cachedShardLoader, openCachedEpoch } from './cache/cached-epoch.ts';
export { DEFAULT_RETRY_POLICY, type RetryHooks, type RetryPolicy } from './http/fetch-retry.ts';
export {
  checkOnline,
  MAX_CHECK_BATCH,
  type OnlineCheckOptions,
  type OnlineCheckReport,
} from './online/online-check.ts';
export { pull } from './pull/pull.ts';
export type { PullOptions, PullResult } from './pull/pull-options.ts';
export type { CsvScrubResult, ScrubCounts, ScrubMode } from './scrub/csv-scrub.ts';
export type { OutputSummary, OutputTarget } from './scrub/output-file.ts';
export type { ScrubReceipt } from './scrub/receipt.ts';
export { type ListScrub, type ScrubReport, type ScrubRequest, scrub } from './scrub/scrub.ts';
export type { EpochSource } from './sources/epoch-source.ts';
export { HttpEpochSource, type HttpSourceOptions } from './sources/http-source.ts';
export { openEpochSource } from './sources/open-source.ts';
export { StoreEpochSource } from './sources/store-source.ts';
export { judgeOffer, RollbackError } from './trust/rollback.ts';
export { DEFAULT_MAX_AGE_DAYS, staleEpochWarning } from './trust/staleness.ts';
