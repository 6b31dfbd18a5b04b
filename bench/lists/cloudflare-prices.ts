/**
 * Cloudflare's published prices (Workers Paid plan, beyond the included usage), read 2026-12-07, and
 * the estimate of what live additions cost the operator per million additions from the per-addition
 * usage the bench measured. Included allowances (10M requests, 30M CPU-ms, 1M R2 class A a month…)
 * are left out: this is the marginal price.
 */
export const PRICES_READ_ON = '2026-12-07';

export const CLOUDFLARE_PRICES = {
  workerRequestsPerMillion: { usd: 0.3, url: 'https://developers.cloudflare.com/workers/platform/pricing/' },
  workerCpuMsPerMillion: { usd: 0.02, url: 'https://developers.cloudflare.com/workers/platform/pricing/' },
  durableObjectRequestsPerMillion: {
    usd: 0.15,
    url: 'https://developers.cloudflare.com/durable-objects/platform/pricing/',
  },
  /** Duration, billed at 128 MB per active object whatever it uses. */
  durableObjectGbSecondsPerMillion: {
    usd: 12.5,
    url: 'https://developers.cloudflare.com/durable-objects/platform/pricing/',
  },
  r2ClassAPerMillion: { usd: 4.5, url: 'https://developers.cloudflare.com/r2/pricing/' },
  r2ClassBPerMillion: { usd: 0.36, url: 'https://developers.cloudflare.com/r2/pricing/' },
} as const;

export const DURABLE_OBJECT_GB = 128 / 1024;

/** What one addition uses, on average, on the Workers deployment. */
export interface UsagePerAddition {
  workerRequests: number;
  workerCpuMs: number;
  durableObjectRequests: number;
  /** Seconds the list's Durable Object is active, per addition (times 128 MB gives GB-s). */
  durableObjectActiveSeconds: number;
  r2ClassA: number;
  r2ClassB: number;
}

export type CostBreakdown = Record<keyof UsagePerAddition | 'total', number>;

/** US dollars per million additions, item by item and in total. */
export function dollarsPerMillionAdditions(usage: UsagePerAddition): CostBreakdown {
  const p = CLOUDFLARE_PRICES;
  // Each price is per million units, so per million additions the cost is usage × price.
  const breakdown = {
    workerRequests: usage.workerRequests * p.workerRequestsPerMillion.usd,
    workerCpuMs: usage.workerCpuMs * p.workerCpuMsPerMillion.usd,
    durableObjectRequests: usage.durableObjectRequests * p.durableObjectRequestsPerMillion.usd,
    durableObjectActiveSeconds:
      usage.durableObjectActiveSeconds * DURABLE_OBJECT_GB * p.durableObjectGbSecondsPerMillion.usd,
    r2ClassA: usage.r2ClassA * p.r2ClassAPerMillion.usd,
    r2ClassB: usage.r2ClassB * p.r2ClassBPerMillion.usd,
  };
  const total = Object.values(breakdown).reduce((sum, value) => sum + value, 0);
  return { ...breakdown, total };
}
