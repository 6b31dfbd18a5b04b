/**
 * Cost per million numbers checked on Cloudflare, from the published unit prices (marginal prices:
 * beyond the Workers Paid plan's included usage) and what the edge suite measured. Each figure comes
 * with its arithmetic, printed in the suite's notes and copied into docs/PERFORMANCE.md.
 *
 * Prices, read 2026-12-07:
 *   Workers Standard   https://developers.cloudflare.com/workers/platform/pricing/
 *                      $0.30 per million requests, $0.02 per million CPU milliseconds
 *   Durable Objects    https://developers.cloudflare.com/durable-objects/platform/pricing/
 *                      $0.15 per million requests (each RPC method call is one), $12.50 per million
 *                      GB-s of duration, billed at 128 MB per object while it is active
 *   R2 Standard        https://developers.cloudflare.com/r2/pricing/
 *                      $0.36 per million Class B operations (reads)
 */
export const PRICES = {
  workerRequest: 0.3 / 1e6,
  workerCpuMs: 0.02 / 1e6,
  objectRequest: 0.15 / 1e6,
  objectGbSecond: 12.5 / 1e6,
  objectGb: 0.128,
  r2ClassB: 0.36 / 1e6,
} as const;

/** What one API request costs, by resource. */
export interface RequestProfile {
  /** Numbers checked by one request. */
  numbers: number;
  /** Worker CPU milliseconds per request. */
  workerCpuMs: number;
  /** Durable Object requests per API request (the quota object, and shard objects on that path). */
  objectRequests: number;
  /** Seconds a Durable Object is active per object request. */
  objectActiveSeconds: number;
  /** R2 reads (Class B) per API request. */
  r2Reads: number;
}

export interface CostLine {
  label: string;
  dollars: number;
  arithmetic: string;
}

function usd(value: number): string {
  return value >= 0.01 ? `$${value.toFixed(3)}` : `$${value.toPrecision(2)}`;
}

/** Dollars per million numbers checked, with the arithmetic of each part. */
export function costPerMillionNumbers(profile: RequestProfile): { total: number; lines: CostLine[] } {
  const requests = 1e6 / profile.numbers;
  const r = (value: number) =>
    value !== 0 && Math.abs(value) < 0.01
      ? value.toPrecision(2)
      : value.toLocaleString('en-US', { maximumFractionDigits: 3 });
  const lines: CostLine[] = [
    {
      label: 'Workers requests',
      dollars: requests * PRICES.workerRequest,
      arithmetic: `${r(requests)} requests × $0.30/M`,
    },
    {
      label: 'Workers CPU',
      dollars: requests * profile.workerCpuMs * PRICES.workerCpuMs,
      arithmetic: `${r(requests)} × ${r(profile.workerCpuMs)} ms × $0.02/M ms`,
    },
    {
      label: 'Durable Objects requests',
      dollars: requests * profile.objectRequests * PRICES.objectRequest,
      arithmetic: `${r(requests)} × ${r(profile.objectRequests)} × $0.15/M`,
    },
    {
      label: 'Durable Objects duration',
      dollars:
        requests *
        profile.objectRequests *
        profile.objectActiveSeconds *
        PRICES.objectGb *
        PRICES.objectGbSecond,
      arithmetic: `${r(requests)} × ${r(profile.objectRequests)} × ${r(profile.objectActiveSeconds)} s × 0.128 GB × $12.50/M GB-s`,
    },
    {
      label: 'R2 Class B',
      dollars: requests * profile.r2Reads * PRICES.r2ClassB,
      arithmetic: `${r(requests)} × ${r(profile.r2Reads)} reads × $0.36/M`,
    },
  ];
  return { total: lines.reduce((sum, line) => sum + line.dollars, 0), lines };
}

export function formatCost(name: string, cost: { total: number; lines: CostLine[] }): string {
  const parts = cost.lines.map((line) => `${line.label} ${line.arithmetic} = ${usd(line.dollars)}`);
  return `${name}: ${usd(cost.total)} per million numbers = ${parts.join('; ')}`;
}
