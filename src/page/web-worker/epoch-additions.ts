/**
 * A live list's additions for the scrub page (docs/BROWSER.md, "Live lists"), read again before every
 * scrub so that an objection posted a minute ago is listed: GET /v1/additions?epoch=&from= (7 MiB per
 * answer at most), each batch verified by the rules every reader shares (core/additions/additions-chain.ts:
 * the additions key the signed manifest announces, the chain to the epoch and to the batch before), the
 * previous epoch's tail read until the server moves on (its manifest checked against the signed link).
 * Entries expired at the scrub's instant are dropped. A failure stops the scrub: the page never answers
 * from the filter alone for a live list.
 */
import { parseAdditionsAnswer } from '../../client/additions/additions-answer.ts';
import { ADDITIONS_LIMIT, type BodyLimit, MANIFEST_LIMIT } from '../../client/http/download-limits.ts';
import { DEFAULT_RETRY_POLICY, requestWithRetry } from '../../client/http/fetch-retry.ts';
import { AdditionSet } from '../../core/additions/addition-set.ts';
import {
  type AdditionsStatus,
  advanceAdditionsChain,
  chainEntries,
  chainStatus,
} from '../../core/additions/additions-chain.ts';
import { manifestSha256, parseSignedManifest } from '../../core/epoch/manifest.ts';
import { QuietlistError } from '../../core/errors.ts';
import { DEFAULT_LIST } from '../../core/lists/list-name.ts';
import type { ReceiptList } from '../../core/receipt/receipt.ts';
import type { VerifiedEpoch } from './epoch-download.ts';

export interface PageAdditions {
  set: AdditionSet;
  status: AdditionsStatus;
}

/** The epoch's unexpired additions now, or null when its list takes none. */
export async function readPageAdditions(
  epoch: VerifiedEpoch,
  options: { origin: string; apiKey?: string },
  now = Date.now(),
): Promise<PageAdditions | null> {
  const { manifest } = epoch;
  if (!manifest.additions) return null;
  const get = async (path: string, limit: BodyLimit, optional = false): Promise<Uint8Array | null> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
    const response = await requestWithRetry(
      `${options.origin}${path}`,
      { headers, cache: 'no-store' },
      `GET ${path.replace(/\?.*$/, '')}`,
      { ...DEFAULT_RETRY_POLICY, attempts: 3 },
      {},
      limit,
    );
    if (optional && response.status === 404) return null;
    if (response.status !== 200) {
      throw new QuietlistError(
        'STORAGE_UNAVAILABLE',
        `GET ${path.replace(/\?.*$/, '')}: HTTP ${response.status}: the live additions of this list cannot be read, so no answer is given`,
      );
    }
    return response.body;
  };
  const chain = await advanceAdditionsChain(null, {
    current: { manifest, manifestSha256: epoch.manifestSha256 },
    source: {
      async batchesFrom(id, first) {
        const path = `/v1/additions?epoch=${encodeURIComponent(id)}&from=${first}`;
        return parseAdditionsAnswer((await get(path, ADDITIONS_LIMIT))!, 'GET /v1/additions');
      },
    },
    previous: async () => {
      const link = manifest.previous;
      const bytes =
        link && (await get(`/v1/epochs/${encodeURIComponent(link.epoch)}/manifest`, MANIFEST_LIMIT, true));
      if (!bytes) return null;
      const previous = parseSignedManifest(bytes).manifest;
      return { manifest: previous, manifestSha256: manifestSha256(previous) };
    },
  });
  if (!chain) return null;
  return { set: AdditionSet.of(chainEntries(chain), now), status: chainStatus(chain) };
}

/** The receipt's `lists` entry of the page's live list (docs/FORMAT.md §13.2). */
export function receiptList(epoch: VerifiedEpoch, listed: number, additions: PageAdditions): ReceiptList {
  const { status } = additions;
  return {
    list: DEFAULT_LIST,
    epoch: epoch.manifest.epoch,
    manifestSha256: epoch.manifestSha256,
    listed,
    additions: { through: status.through, batchSha256: status.batchSha256, publishedAt: status.publishedAt },
  };
}
