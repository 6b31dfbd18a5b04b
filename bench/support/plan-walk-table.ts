/**
 * The table of docs/PRIVACY.md "What walking each register's plan costs", made from the enumeration
 * benchmark's record (src/core/privacy/enumeration-benchmark.json): the suite rewrites it after a full
 * run, and test/unit/docs/privacy-figures.test.ts fails when the page and the record disagree, so the
 * page never quotes a figure its plan does not have.
 */
import { describeDuration, walkMinutes } from '../../src/core/privacy/open-mode-exposure.ts';
import { BUILTIN_PROFILES } from '../../src/core/registers/builtin-profiles.ts';

export const TABLE_START = '<!-- plan-walks:start (written by npm run bench -- --suite enumeration) -->';
export const TABLE_END = '<!-- plan-walks:end -->';
/** `quietlist keys add` defaults (src/cli/commands/keys.ts). */
const MONTHLY_QUOTA = 1_000_000;

interface Record {
  measuredAt: string;
  walkRatePerCore: number;
  /** The keyed hash the recorded walk used (the fastest at hand), and the JavaScript one's rate beside it. */
  walkHash?: string;
  javascriptWalkRatePerCore?: number;
  plans: { [region: string]: { name: string; numbers: number; mobiles: number } };
}

export function planWalkTable(record: Record): string {
  const cost = (region: string) => ({
    measuredAt: record.measuredAt,
    walkRatePerCore: record.walkRatePerCore,
    region,
  });
  const rows = Object.entries(record.plans).map(([region, plan]) => {
    const registers = BUILTIN_PROFILES.filter((profile) => profile.region === region).map(
      (profile) => `\`${profile.id}\``,
    );
    const months = (count: number) => Math.round(count / MONTHLY_QUOTA).toLocaleString('en-US');
    return `| ${plan.name} | ${registers.join(', ') || '(objection lists)'} | ${sci(plan.mobiles)} / ${sci(plan.numbers)} | ${describeDuration(walkMinutes(plan.mobiles, cost(region)))} / ${describeDuration(walkMinutes(plan.numbers, cost(region)))} | ${months(plan.mobiles)} / ${months(plan.numbers)} |`;
  });
  return [
    TABLE_START,
    `Enumeration benchmark of ${record.measuredAt}: ${record.walkRatePerCore.toLocaleString('en-US')} numbers/s on one core (${record.walkHash ?? 'HMAC-SHA-256'} + one filter lookup${record.javascriptWalkRatePerCore === undefined ? '' : `; ${record.javascriptWalkRatePerCore.toLocaleString('en-US')}/s with the JavaScript HMAC`}).`,
    '',
    '| plan | registers | mobile / all valid numbers | open mode: walk on one core (mobiles / all) | oprf mode: months for one subscriber at 1,000,000 a month (mobiles / all) |',
    '|---|---|---|---|---|',
    ...rows,
    TABLE_END,
  ].join('\n');
}

function sci(value: number): string {
  const exponent = Math.floor(Math.log10(value));
  return `${(value / 10 ** exponent).toFixed(1)}×10^${exponent}`;
}
