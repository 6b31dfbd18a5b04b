/**
 * `quietlist build --mode`: oprf unless asked otherwise, and a warning with the measured cost of walking
 * the plan when an operator chooses open mode (the figure comes from the enumeration benchmark's record).
 */
import type { HashMode } from '../builder/build-hashing.ts';
import { DEFAULT_MODE } from '../core/privacy/mode-privacy.ts';
import { describeWalkCost, enumerationCost } from '../core/privacy/open-mode-exposure.ts';
import { warn } from './commands/pull.ts';

export const BUILD_MODE_HELP =
  'oprf (default): local checks, each needing one blinded, metered evaluation by the worker, which never sees the numbers; ' +
  'secret: only the worker can check, and it sees the numbers; ' +
  'open: publishes the hash key, so anyone with the filter can rebuild the list';

/** The warning quotes the walk of the register's own plan (`region`: its national region). */
export function openModeWarning(region: string): string {
  return (
    '--mode open publishes the hash key in the manifest: anyone who downloads the filter can rebuild the list by ' +
    `walking the numbering plan, ${describeWalkCost(enumerationCost(region))}. ` +
    'Use it only for a list that is handed out raw anyway or whose members are not sensitive; the default, oprf, keeps the list private.'
  );
}

/** The mode to build in, warning on stderr (before any work) when it is open. */
export function chosenBuildMode(given: string | undefined, region: string): HashMode {
  const mode = (given ?? DEFAULT_MODE) as HashMode;
  if (mode === 'open') warn(openModeWarning(region));
  return mode;
}
