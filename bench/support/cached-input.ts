/**
 * The national-scale inputs (builder-us, builder-fr, and the edge suite's US-sized epoch): one canonical
 * E.164 number a line, written once per plan, size and seed into the system's temporary directory
 * (`quietlist-bench-cache/`, about 3.3 GB at 250M; never in the repository) and reused by every run.
 */
import { closeSync, existsSync, mkdirSync, openSync, renameSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NATIONAL_REGISTERS, type NationalPlan } from './national-registers.ts';
import { formatSize } from './report.ts';

const LINES_PER_WRITE = 200_000;

/** The input file, written once per plan, size and seed (through a temporary name, so a cut run leaves none). */
export function cachedInput(
  plan: NationalPlan,
  size: number,
  seed: number,
  log: (line: string) => void,
): string {
  const register = NATIONAL_REGISTERS[plan];
  if (size > register.maxMembers)
    throw new RangeError(`at most ${register.maxMembers} synthetic ${plan} members`);
  const directory = join(tmpdir(), 'quietlist-bench-cache');
  mkdirSync(directory, { recursive: true });
  const path = join(directory, `${register.fileStem}-${size}-seed${seed}.txt`);
  if (existsSync(path)) {
    log(`${plan} ${formatSize(size)}: input cached at ${path}`);
    return path;
  }
  checkDisk(directory, size * 14);
  log(`${plan} ${formatSize(size)}: writing the input once to ${path}`);
  const numbers = register.numbers(seed);
  const partial = `${path}.${process.pid}.partial`;
  const fd = openSync(partial, 'w');
  try {
    for (let start = 0; start < size; start += LINES_PER_WRITE) {
      const end = Math.min(size, start + LINES_PER_WRITE);
      const lines = new Array<string>(end - start);
      for (let i = start; i < end; i++) lines[i - start] = numbers.e164(i);
      writeSync(fd, `${lines.join('\n')}\n`);
    }
  } finally {
    closeSync(fd);
  }
  renameSync(partial, path);
  return path;
}

export function checkDisk(directory: string, bytes: number): void {
  const { bavail, bsize } = statfsSync(directory);
  if (bavail * bsize < bytes * 1.1) {
    throw new Error(
      `${directory} has ${((bavail * bsize) / 1e9).toFixed(1)} GB free; this run needs about ${(bytes / 1e9).toFixed(1)} GB`,
    );
  }
}
