/**
 * ShardResident: the Durable Object that holds one shard of one epoch, verified, in memory, and
 * answers lookups routed to it (src/api/shards/resident-shard.ts has the logic and the trust rules;
 * src/api/shards/durable-object-lookup.ts is the worker's side). One object per (manifest SHA-256,
 * shard index), `idFromName` of that pair.
 *
 * An object idle for 10 seconds hibernates and loses its memory, and a dial-time check that wakes it
 * waits for its shard. So (1) after each lookup it stays in memory SHARD_RESIDENCY_SECONDS (60 by
 * default: a pending timer keeps it from hibernating; that idle time is billed as duration, 0 turns
 * it off), and (2) it keeps the two files it verified (manifest and shard) in its own SQLite storage,
 * so a wake reads them there, checked again, instead of 14 MB from R2. The copies are deleted a day
 * after they were made (an alarm): an old epoch's objects, no longer asked, then hold nothing, and a
 * current one reads R2 once more.
 */
import { DurableObject } from 'cloudflare:workers';
import { parseApiConfig } from '../src/api/config.ts';
import type { ResidentAnswer, ResidentRequest } from '../src/api/shards/resident-shard.ts';
import { ResidentShard } from '../src/api/shards/resident-shard.ts';
import { SqlShardCopies } from '../src/api/shards/shard-copies.ts';
import { sha256Hex } from '../src/core/encoding/bytes.ts';
import { R2Store } from '../src/storage/r2-store.ts';

/** How long an object keeps its copies: a day, so an epoch replaced nightly leaves nothing behind. */
export const COPY_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** SHARD_RESIDENCY_SECONDS when the settings cannot be read (the worker answers 503 MISCONFIGURED then). */
const DEFAULT_RESIDENCY_MS = 60_000;

export class ShardResident extends DurableObject<Env> {
  readonly #shard: ResidentShard;
  readonly #residencyMs: number;
  #residency: ReturnType<typeof setTimeout> | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const { sql } = ctx.storage;
    const copies = new SqlShardCopies({
      all: (query, ...params) => sql.exec(query, ...params).toArray(),
      run: (query, ...params) => {
        sql.exec(query, ...params).toArray();
      },
    });
    this.#residencyMs = residencyOf(env);
    this.#shard = new ResidentShard(new R2Store(env.STORE, 'STORE'), sha256Hex, {
      copies,
      onCopied: () => {
        void this.ctx.storage.setAlarm(Date.now() + COPY_LIFETIME_MS);
      },
    });
  }

  async lookup(request: ResidentRequest): Promise<ResidentAnswer> {
    const answer = await this.#shard.answer(request);
    if (answer.ok && this.#residencyMs > 0) {
      // A pending timer keeps the object (and its shard) in memory instead of hibernating.
      clearTimeout(this.#residency);
      this.#residency = setTimeout(() => {
        this.#residency = undefined;
      }, this.#residencyMs);
    }
    return answer;
  }

  /** The copies' clean-up; the shard in memory, if any, keeps answering until the object sleeps. */
  override async alarm(): Promise<void> {
    await this.ctx.storage.deleteAll();
  }
}

function residencyOf(env: Env): number {
  try {
    return parseApiConfig(env as unknown as Record<string, unknown>).shardResidencyMs;
  } catch {
    return DEFAULT_RESIDENCY_MS;
  }
}
