/**
 * What an open-mode filter gives away, in the figures the enumeration benchmark measured: anyone holding
 * the filter and its published key can walk the register's numbering plan and rebuild the list. The
 * figures are not constants in code: `npm run bench -- --suite enumeration` measures the walk rate and
 * the size of every register's plan (its mobile numbers, where most registered people are, and all its
 * valid numbers) and rewrites enumeration-benchmark.json; the build warning, the status page and the
 * docs quote the figure of the epoch's own plan, with its date.
 */
import recorded from './enumeration-benchmark.json' with { type: 'json' };

export interface PlanWalk {
  name: string;
  /** Valid numbers in the plan, estimated from the metadata by the benchmark. */
  numbers: number;
  /** Of them, mobile numbers. */
  mobiles: number;
}

export interface EnumerationCost {
  /** YYYY-MM-DD of the benchmark run. */
  measuredAt: string;
  /** Numbers walked per second on one core: keyed hash + one filter lookup. */
  walkRatePerCore: number;
  /** The plan of the epoch's region; undefined when the benchmark did not measure it. */
  plan?: PlanWalk;
  region: string;
}

const PLANS: Readonly<Record<string, PlanWalk>> = recorded.plans;

/** The recorded cost of walking the plan of `region` (the epoch's `normalization.defaultRegion`). */
export function enumerationCost(region: string): EnumerationCost {
  const { measuredAt, walkRatePerCore } = recorded;
  return { measuredAt, walkRatePerCore, plan: PLANS[region], region };
}

/** Minutes to walk `numbers` on one core at the recorded rate (unrounded: describeDuration rounds). */
export function walkMinutes(numbers: number, cost: EnumerationCost): number {
  return numbers / cost.walkRatePerCore / 60;
}

/**
 * "its 1.7×10^8 mobile numbers in under a minute on one core, all 1.0×10^9 valid numbers of the French
 * plan (+33 with its overseas codes) in about 4 minutes (enumeration benchmark of …: 4,320,961 numbers/s)".
 */
export function describeWalkCost(cost: EnumerationCost): string {
  const rate = Math.round(cost.walkRatePerCore).toLocaleString('en-US');
  const bench = `enumeration benchmark of ${cost.measuredAt}: ${rate} numbers/s on one core`;
  const { plan } = cost;
  if (!plan) {
    return `${rate} numbers per second on one core, so 10^9 numbers in ${describeDuration(walkMinutes(1e9, cost))} (the plan of ${cost.region} was not measured; ${bench})`;
  }
  return (
    `its ${formatCount(plan.mobiles)} mobile numbers in ${describeDuration(walkMinutes(plan.mobiles, cost))} on one core, ` +
    `all ${formatCount(plan.numbers)} valid numbers of ${plan.name} in ${describeDuration(walkMinutes(plan.numbers, cost))} (${bench})`
  );
}

export function describeDuration(minutes: number): string {
  // With the native keyed hash, the smaller plans' mobiles take seconds: never "about 0 minutes".
  if (minutes < 1) return 'under a minute';
  if (minutes < 1.5) return 'about 1 minute';
  if (minutes < 120) return `about ${Math.round(minutes)} minutes`;
  const hours = minutes / 60;
  if (hours < 72) return `about ${Math.round(hours)} hours`;
  const days = hours / 24;
  if (days < 730) return `about ${Math.round(days)} days`;
  return `about ${Math.round(days / 365)} years`;
}

function formatCount(numbers: number): string {
  const exponent = Math.floor(Math.log10(numbers));
  return `${(numbers / 10 ** exponent).toFixed(1)}×10^${exponent}`;
}
