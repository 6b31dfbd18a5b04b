/**
 * Failed authentications counted per client address, so that a flood of bad keys slows no one else:
 * each failure spends a token of the address's own budget in a RateLimiter (key
 * `auth-failure:<address>`; AUTH_FAILURES_PER_MINUTE on Node, the Rate Limiting binding on Workers); once it is spent, the address is remembered as blocked until the
 * limiter's Retry-After, and its requests with unknown keys are refused with 429 before any storage
 * read. Keys already in the subscriber cache still pass (a valid key behind the same address is not
 * punished for the flood).
 */
import type { Context } from 'hono';
import type { RateLimiter } from '../quota/rate-limiter.ts';
import { canonicalAddress } from './ip-address.ts';

const MAX_BLOCKED = 100_000;

/** The client address from the socket's peer and the request's X-Forwarded-For (trusted-proxies.ts). */
export type AddressResolver = (peer: string, forwardedFor: string | undefined) => string;

/**
 * The client's address: on Node the socket's peer, or with `serve --trust-proxy` the address the
 * trusted proxies in front of it saw (X-Forwarded-For, read only as far as they wrote it); on Workers
 * Cloudflare's CF-Connecting-IP. Always in one spelling per address (ip-address.ts).
 */
export function clientAddress(c: Context, behindProxies?: AddressResolver): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  if (incoming) {
    const peer = incoming.socket?.remoteAddress;
    if (peer === undefined) return 'unknown';
    return behindProxies
      ? behindProxies(peer, c.req.header('x-forwarded-for'))
      : (canonicalAddress(peer) ?? peer);
  }
  const connecting = c.req.header('cf-connecting-ip');
  return connecting === undefined ? 'unknown' : (canonicalAddress(connecting) ?? connecting);
}

export class AuthFailureLimiter {
  readonly #limiter: RateLimiter;
  readonly #now: () => number;
  readonly #blockedUntil = new Map<string, number>();

  constructor(limiter: RateLimiter, now: () => number = Date.now) {
    this.#limiter = limiter;
    this.#now = now;
  }

  /** Seconds this address must still wait, or 0 when it is not blocked. */
  blockedFor(address: string): number {
    const until = this.#blockedUntil.get(address);
    if (until === undefined) return 0;
    const left = until - this.#now();
    if (left <= 0) {
      this.#blockedUntil.delete(address);
      return 0;
    }
    return Math.max(1, Math.ceil(left / 1000));
  }

  /** Counts one failure; returns the seconds to wait when the address has spent its budget, else 0. */
  async failed(address: string): Promise<number> {
    const decision = await this.#limiter.limit(`auth-failure:${address}`);
    if (decision.ok) return 0;
    if (this.#blockedUntil.size >= MAX_BLOCKED) this.#blockedUntil.clear();
    this.#blockedUntil.set(address, this.#now() + decision.retryAfterSeconds * 1000);
    return decision.retryAfterSeconds;
  }
}
