/** The `--state-dir` option of `serve` and `keys`: where Node keeps the quota database (quota.sqlite). */
import { readEnvironment } from '../config/environment.ts';

export const DEFAULT_STATE_DIR = '.quietlist/state';

export const stateDirArgs = {
  'state-dir': {
    type: 'string',
    description: `Directory of the quota database shared by this host's serve processes; or $QUIETLIST_STATE_DIR (default ${DEFAULT_STATE_DIR})`,
  },
} as const;

export function stateDirFromArgs(args: { 'state-dir'?: string }): string {
  return args['state-dir'] ?? readEnvironment().stateDir ?? DEFAULT_STATE_DIR;
}
