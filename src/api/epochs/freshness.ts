/**
 * Never serve an older list. Every epoch stays validly signed forever, so a `latest.json` copied back
 * from a backup, a stale mirror or an attacker with write access to the bucket could make the server
 * answer "not listed" for every number registered since. The guard accepts a pointer only if its
 * manifest is the one served or was created strictly after both the served epoch and the high-water
 * mark (the newest epoch this deployment ever accepted, persisted across restarts: high-water.ts).
 * A refused pointer leaves the served epoch in place (after a restart: the high-water epoch itself),
 * raises one alert line per refused pointer, and shows in /healthz, /readyz and the status page.
 */

import type { Manifest } from '../../core/epoch/manifest.ts';
import type { EpochPointer } from '../../core/epoch/pointer.ts';
import { ApiError } from '../errors/api-error.ts';
import type { HighWaterMark, HighWaterStore } from './high-water.ts';

/** What the guard needs of a loaded, verified epoch (epoch-cache.ts's LoadedEpoch). */
export interface FreshnessCandidate {
  pointer: EpochPointer;
  manifest: Manifest;
  manifestSha256: string;
}

/** One JSON line in the audit stream when the server refuses to go back in time. */
export interface FreshnessAlert {
  type: 'alert';
  code: 'ROLLBACK_REFUSED' | 'HIGH_WATER_UNAVAILABLE';
  time: string;
  message: string;
  /** The epoch latest.json names, refused. */
  offeredEpoch: string | null;
  /** The epoch served instead (null: none could be). */
  servedEpoch: string | null;
  highWaterEpoch: string | null;
}

export interface FreshnessStatus {
  /** 'ok', or 'rollback-refused' while latest.json names an epoch older than the one served. */
  state: 'ok' | 'rollback-refused';
  highWater: { epoch: string; createdAt: string; persisted: boolean } | null;
  refused: { epoch: string; reason: string; at: string } | null;
  /** Set when the high-water mark could not be read or written (the guard then uses what it holds). */
  storageProblem: string | null;
}

export interface EpochFreshnessOptions {
  highWater: HighWaterStore;
  alert: (entry: FreshnessAlert) => void;
  now: () => number;
}

export class EpochFreshness {
  readonly #options: EpochFreshnessOptions;
  #mark: HighWaterMark | null = null;
  #refused: { key: string; epoch: string; reason: string; at: string } | null = null;
  #storageProblem: string | null = null;

  constructor(options: EpochFreshnessOptions) {
    this.#options = options;
  }

