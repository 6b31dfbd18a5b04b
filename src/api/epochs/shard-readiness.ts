/**
 * Readiness of the served epoch: can every shard be answered? Each shard object's presence and size
 * is checked once per epoch (a HEAD where the store has one, never a download), the result is kept,
 * and a shard whose load later fails (epoch-cache.ts reports it) is checked again. At most
 * CHECKS_PER_PROBE objects are checked per probe, so one probe never makes thousands of storage
 * requests (Workers limit subrequests per request). The answer is from what is known: ready unless a
 * problem was found. Shards not checked yet are presumed present (a build writes every shard before
 * latest.json names the epoch), so the first probe after a publish of 256 shards is not a failure a
 * load balancer would eject the instance for; the next probe checks the rest.
 */

import type { Manifest } from '../../core/epoch/manifest.ts';
import { epochPrefix } from '../../core/epoch/pointer.ts';
import type { ObjectStore } from '../../storage/object-store.ts';

export const CHECKS_PER_PROBE = 200;
const PARALLEL_CHECKS = 8;
const MAX_LISTED_PROBLEMS = 10;

export interface Readiness {
  ready: boolean;
  epoch: string;
  shards: number;
  /** Shards whose object was found with the manifest's size. */
  verified: number;
  /** Shards not checked yet (presumed present). */
  pending: number;
  /** Shards missing or of the wrong size (at most 10 listed), e.g. "shard-00003.qlbf: missing". */
  problems: string[];
}

interface EpochChecks {
  epoch: string;
  verified: Set<number>;
  problems: Map<number, string>;
}

export class ShardReadiness {
  readonly #store: ObjectStore;
  #checks: EpochChecks | null = null;

  constructor(store: ObjectStore) {
    this.#store = store;
  }

  /** The shard at manifest position `position` of `epoch` failed to load: check it again on the next probe. */
  shardFailed(epoch: string, position: number): void {
    if (this.#checks?.epoch === epoch) this.#checks.verified.delete(position);
  }

  async check(manifest: Manifest): Promise<Readiness> {
    if (this.#checks?.epoch !== manifest.epoch) {
      this.#checks = { epoch: manifest.epoch, verified: new Set(), problems: new Map() };
    }
    const checks = this.#checks;
    // Shards are known by their manifest position (a partitioned epoch repeats indexes per partition).
    const pending = manifest.shards
      .map((shard, position) => ({ shard, position }))
      .filter(({ position }) => !checks.verified.has(position))
      .slice(0, CHECKS_PER_PROBE);
    for (let i = 0; i < pending.length; i += PARALLEL_CHECKS) {
      await Promise.all(
        pending.slice(i, i + PARALLEL_CHECKS).map(async ({ shard, position }) => {
          const problem = await this.#problemOf(manifest.epoch, shard.path, shard.bytes);
          if (problem) checks.problems.set(position, `${shard.path}: ${problem}`);
          else {
            checks.problems.delete(position);
            checks.verified.add(position);
          }
        }),
      );
    }
    return {
      ready: checks.problems.size === 0,
      epoch: manifest.epoch,
      shards: manifest.shards.length,
      verified: checks.verified.size,
      pending: manifest.shards.length - checks.verified.size - checks.problems.size,
      problems: [...checks.problems.values()].slice(0, MAX_LISTED_PROBLEMS),
    };
  }

  async #problemOf(epoch: string, path: string, bytes: number): Promise<string | null> {
    const key = `${epochPrefix(epoch)}${path}`;
    try {
      const size = this.#store.size
        ? await this.#store.size(key)
        : ((await this.#store.get(key))?.body.length ?? null);
      if (size === null) return 'missing';
      return size === bytes ? null : `${size} bytes, the manifest says ${bytes}`;
    } catch (error) {
      return `unreadable (${(error as { code?: string }).code ?? 'storage error'})`;
    }
  }
}
