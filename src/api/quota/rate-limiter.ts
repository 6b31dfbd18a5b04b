/**
 * Request rate limits per subscriber. On Cloudflare the Workers Rate Limiting binding implements
 * this interface (worker/rate-limit-binding.ts); on Node an in-memory token bucket per instance.
 */
export type RateLimitDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  limit(key: string): Promise<RateLimitDecision>;
}

const MAX_BUCKETS = 100_000;

/** `requests` per `periodSeconds`, refilled continuously; a full bucket allows a burst of `requests`. */
export class TokenBucketRateLimiter implements RateLimiter {
  readonly #capacity: number;
  readonly #refillPerMs: number;
  readonly #now: () => number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(requests: number, periodSeconds: number, now: () => number = Date.now) {
    this.#capacity = requests;
    this.#refillPerMs = requests / (periodSeconds * 1000);
    this.#now = now;
  }

  async limit(key: string): Promise<RateLimitDecision> {
    const now = this.#now();
    const bucket = this.#buckets.get(key) ?? { tokens: this.#capacity, at: now };
    bucket.tokens = Math.min(this.#capacity, bucket.tokens + (now - bucket.at) * this.#refillPerMs);
    bucket.at = now;
    if (this.#buckets.size >= MAX_BUCKETS && !this.#buckets.has(key)) this.#buckets.clear();
    this.#buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return {
      ok: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.#refillPerMs / 1000)),
    };
  }
}
