/**
 * The call centre's side of a run, the two ways it learns of an objection:
 * - online: `POST /v1/check` with `"lists": ["acme"]`, asked again and again for every addition whose
 *   POST was answered and that it has not yet seen listed (a loop, one request at a time);
 * - pull: the client library's `pull` of the list (the one `quietlist pull --list acme` runs, over
 *   HTTP) at a fixed interval, as a cron job would, then a local check of the same numbers from the
 *   cache, as `quietlist check --list acme` does it (the filter plus the verified cached additions).
 * The pull's source counts the bytes it receives (payloads: the pointer, manifests, additions batches).
 */
import { openHeldAdditions } from '../../src/client/additions/held-additions.ts';
import { cachedShardLoader, openCachedEpoch } from '../../src/client/cache/cached-epoch.ts';
import { pull } from '../../src/client/pull/pull.ts';
import type { EpochSource } from '../../src/client/sources/epoch-source.ts';
import { HttpEpochSource } from '../../src/client/sources/http-source.ts';
import { checkNumbers, epochMembership, withAdditions } from '../../src/core/membership.ts';
import { LIVE_LIST } from './deployment.ts';

export interface SourceBytes {
  /** latest.json, manifests, retirement records. */
  metadata: number;
  additions: number;
  /** Additions batches received. */
  batches: number;
  additionsRequests: number;
}

/** HttpEpochSource, counting what each call returns. */
export function countingHttpSource(url: string, apiKey: string): { source: EpochSource; bytes: SourceBytes } {
  const inner = new HttpEpochSource(url, { apiKey, list: LIVE_LIST });
  const bytes: SourceBytes = { metadata: 0, additions: 0, batches: 0, additionsRequests: 0 };
  const metadata = async <T extends Uint8Array | null>(read: Promise<T>): Promise<T> => {
    const value = await read;
    bytes.metadata += value?.byteLength ?? 0;
    return value;
  };
  const source: EpochSource = {
    description: inner.description,
    latestPointer: () => metadata(inner.latestPointer()),
    manifest: (epoch) => metadata(inner.manifest(epoch)),
    retirement: (fingerprint) => metadata(inner.retirement(fingerprint)),
    epochFile: (epoch, file, signedBytes) => inner.epochFile(epoch, file, signedBytes),
    downloadFile: (epoch, file, target) => inner.downloadFile(epoch, file, target),
    additionsFrom: async (epoch, first) => {
      const answer = await inner.additionsFrom(epoch, first);
      bytes.additionsRequests++;
      bytes.batches += answer.batches.length;
      for (const batch of answer.batches) bytes.additions += batch.byteLength;
      return answer;
    },
  };
  return { source, bytes };
}

export interface CallCentre {
  url: string;
  apiKey: string;
  cacheDirectory: string;
  publicKey: Uint8Array;
  source: EpochSource;
}

export function pullList(centre: CallCentre) {
  return pull({
    source: centre.source,
    cacheDirectory: centre.cacheDirectory,
    list: LIVE_LIST,
    publicKey: centre.publicKey,
  });
}

/** `quietlist check --list acme` from the cache: which of `numbers` it answers listed. */
export async function checkFromCache(centre: CallCentre, numbers: string[]): Promise<boolean[]> {
  const epoch = await openCachedEpoch(centre.cacheDirectory, { publicKey: centre.publicKey });
  const additions = await openHeldAdditions(epoch, new Date());
  const membership = withAdditions(epochMembership(epoch.manifest, {}), additions.set);
  const results = await checkNumbers(membership, numbers, cachedShardLoader(epoch));
  return results.map((result) => result.status === 'listed');
}

/** `POST /v1/check` of `numbers` against the live list: which it answers listed. */
export async function checkOnline(centre: CallCentre, numbers: string[]): Promise<boolean[]> {
  const response = await fetch(`${centre.url}/v1/check`, {
    method: 'POST',
    headers: { authorization: `Bearer ${centre.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ numbers, lists: [LIVE_LIST] }),
  });
  if (response.status !== 200) throw new Error(`POST /v1/check answered ${response.status}`);
  const body = (await response.json()) as { results: { status: string }[] };
  return body.results.map((result) => result.status === 'listed');
}
