/**
 * Timing of measured pieces: wall-clock seconds, and CPU seconds of the main thread (the one that runs
 * the code under test). On an idle machine the two agree (GC helpers run on the other core); on a
 * shared one, other jobs stretch wall-clock time but hardly the main thread's CPU time, so rates and
 * ratios are taken on CPU time and wall-clock is reported beside them.
 */
export interface Timing {
  wallSeconds: number;
  cpuSeconds: number;
}

function cpuSecondsNow(): number {
  // process.threadCpuUsage() is recent (22.19); older 22.x fall back to the whole process.
  const { user, system } =
    typeof process.threadCpuUsage === 'function' ? process.threadCpuUsage() : process.cpuUsage();
  return (user + system) / 1e6;
}

export function timeOf(work: () => void): Timing {
  const wall = performance.now();
  const cpu = cpuSecondsNow();
  work();
  return { wallSeconds: (performance.now() - wall) / 1000, cpuSeconds: cpuSecondsNow() - cpu };
}

export async function timeOfAsync<T>(work: () => Promise<T>): Promise<Timing & { value: T }> {
  const wall = performance.now();
  const cpu = cpuSecondsNow();
  const value = await work();
  return { wallSeconds: (performance.now() - wall) / 1000, cpuSeconds: cpuSecondsNow() - cpu, value };
}

/** Runs a full collection between measured pieces when node runs with --expose-gc. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function highest(values: number[]): number {
  return values.reduce((best, value) => Math.max(best, value), Number.NEGATIVE_INFINITY);
}
