/**
 * What the server does with each `latest.json` it reads: accept it (core/epoch/trusted-latest.ts:
 * the signed pointer, the manifest along the key chain, never older than the high-water mark, not
 * expired) or refuse it, and never let one bad pointer take the server down. A refused pointer (an
 * older epoch copied back, an expired pointer, a manifest signed by a retired or unannounced key,
 * anything unverifiable) leaves the last trusted epoch served (after a restart: the epoch of the saved
 * trust state, high-water.ts), writes one alert line per refused pointer (no keys, no numbers), and
 * shows in /healthz and /readyz (503 while it lasts, so a monitor sees it) and on the status page.
 * A pointer already refused is refused again without reloading its manifest on every TTL.
 */

import type { Manifest } from '../../core/epoch/manifest.ts';
import { assertPointerFresh, type EpochPointer, LATEST_POINTER_KEY } from '../../core/epoch/pointer.ts';
import { mergeTrustStates, type TrustState } from '../../core/epoch/trust-state.ts';
import { type RefusalKind, refusalKind, type TrustedLatest } from '../../core/epoch/trusted-latest.ts';
import { ApiError } from '../errors/api-error.ts';
import { type HighWaterMark, type HighWaterStore, trustStateOf } from './high-water.ts';

/** What the guard needs of a loaded, verified epoch (epoch-cache.ts's LoadedEpoch). */
export interface FreshnessCandidate {
  /** The signed pointer it was accepted with; null for an epoch restored from the saved state. */
  pointer: EpochPointer | null;
  manifest: Manifest;
  manifestSha256: string;
}

/** One JSON line in the alert stream when the server refuses a pointer or cannot keep its state. */
export interface FreshnessAlert {
  type: 'alert';
  code: RefusalKind | 'HIGH_WATER_UNAVAILABLE';
  time: string;
  message: string;
  /** The epoch latest.json names, refused (null: unreadable). */
  offeredEpoch: string | null;
  /** The epoch served instead (null: none could be). */
  servedEpoch: string | null;
  highWaterEpoch: string | null;
}

export type FreshnessState =
  | 'ok'
  | 'rollback-refused'
  | 'pointer-expired'
  | 'key-retired'
  | 'pointer-unverifiable';

const STATE_OF: Record<RefusalKind, FreshnessState> = {
  ROLLBACK_REFUSED: 'rollback-refused',
  POINTER_EXPIRED: 'pointer-expired',
  KEY_RETIRED: 'key-retired',
  POINTER_UNVERIFIABLE: 'pointer-unverifiable',
};

/** The alert sentence of each refusal: fixed wording, no key, no number. */
const ALERT_OF: Record<RefusalKind, string> = {
  ROLLBACK_REFUSED: 'names an epoch older than one already served',
  POINTER_EXPIRED: 'has expired (the operator must build or run `quietlist renew`)',
  KEY_RETIRED: 'names an epoch signed by a retired signing key',
  POINTER_UNVERIFIABLE:
    'cannot be verified (unsigned, a bad signature, an unannounced key, or a missing or invalid manifest)',
};

export interface FreshnessStatus {
  /** 'ok', or the refusal in force while latest.json is refused. */
  state: FreshnessState;
  highWater: { epoch: string; createdAt: string; persisted: boolean } | null;
  refused: { code: RefusalKind; epoch: string | null; reason: string; at: string } | null;
  /** Set when the trust state could not be read or written (the guard then uses what it holds). */
  storageProblem: string | null;
}

export interface EpochFreshnessOptions {
  highWater: HighWaterStore;
  alert: (entry: FreshnessAlert) => void;
  now: () => number;
}

/** How the epoch cache verifies, loads and restores epochs for the guard. */
export interface AcceptHooks<E> {
  /** The pointer against the trust state (core acceptLatest); throws a refusal. */
  verify(pointerBytes: Uint8Array, state: TrustState | null): Promise<TrustedLatest>;
  /** The epoch to serve for a verified pointer; may throw a refusal (an epoch this code cannot serve). */
  load(trusted: TrustedLatest, pointerBytes: Uint8Array): Promise<E>;
  /** After a restart, nothing served: the saved state's epoch, verified, or null. */
  restore(state: TrustState): Promise<E | null>;
}

interface Refusal {
  /** The refused pointer's text ('' when latest.json is missing). */
  key: string;
  code: RefusalKind;
  epoch: string | null;
  reason: string;
  at: string;
  /** Thrown when nothing can be served instead. */
  error: unknown;
}

export class EpochFreshness {
  readonly #options: EpochFreshnessOptions;
  #state: TrustState | null = null;
  #acceptedPointer: string | null = null;
  #refused: Refusal | null = null;
  #storageProblem: string | null = null;

  constructor(options: EpochFreshnessOptions) {
    this.#options = options;
  }

