/**
 * What an open-mode filter gives away, in the figure the enumeration benchmark measured: anyone holding
 * the filter and its published key can walk the numbering plan and rebuild the list. The figure is not a
 * constant in code: `npm run bench -- --suite enumeration` rewrites enumeration-benchmark.json, and the
 * build warning, the status page and the docs quote it with its date.
 */
import recorded from './enumeration-benchmark.json' with { type: 'json' };

export interface EnumerationCost {
  /** YYYY-MM-DD of the benchmark run. */
  measuredAt: string;
  /** Numbers walked per second on one core: keyed hash + one filter lookup. */
  walkRatePerCore: number;
  /** Numbers in the walked plan (the French plan: +33 then 9 digits, first digit 1-9). */
  planNumbers: number;
  planName: string;
  /** Whole minutes to walk the plan on one core. */
  planMinutesOneCore: number;
}

export function enumerationCost(): EnumerationCost {
  const { measuredAt, walkRatePerCore, planNumbers, planName } = recorded;
  return {
    measuredAt,
    walkRatePerCore,
    planNumbers,
    planName,
    planMinutesOneCore: Math.max(1, Math.round(planNumbers / walkRatePerCore / 60)),
  };
}

/** "about 79 minutes on one core (enumeration benchmark of 2026-11-28: 190,000 numbers/s)". */
export function describeWalkCost(cost: EnumerationCost = enumerationCost()): string {
  const rate = Math.round(cost.walkRatePerCore).toLocaleString('en-US');
  return `about ${cost.planMinutesOneCore} minutes on one core for ${cost.planName} (${formatPlanSize(cost.planNumbers)} numbers; enumeration benchmark of ${cost.measuredAt}: ${rate} numbers/s)`;
}

function formatPlanSize(numbers: number): string {
  const exponent = Math.floor(Math.log10(numbers));
  const mantissa = numbers / 10 ** exponent;
  return Number.isInteger(mantissa) ? `${mantissa}×10^${exponent}` : numbers.toLocaleString('en-US');
}
