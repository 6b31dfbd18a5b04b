/**
 * A write whose answer is lost is retried by the S3 client; when the first attempt had landed, the
 * retry of a conditional write gets 412. Publishing must then see its own write, not a lost race:
 * before this was handled, a lost answer to the latest.json write made the builder delete the very
 * epoch latest.json had just been moved to.
 */
import { describe, expect, it } from 'vitest';
import { fictionalNumber } from '../../../scripts/fictional-numbers.ts';
import { readLatestPointer } from '../../../src/builder/publish-epoch.ts';
import { epochPrefix } from '../../../src/core/epoch/pointer.ts';
import type { ObjectStore, PutOptions } from '../../../src/storage/object-store.ts';
import { buildInto, newOperatorKeys, tempFileStore } from '../../helpers/build-fixture.ts';

/** Every put lands, then is "retried" once more, as after a lost answer: the retry's 412 is what the caller sees. */
class LostAnswerStore implements ObjectStore {
  readonly description: string;
  readonly #inner: ObjectStore;
  readonly #lose: (key: string) => boolean;
  constructor(inner: ObjectStore, lose: (key: string) => boolean) {
    this.#inner = inner;
    this.#lose = lose;
    this.description = inner.description;
  }
  get(key: string) {
    return this.#inner.get(key);
  }
  async put(key: string, body: Uint8Array, options?: PutOptions) {
    const etag = await this.#inner.put(key, body, options);
    if (this.#lose(key) && (options?.ifNoneMatch || options?.ifMatch))
      await this.#inner.put(key, body, options);
    return etag;
  }
  list(prefix: string) {
    return this.#inner.list(prefix);
  }
  delete(keys: string[]) {
    return this.#inner.delete(keys);
  }
}

const members = Array.from({ length: 300 }, (_, i) => fictionalNumber(i));

describe('a lost answer to a conditional write', () => {
  it('on latest.json, on a shard and on the manifest still publishes, with every file in place', async () => {
    const keys = newOperatorKeys();
    const inner = tempFileStore();
    await buildInto(inner, keys, members);
    const store = new LostAnswerStore(inner, () => true);
    const report = await buildInto(store, keys, members.slice(0, 290), { shardMaxBytes: 1024 });
    expect(report.published).toBe(true);
    const latest = await readLatestPointer(inner);
    expect(latest?.pointer.epoch).toBe(report.signed.manifest.epoch);
    const files = await inner.list(epochPrefix(report.signed.manifest.epoch));
    const deltas = report.signed.manifest.shards.filter((shard) => shard.delta).length;
    expect(files).toHaveLength(report.signed.manifest.shards.length + deltas + 1);
  });
});
