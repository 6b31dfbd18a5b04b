/** Command-line options of bench/run.ts: --suite NAME, --sizes 1e6,1e7, --quick, --strict, --seed N. */
import { parseArgs } from 'node:util';

export interface CliOptions {
  suite: string | undefined;
  sizes: number[] | undefined;
  quick: boolean;
  strict: boolean;
  seed: number;
  output: string | undefined;
  /** Seconds of traffic per target (the soak suite), or undefined for its default. */
  duration: number | undefined;
}

export const USAGE = `usage: npm run bench -- [--suite NAME] [--sizes 1e6,1e7] [--quick] [--strict] [--seed N] [--output FILE]
  --suite   run one suite (default: all but the opt-in builder-us and builder-fr)
  --sizes   input sizes, comma-separated (1e6, 1000000, 200k, 10M)
  --quick   a fast smoke run (small sizes, one repetition)
  --strict  exit 1 when a target fails
  --seed    seed of the synthetic data (default 20240101)
  --output  where to write the JSON results (default bench/results/latest.json)
  --duration  seconds of traffic per target for the soak suite (default 180; 30 with --quick)`;

export function parseCliOptions(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      suite: { type: 'string' },
      sizes: { type: 'string' },
      quick: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      seed: { type: 'string', default: '20240101' },
      output: { type: 'string' },
      duration: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) throw new UsageError('');
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new UsageError(`--seed must be a non-negative integer`);
  const duration = values.duration === undefined ? undefined : Number(values.duration);
  if (duration !== undefined && !(Number.isFinite(duration) && duration >= 5 && duration <= 86_400)) {
    throw new UsageError('--duration must be a number of seconds from 5 to 86400');
  }
  return {
    duration,
    suite: values.suite,
    sizes: values.sizes === undefined ? undefined : values.sizes.split(',').map(parseSize),
    quick: values.quick,
    strict: values.strict,
    seed,
    output: values.output,
  };
}

export class UsageError extends Error {}

const SUFFIXES: Record<string, number> = { k: 1e3, K: 1e3, m: 1e6, M: 1e6 };

export function parseSize(text: string): number {
  const match = /^([\d.e+]+)([kKmM]?)$/.exec(text.trim());
  const size = match ? Number(match[1]) * (SUFFIXES[match[2] ?? ''] ?? 1) : Number.NaN;
  if (!Number.isSafeInteger(size) || size < 1) throw new UsageError(`not a size: "${text}"`);
  return size;
}
