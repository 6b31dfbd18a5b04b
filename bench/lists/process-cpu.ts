/**
 * CPU time of processes the bench started, from /proc (Linux): user + system of each pid, in µs.
 * For workerd (the children of `wrangler dev`), whose CPU the bench cannot ask over IPC.
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** Sum of utime + stime of `pids`, in µs; a process that is gone counts 0. */
export function cpuMicrosOf(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after "(comm)": state is the first; utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return (ticks / TICKS_PER_SECOND) * 1e6;
}