  status(): FreshnessStatus {
    const mark = this.#mark;
    return {
      state: this.#refused ? 'rollback-refused' : 'ok',
      highWater: mark
        ? { epoch: mark.epoch, createdAt: mark.createdAt, persisted: this.#options.highWater.durable }
        : null,
      refused: this.#refused
        ? { epoch: this.#refused.epoch, reason: this.#refused.reason, at: this.#refused.at }
        : null,
      storageProblem: this.#storageProblem,
    };
  }

  /**
   * The epoch to serve after reading `pointer`: `served` when the pointer names it or something older,
   * else the newly loaded epoch (whose mark is then persisted). `load` verifies a pointer's manifest.
   */
  async accept<E extends FreshnessCandidate>(
    pointer: EpochPointer,
    served: E | null,
    load: (pointer: EpochPointer) => Promise<E>,
  ): Promise<E> {
    if (served && sameEpoch(pointer, served.pointer.epoch, served.manifestSha256)) {
      this.#refused = null;
      return served;
    }
    const key = `${pointer.epoch}/${pointer.manifestSha256}`;
    // A pointer already refused is refused again without reloading its manifest on every TTL.
    if (this.#refused?.key === key) return this.#keep(served, pointer, this.#refused.reason, false, load);
    const mark = await this.#readMark();
    const reference = newest(served ? markOf(served, '') : null, mark);
    const offered = await load(pointer);
    const reason = reference ? olderThan(offered, reference) : null;
    if (reason) return this.#keep(served, pointer, reason, true, load);
    this.#refused = null;
    await this.#advance(markOf(offered, new Date(this.#options.now()).toISOString()));
    return offered;
  }

  async #keep<E extends FreshnessCandidate>(
    served: E | null,
    pointer: EpochPointer,
    reason: string,
    firstTime: boolean,
    load: (pointer: EpochPointer) => Promise<E>,
  ): Promise<E> {
    const at = new Date(this.#options.now()).toISOString();
    if (firstTime)
      this.#refused = { key: `${pointer.epoch}/${pointer.manifestSha256}`, epoch: pointer.epoch, reason, at };
    let kept: E | null = served;
    if (!kept && this.#mark) {
      // After a restart nothing is served yet: serve the newest epoch ever accepted, if still stored.
      const { epoch, manifestSha256, seenAt } = this.#mark;
      kept = await load({ epoch, manifestSha256, publishedAt: seenAt }).catch(() => null);
    }
    if (firstTime) {
      this.#options.alert({
        type: 'alert',
        code: 'ROLLBACK_REFUSED',
        time: at,
        message: `latest.json names epoch ${pointer.epoch}, ${reason}: refused, ${kept ? `still serving ${kept.manifest.epoch}` : 'nothing to serve'}`,
        offeredEpoch: pointer.epoch,
        servedEpoch: kept?.manifest.epoch ?? null,
        highWaterEpoch: this.#mark?.epoch ?? null,
      });
    }
    if (!kept) throw new ApiError('STALE_EPOCH');
    return kept;
  }

  async #readMark(): Promise<HighWaterMark | null> {
    try {
      const stored = await this.#options.highWater.read();
      this.#mark = newest(this.#mark, stored);
      this.#storageProblem = null;
    } catch (error) {
      this.#problem(`the high-water mark could not be read: ${(error as Error).message}`);
    }
    return this.#mark;
  }

  async #advance(mark: HighWaterMark): Promise<void> {
    this.#mark = newest(this.#mark, mark);
    try {
      await this.#options.highWater.advance(mark);
    } catch (error) {
      // Keep serving: the mark still holds in memory; the status and one alert line say it is not durable.
      this.#problem(`the high-water mark could not be saved: ${(error as Error).message}`);
    }
  }

  #problem(message: string): void {
    if (this.#storageProblem === message) return;
    this.#storageProblem = message;
    this.#options.alert({
      type: 'alert',
      code: 'HIGH_WATER_UNAVAILABLE',
      time: new Date(this.#options.now()).toISOString(),
      message,
      offeredEpoch: null,
      servedEpoch: null,
      highWaterEpoch: this.#mark?.epoch ?? null,
    });
  }
}

function sameEpoch(pointer: EpochPointer, epoch: string, manifestSha256: string): boolean {
  return pointer.epoch === epoch && pointer.manifestSha256 === manifestSha256;
}

function markOf(epoch: FreshnessCandidate, seenAt: string): HighWaterMark {
  return {
    epoch: epoch.manifest.epoch,
    manifestSha256: epoch.manifestSha256,
    createdAt: epoch.manifest.createdAt,
    seenAt,
  };
}

/** The later of two marks by signed creation time (the first on a tie). */
export function newest(a: HighWaterMark | null, b: HighWaterMark | null): HighWaterMark | null {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(b.createdAt) > Date.parse(a.createdAt) ? b : a;
}

/** Why `offered` may not replace `reference`, or null when it is strictly newer. */
function olderThan(offered: FreshnessCandidate, reference: HighWaterMark): string | null {
  if (offered.manifestSha256 === reference.manifestSha256) return null;
  if (offered.manifest.epoch === reference.epoch) {
    return `a different manifest for epoch ${reference.epoch}, already served`;
  }
  if (!(Date.parse(offered.manifest.createdAt) > Date.parse(reference.createdAt))) {
    return `created ${offered.manifest.createdAt}, not after epoch ${reference.epoch} (created ${reference.createdAt}) already served`;
  }
  return null;
}
