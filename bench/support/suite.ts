/**
 * What a bench suite is: a named runner that returns measurements (printed as a table, saved as JSON)
 * and target checks (printed as PASS/FAIL). Adding a suite is one file exporting a BenchSuite plus one
 * entry in run.ts.
 */
export interface BenchOptions {
  /** Input sizes (entries) to measure, or undefined for the suite's defaults. */
  sizes: number[] | undefined;
  /** A fast smoke run: small sizes, fewer repetitions. */
  quick: boolean;
  /** Seed of every pseudo-random choice, so runs are reproducible. */
  seed: number;
  /** Seconds of traffic per target, for suites that run for a time (soak); undefined: their default. */
  durationSeconds?: number | undefined;
  /** A scratch directory the suite may fill; removed after the run. */
  tempDirectory: string;
}

export interface Measurement {
  /** A human label, unit included: "build, canonical input (numbers/s)". */
  metric: string;
  /** The input size it was measured at, when it depends on one. */
  size?: number | undefined;
  /** Extrapolated rather than measured (e.g. the 250M column). */
  projected?: boolean;
  value: number | string;
}

export interface TargetCheck {
  name: string;
  actual: number;
  target: number;
  comparison: '>=' | '<=';
  /** How to print actual and target: "%" (a fraction), "×", " MB", "rate" (ε), "bool", or "". */
  unit: string;
  pass: boolean;
}

export interface SuiteResult {
  measurements: Measurement[];
  targets: TargetCheck[];
  notes: string[];
}

export interface BenchSuite {
  name: string;
  description: string;
  /** Runs only when named with --suite (a run that needs gigabytes of disk and minutes of both cores). */
  optIn?: boolean;
  run(options: BenchOptions, log: (line: string) => void): Promise<SuiteResult>;
}

export function checkTarget(
  name: string,
  actual: number,
  comparison: '>=' | '<=',
  target: number,
  unit = '',
): TargetCheck {
  const pass = comparison === '>=' ? actual >= target : actual <= target;
  return { name, actual, target, comparison, unit, pass };
}
