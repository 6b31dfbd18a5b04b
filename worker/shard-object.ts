/**
 * ShardResident: the Durable Object that holds one shard of one epoch, verified, in memory, and
 * answers lookups routed to it (src/api/shards/resident-shard.ts has the logic and the trust rules;
 * src/api/shards/durable-object-lookup.ts is the worker's side). One object per (manifest SHA-256,
 * shard index), `idFromName` of that pair. It stores nothing: an object evicted or hibernated reloads
 * its shard (one R2 read, one SHA-256) on its next request; an old epoch's objects, no longer asked,
 * simply leave memory. It is declared SQLite-backed, as new classes should be, and never writes.
 */
import { DurableObject } from 'cloudflare:workers';
import type { ResidentAnswer, ResidentRequest } from '../src/api/shards/resident-shard.ts';
import { ResidentShard } from '../src/api/shards/resident-shard.ts';
import { sha256Hex } from '../src/core/encoding/bytes.ts';
import { R2Store } from '../src/storage/r2-store.ts';

export class ShardResident extends DurableObject<Env> {
  readonly #shard: ResidentShard;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#shard = new ResidentShard(new R2Store(env.STORE, 'STORE'), sha256Hex);
  }

  async lookup(request: ResidentRequest): Promise<ResidentAnswer> {
    return this.#shard.answer(request);
  }
}
