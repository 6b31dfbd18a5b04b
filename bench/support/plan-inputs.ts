/**
 * Inputs of the plans suite: for every plan of the built-in register profiles, the same numbers written
 * twice, canonical E.164 and the plain national spelling (Google's national format: "(201) 555-0123",
 * "020 7946 0958", "06 12 34 56 78"), one a line. Numbers come from scripts/register-numbers.ts (valid
 * per Google's libphonenumber, France's overseas regions included); each is varied over its last three
 * (or more) digits to reach the size, so the lines keep their plan's shapes and repeat no number. Written to the run's scratch directory.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { CountryCode } from 'libphonenumber-js/min';
import { REGISTER_PROFILES, registerNumbers, registerSpellings } from '../../scripts/register-numbers.ts';
import { BUILTIN_PROFILES } from '../../src/core/registers/builtin-profiles.ts';

/** The plans of the built-in register profiles (us-dnc, ca-dncl, uk-tps, es-robinson, …), once each. */
export const BENCH_PLANS: readonly CountryCode[] = [
  ...new Set(BUILTIN_PROFILES.map((profile) => profile.region as CountryCode)),
];

const LINES_PER_WRITE = 100_000;

export interface PlanInput {
  region: CountryCode;
  count: number;
  canonicalPath: string;
  nationalPath: string;
  /** The first lines of each file (a few thousand), for measuring the reading alone. */
  sample: { canonical: string[]; national: string[] };
}

/** The last `width` digits of a spelling replaced by `variant`, separators kept. */
function withLastDigits(spelling: string, variant: number, width: number): string {
  const digits = String(variant).padStart(width, '0');
  const characters = [...spelling];
  let replaced = 0;
  for (let i = characters.length - 1; i >= 0 && replaced < width; i--) {
    if (characters[i]! >= '0' && characters[i]! <= '9') characters[i] = digits[width - 1 - replaced++]!;
  }
  return characters.join('');
}

/** Numbers that differ before their last `width` digits, so that no two variants are the same number. */
function distinctBases(
  bases: { e164: string; national: string }[],
  width: number,
): { e164: string; national: string }[] {
  const seen = new Set<string>();
  return bases.filter((base) => {
    const head = base.e164.slice(0, -width);
    if (seen.has(head)) return false;
    seen.add(head);
    return true;
  });
}

export function writePlanInputs(
  directory: string,
  region: CountryCode,
  size: number,
  seed: number,
): PlanInput {
  const profile = REGISTER_PROFILES.find((candidate) => candidate.id === region);
  if (!profile) throw new Error(`no generated numbers for the plan of ${region}`);
  const generated = registerNumbers(profile, Math.ceil((size / 1_000) * 1.25), seed)
    .map((number) => ({ e164: number.e164, national: registerSpellings(profile, number).national }))
    .filter((base): base is { e164: string; national: string } => base.national !== undefined);
  // Three varied digits, or up to five where the generator repeats its heads (NANP: 555-01xx in each
  // of Canada's 60 area codes).
  let width = 3;
  let bases = distinctBases(generated, width);
  while (bases.length * 10 ** width < size && width < 5) bases = distinctBases(generated, ++width);
  const count = Math.min(size, bases.length * 10 ** width);
  const line = (index: number, spelling: 'e164' | 'national') =>
    withLastDigits(bases[index % bases.length]![spelling], Math.floor(index / bases.length), width);
  const sampleSize = Math.min(count, 5_000);
  return {
    region,
    count,
    canonicalPath: writeLines(join(directory, `plan-${region}-e164.txt`), count, (i) => line(i, 'e164')),
    nationalPath: writeLines(join(directory, `plan-${region}-national.txt`), count, (i) =>
      line(i, 'national'),
    ),
    sample: {
      canonical: Array.from({ length: sampleSize }, (_, i) => line(i, 'e164')),
      national: Array.from({ length: sampleSize }, (_, i) => line(i, 'national')),
    },
  };
}

function writeLines(path: string, count: number, line: (index: number) => string): string {
  const fd = openSync(path, 'w');
  try {
    for (let start = 0; start < count; start += LINES_PER_WRITE) {
      const end = Math.min(count, start + LINES_PER_WRITE);
      const lines = new Array<string>(end - start);
      for (let i = start; i < end; i++) lines[i - start] = line(i);
      writeSync(fd, `${lines.join('\n')}\n`);
    }
  } finally {
    closeSync(fd);
  }
  return path;
}
