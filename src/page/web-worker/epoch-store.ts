/**
 * The scrub page's persistent epoch cache (docs/BROWSER.md, "The list cache"): one IndexedDB record
 * per server origin holding the signed manifest as served and the shard files, written after the
 * epoch verified, so the next visit downloads only what changed. IndexedDB because it is there in a
 * Web Worker in every browser and stores typed arrays as they are. Nothing here is trusted: the
 * caller checks every byte it reuses against the newly verified manifest (epoch-download.ts). Each
 * function swallows storage failures (no IndexedDB, quota, a private window): the page then simply
 * downloads the shards, as if the cache were empty.
 */

import { type TrustState, trustStateSchema } from '../../core/epoch/trust-state.ts';

const DATABASE = 'quietlist-epochs';
const STORE = 'epochs';

export interface StoredEpoch {
  /** The server it came from (the key): one epoch per server, the newest verified. */
  origin: string;
  /** The signed manifest's bytes, as GET /v1/manifest served them. */
  signedManifest: Uint8Array;
  /** Shard files by manifest position (holes: partitions not bought). */
  shards: (Uint8Array | undefined)[];
  storedAt: string;
  /**
   * What this browser learnt from the server (core/epoch/trust-state.ts): the newest epoch accepted and
   * where the signing-key chain moved. Absent in a record written before it was kept: no state.
   */
  trust?: TrustState;
}

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'origin' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('the list cache is held by another tab'));
  });
}

async function withStore<T>(
  mode: IDBTransactionMode,
  use: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const database = await openDatabase();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = database.transaction(STORE, mode);
      const request = use(transaction.objectStore(STORE));
      // Resolved when the transaction commits, so a stored epoch is on disk before it is reported.
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error ?? new Error('list cache transaction aborted'));
    });
  } finally {
    database.close();
  }
}

/** The epoch cached for `origin`, or undefined (none, unreadable, or no IndexedDB here). */
export async function readStoredEpoch(origin: string): Promise<StoredEpoch | undefined> {
  try {
    const found = (await withStore('readonly', (store) => store.get(origin))) as StoredEpoch | undefined;
    if (!found || !(found.signedManifest instanceof Uint8Array) || !Array.isArray(found.shards))
      return undefined;
    const trust = trustStateSchema.safeParse(found.trust);
    return { ...found, trust: trust.success ? trust.data : undefined };
  } catch {
    return undefined;
  }
}

/**
 * Stores a verified epoch for its origin, replacing (so dropping) the one cached before, in one
 * transaction: a reader sees the old epoch or the new one, never a mix. False when it could not.
 */
export async function writeStoredEpoch(epoch: StoredEpoch): Promise<boolean> {
  try {
    await withStore('readwrite', (store) => store.put(epoch));
    return true;
  } catch {
    return false;
  }
}