  status(): FreshnessStatus {
    const mark = this.#state;
    const refused = this.#refused;
    return {
      state: refused ? STATE_OF[refused.code] : 'ok',
      highWater: mark
        ? { epoch: mark.epoch, createdAt: mark.createdAt, persisted: this.#options.highWater.durable }
        : null,
      refused: refused
        ? { code: refused.code, epoch: refused.epoch, reason: refused.reason, at: refused.at }
        : null,
      storageProblem: this.#storageProblem,
    };
  }

  /** The trust state held (the key chain the status page and /v1/signing-key show). */
  get trustState(): TrustState | null {
    return this.#state;
  }

  /**
   * The epoch to serve after reading latest.json (`bytes`; null: missing): the newly verified one, or
   * `served` (or the saved state's epoch) when the pointer is refused. A storage failure throws as is.
   */
  async accept<E extends FreshnessCandidate>(
    bytes: Uint8Array | null,
    served: E | null,
    pinned: string,
    hooks: AcceptHooks<E>,
  ): Promise<E> {
    const key = bytes ? new TextDecoder().decode(bytes) : '';
    if (!bytes) {
      if (!served && !this.#state && !(await this.#readState(pinned))) throw new ApiError('NO_EPOCH');
      const missing = new ApiError('NO_EPOCH', { message: `${LATEST_POINTER_KEY} is missing` });
      return this.#refuse(
        'POINTER_UNVERIFIABLE',
        `${LATEST_POINTER_KEY} is missing`,
        null,
        key,
        missing,
        served,
        hooks,
      );
    }
    if (served?.pointer && key === this.#acceptedPointer) {
      // The pointer already accepted: only time moves, and with it the expiry.
      try {
        assertPointerFresh(served.pointer, this.#options.now());
      } catch (error) {
        return this.#refuse(
          'POINTER_EXPIRED',
          (error as Error).message,
          served.pointer.epoch,
          key,
          error,
          served,
          hooks,
        );
      }
      this.#refused = null;
      return served;
    }
    if (this.#refused?.key === key) return (await this.#keep(served, hooks)) as E;
    const state = await this.#readState(pinned);
    let loaded: E;
    let trusted: TrustedLatest;
    try {
      trusted = await hooks.verify(bytes, state);
      loaded = await hooks.load(trusted, bytes);
    } catch (error) {
      const kind = refusalKind(error);
      if (!kind) throw error;
      return this.#refuse(kind, (error as Error).message, offeredEpoch(bytes), key, error, served, hooks);
    }
    this.#acceptedPointer = key;
    this.#refused = null;
    await this.#advance({ ...trusted.state, seenAt: new Date(this.#options.now()).toISOString() });
    return loaded;
  }

  async #refuse<E extends FreshnessCandidate>(
    code: RefusalKind,
    reason: string,
    epoch: string | null,
    key: string,
    error: unknown,
    served: E | null,
    hooks: AcceptHooks<E>,
  ): Promise<E> {
    const firstTime = this.#refused?.key !== key || this.#refused.code !== code;
    const at = new Date(this.#options.now()).toISOString();
    if (firstTime) this.#refused = { key, code, epoch, reason, at, error };
    const kept = await this.#keep(served, hooks, false);
    if (firstTime) {
      this.#options.alert({
        type: 'alert',
        code,
        time: at,
        message: `${LATEST_POINTER_KEY}${epoch ? ` (epoch ${epoch})` : ''} ${ALERT_OF[code]}: refused, ${kept ? `still serving epoch ${kept.manifest.epoch}` : 'nothing to serve'}`,
        offeredEpoch: epoch,
        servedEpoch: kept?.manifest.epoch ?? null,
        highWaterEpoch: this.#state?.epoch ?? null,
      });
    }
    if (!kept) throw this.#nothingToServe();
    return kept;
  }

  /** `served`, or after a restart the saved state's epoch; throws the refusal when there is neither. */
  async #keep<E extends FreshnessCandidate>(
    served: E | null,
    hooks: AcceptHooks<E>,
    mustServe = true,
  ): Promise<E | null> {
    let kept = served;
    if (!kept && this.#state) kept = await hooks.restore(this.#state).catch(() => null);
    if (!kept && mustServe) throw this.#nothingToServe();
    return kept;
  }

  #nothingToServe(): unknown {
    const refused = this.#refused;
    if (!refused || refused.code === 'ROLLBACK_REFUSED') return new ApiError('STALE_EPOCH');
    return refused.error;
  }

  async #readState(pinned: string): Promise<TrustState | null> {
    try {
      const stored = await this.#options.highWater.read();
      const saved = stored ? trustStateOf(stored, pinned) : null;
      // Memory and storage as one (another instance may be ahead): the newer mark, every retired key.
      this.#state = mergeTrustStates(this.#state, saved);
      this.#storageProblem = null;
    } catch (error) {
      this.#problem(`the trust state could not be read: ${(error as Error).message}`);
    }
    return this.#state;
  }

  async #advance(next: HighWaterMark): Promise<void> {
    const { seenAt: _seenAt, ...state } = next;
    this.#state = state as TrustState;
    try {
      await this.#options.highWater.advance(next);
    } catch (error) {
      // Keep serving: the state still holds in memory; the status and one alert line say it is not durable.
      this.#problem(`the trust state could not be saved: ${(error as Error).message}`);
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
      highWaterEpoch: this.#state?.epoch ?? null,
    });
  }
}

/** The epoch a pointer names, read without trusting it (for messages), or null. */
function offeredEpoch(bytes: Uint8Array): string | null {
  try {
    const json = JSON.parse(new TextDecoder().decode(bytes)) as {
      pointer?: { epoch?: unknown };
      epoch?: unknown;
    };
    const epoch = json.pointer?.epoch ?? json.epoch;
    return typeof epoch === 'string' && /^[0-9A-Za-z-]{1,40}$/.test(epoch) ? epoch : null;
  } catch {
    return null;
  }
}
