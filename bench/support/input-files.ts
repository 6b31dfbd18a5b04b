/** Writes the synthetic registry exports the builder reads: canonical text and a national-format CSV. */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_MEMBERS, type SyntheticNumbers } from './synthetic-numbers.ts';

const LINES_PER_WRITE = 100_000;

/** "+33612345678", one per line. */
export function writeCanonicalInput(directory: string, numbers: SyntheticNumbers, count: number): string {
  return writeLines(join(directory, `canonical-${count}.txt`), count, undefined, (i) => numbers.e164(i));
}

/** A CSV with a header, an id column and the phone in national format: `17,06 12 34 56 78`. */
export function writeNationalCsv(directory: string, numbers: SyntheticNumbers, count: number): string {
  return writeLines(
    join(directory, `national-${count}.csv`),
    count,
    'id,phone',
    (i) => `${i + 1},${numbers.national(i)}`,
  );
}

function writeLines(
  path: string,
  count: number,
  header: string | undefined,
  line: (index: number) => string,
): string {
  if (count > MAX_MEMBERS) throw new RangeError(`at most ${MAX_MEMBERS} synthetic members`);
  const fd = openSync(path, 'w');
  try {
    if (header !== undefined) writeSync(fd, `${header}\n`);
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
