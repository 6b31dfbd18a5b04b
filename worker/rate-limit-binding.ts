/**
 * The Workers Rate Limiting binding behind the app's RateLimiter interface. The binding answers only
 * allowed or not; its period (wrangler.jsonc, `ratelimits[].simple.period`) is the Retry-After.
 */
import type { RateLimiter } from '../src/api/quota/rate-limiter.ts';

export interface RateLimitBinding {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

export function bindingRateLimiter(binding: RateLimitBinding, periodSeconds: number): RateLimiter {
  return {
    async limit(key) {
      const { success } = await binding.limit({ key });
      return success ? { ok: true } : { ok: false, retryAfterSeconds: periodSeconds };
    },
  };
}
