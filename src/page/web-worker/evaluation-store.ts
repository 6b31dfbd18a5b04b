/**
 * The scrub page's journal of OPRF evaluations already paid for, kept in the browser (IndexedDB) as
 * the command line keeps its own (client/oprf/evaluation-journal.ts): a scrub stopped by the day's
 * quota, a closed tab or a lost connection resumes without spending quota again. The records are the
 * CLI's: HMAC-SHA-256(local key, E.164) cut to 16 bytes, and the output's first 12 bytes, per OPRF key
 * id. The local key is random per browser profile and origin, so no record holds a phone number, and
 * one company's records cannot be matched against another's. Without IndexedDB (a policy, a private
 * window that refuses it), the page keeps the evaluations in memory for the life of the tab only.
 */

import type { OprfOutputJournal } from '../../client/oprf/oprf-digests.ts';
import { createKeyedHasher, type KeyedHasher } from '../../core/digest/keyed-hash.ts';
import { toBase64 } from '../../core/encoding/base64.ts';
import { DIGEST_MIN_BYTES } from '../../core/filter/bloom-filter.ts';

const DATABASE = 'quietlist-evaluations';
const RECORDS = 'evaluations';
const META = 'meta';
const KEY_BYTES = 16;

interface StoredEvaluation {
  /** `<OPRF key id>/<base64 of the 16-byte keyed hash>`. */
  id: string;
  head: Uint8Array;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/**
 * Version 2: a database opened before this page created it (by another script of the origin, without
 * a version) exists at version 1 without stores; the upgrade creates whatever is missing.
 */
function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open(DATABASE, 2);
    opening.onupgradeneeded = () => {
      const database = opening.result;
      if (!database.objectStoreNames.contains(RECORDS))
        database.createObjectStore(RECORDS, { keyPath: 'id' });
      if (!database.objectStoreNames.contains(META)) database.createObjectStore(META);
    };
    opening.onsuccess = () => resolve(opening.result);
    opening.onerror = () => reject(opening.error);
    opening.onblocked = () => reject(new Error('the evaluation journal is held by another tab'));
  });
}

/** The random key of this browser's journal, created once (in the same transaction that reads it). */
async function localKey(database: IDBDatabase): Promise<Uint8Array> {
  const transaction = database.transaction(META, 'readwrite');
  const store = transaction.objectStore(META);
  let key = (await request(store.get('local-key'))) as Uint8Array | undefined;
  if (!(key instanceof Uint8Array) || key.length !== 32) {
    key = crypto.getRandomValues(new Uint8Array(32));
    store.put(key, 'local-key');
  }
  await new Promise<void>((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error ?? new Error('journal transaction aborted'));
  });
  return key;
}

export class BrowserEvaluationJournal implements OprfOutputJournal {
  readonly #heads = new Map<string, Uint8Array>();
  readonly #database: IDBDatabase | undefined;
  readonly #hasher: KeyedHasher;
  readonly #prefix: string;
  readonly #writes = new Set<Promise<void>>();
  #failed: unknown;

  private constructor(database: IDBDatabase | undefined, key: Uint8Array, keyId: string) {
    this.#database = database;
    this.#hasher = createKeyedHasher(key);
    this.#prefix = `${keyId}/`;
  }

  /**
   * The journal of one OPRF key id: read whole from IndexedDB (one record per number evaluated), or
   * an empty one in memory when the browser stores nothing (then `kept` is false).
   */
  static async open(keyId: string): Promise<BrowserEvaluationJournal> {
    let database: IDBDatabase | undefined;
    try {
      database = await openDatabase();
      const journal = new BrowserEvaluationJournal(database, await localKey(database), keyId);
      const range = IDBKeyRange.bound(journal.#prefix, `${journal.#prefix}\uffff`);
      const records = (await request(
        database.transaction(RECORDS).objectStore(RECORDS).getAll(range),
      )) as StoredEvaluation[];
      for (const record of records) {
        if (record.head instanceof Uint8Array && record.head.length === DIGEST_MIN_BYTES)
          journal.#heads.set(record.id.slice(journal.#prefix.length), record.head);
      }
      return journal;
    } catch {
      database?.close();
      return new BrowserEvaluationJournal(undefined, crypto.getRandomValues(new Uint8Array(32)), keyId);
    }
  }

  /** Whether the evaluations outlive the tab (false: no IndexedDB here). */
  get kept(): boolean {
    return this.#database !== undefined && this.#failed === undefined;
  }

  /** Numbers evaluated and kept for this key. */
  get size(): number {
    return this.#heads.size;
  }

  #keyOf(e164: string): string {
    return toBase64(this.#hasher.digest(e164).subarray(0, KEY_BYTES));
  }

  get(e164: string): Uint8Array | undefined {
    return this.#heads.get(this.#keyOf(e164));
  }

  /** Records a verified batch: at once in memory, and in IndexedDB in one transaction (see `flush`). */
  add(e164s: readonly string[], outputs: readonly Uint8Array[]): void {
    const records: StoredEvaluation[] = e164s.map((e164, i) => {
      const key = this.#keyOf(e164);
      const head = outputs[i]!.slice(0, DIGEST_MIN_BYTES);
      this.#heads.set(key, head);
      return { id: `${this.#prefix}${key}`, head };
    });
    if (!this.#database || this.#failed !== undefined) return;
    const transaction = this.#database.transaction(RECORDS, 'readwrite');
    const store = transaction.objectStore(RECORDS);
    for (const record of records) store.put(record);
    const written = new Promise<void>((resolve) => {
      transaction.oncomplete = () => resolve();
      // A full disk or an evicted database: the evaluations stay in memory for this tab.
      transaction.onerror = transaction.onabort = () => {
        this.#failed = transaction.error ?? new Error('journal write aborted');
        resolve();
      };
    });
    this.#writes.add(written);
    void written.then(() => this.#writes.delete(written));
  }

  /** Resolves once every batch added so far is on disk (or known not to be). */
  async flush(): Promise<void> {
    await Promise.all([...this.#writes]);
  }

  close(): void {
    this.#database?.close();
  }
}
