/**
 * A clock for a test's server and builds that runs a fixed time behind the wall clock and moves
 * forward by jumps (`advance`), so a test crosses an expiry by a jump, never by sleeping: an entry with
 * a TTL of an hour stays live through any number of slow steps on a loaded machine, and is past its
 * expiry right after `advance(HOUR + …)`, wherever the machine stands. Running behind (never ahead)
 * lets the CLI's child processes, which read the wall clock, agree: an expiry the server has passed
 * is already past for them, and nothing they are served was made in their future.
 */
export class LaggingClock {
  #behindMs: number;

  constructor(behindMs: number) {
    this.#behindMs = behindMs;
  }

  /** ms since 1970, as `Date.now` (pass it as a server's `now`). */
  readonly now = (): number => Date.now() - this.#behindMs;

  date(): Date {
    return new Date(this.now());
  }

  /** Moves the clock forward by `ms`; refused past the wall clock, where child processes would disagree. */
  advance(ms: number): void {
    if (!(ms > 0 && ms <= this.#behindMs)) {
      throw new RangeError(
        `cannot advance by ${ms} ms: the clock is ${this.#behindMs} ms behind the wall clock`,
      );
    }
    this.#behindMs -= ms;
  }
}
