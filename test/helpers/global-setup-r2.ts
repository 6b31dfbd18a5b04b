/**
 * Vitest globalSetup: one local R2 (wrangler dev) for the whole run. Tests reach it with
 * `inject('localR2')`; every test file should use its own key prefix, since files run in parallel
 * against the same bucket.
 */
import type { TestProject } from 'vitest/node';
import { type LocalR2, startLocalR2 } from './local-r2.ts';

export type LocalR2Connection = Omit<LocalR2, 'stop'>;

declare module 'vitest' {
  export interface ProvidedContext {
    localR2: LocalR2Connection;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const r2 = await startLocalR2();
  const { stop, ...connection } = r2;
  project.provide('localR2', connection);
  return stop;
}
