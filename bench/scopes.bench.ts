/**
 * Scopes and partitions (issue 20; docs/FORMAT.md §1.3, §1.4): bits per (number, scope) pair at the
 * target ε and a scoped check's cost (scopes/scope-bits.ts), the download per entitlement of a
 * 300-area-code NANP register and its manifest's size (scopes/partition-downloads.ts), and the
 * evaluation cost per number with and without scopes and partitions (scopes/evaluation-cost.ts).
 *
 *   npm run bench -- --suite scopes [--sizes 200000] [--quick]
 * `--sizes` sets the Spanish register's registrations; the NANP one has 300 area codes of 5,000
 * numbers (500 with --quick).
 */
import { evaluationCost } from './scopes/evaluation-cost.ts';
import { partitionDownloads } from './scopes/partition-downloads.ts';
import { scopeBits } from './scopes/scope-bits.ts';
import type { BenchSuite } from './support/suite.ts';

export const scopesSuite: BenchSuite = {
  name: 'scopes',
  description:
    'scopes and partitions: bits per (number, scope) pair, download per entitlement, cost per number',
  async run(options, log) {
    const size = options.sizes?.[0] ?? (options.quick ? 20_000 : 200_000);
    const bits = await scopeBits(size, options.seed, log);
    const downloads = await partitionDownloads(options.quick ? 500 : 5_000, options.tempDirectory, log);
    log('scopes: OPRF evaluation costs');
    const cost = await evaluationCost(options.quick ? 2 : 5);
    return {
      measurements: [...bits.measurements, ...downloads.measurements, ...cost.measurements],
      targets: [...bits.targets, ...downloads.targets, ...cost.targets],
      notes: [
        'scope digests: HMAC-SHA-256 of the digest head with the label; a check looks up four labels (docs/FORMAT.md §1.3)',
        `oprf backend ${cost.backend}; costs are the main thread's CPU time, the best of the rounds`,
        'one server evaluation per number whatever the scope: counted on the real worker by test/integration/registers/scopes-end-to-end.test.ts (64 numbers, ten scopes, 64 evaluations)',
        'the national figures are projections: filters scale with entries, the manifest with partitions',
      ],
    };
  },
};
