/**
 * Resident memory of processes the bench started, read from /proc (Linux): VmRSS of one process, and
 * the descendants of a process with a given command name (the workerd children of `wrangler dev`).
 * Elsewhere the readings are undefined and the suite says so.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** VmRSS in MiB, or undefined when the process is gone or /proc is not there. */
export function residentMiB(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** `pid (comm) state ppid ...`: comm may hold spaces and parentheses, so split after the last ')'. */
function parentAndName(pid: string): { ppid: number; comm: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const ppid = Number(stat.slice(close + 2).split(' ')[1]);
    return { ppid, comm };
  } catch {
    return undefined;
  }
}

/** Pids of every descendant of `root` whose command name is `name`. */
export function descendantsNamed(root: number, name: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  const names = new Map<number, string>();
  for (const entry of entries) {
    const info = parentAndName(entry);
    if (!info) continue;
    const pid = Number(entry);
    names.set(pid, info.comm);
    children.set(info.ppid, [...(children.get(info.ppid) ?? []), pid]);
  }
  const found: number[] = [];
  const queue = [...(children.get(root) ?? [])];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    if (names.get(pid) === name) found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** Sum of VmRSS over pids (MiB); undefined if none could be read. */
export function totalResidentMiB(pids: readonly number[]): number | undefined {
  const values = pids.map(residentMiB).filter((value): value is number => value !== undefined);
  return values.length === 0 ? undefined : values.reduce((sum, value) => sum + value, 0);
}
