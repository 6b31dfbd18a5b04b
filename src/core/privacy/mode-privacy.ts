/**
 * What each publication mode protects, in one sentence per mode: the status page shows the sentence of
 * the mode the served epoch was built in, so nobody reads a promise its mode does not keep.
 */
import type { Manifest } from '../epoch/manifest.ts';
import { describeWalkCost, enumerationCost } from './open-mode-exposure.ts';

export type PublicationMode = Manifest['mode'];

/** The default of `quietlist build`: the only mode where neither the list nor the companies' numbers are exposed. */
export const DEFAULT_MODE: PublicationMode = 'oprf';

/** `region`: the epoch's plan (its `normalization.defaultRegion`), whose walk open mode quotes. */
export function modePrivacyStatement(mode: PublicationMode, region: string): string {
  switch (mode) {
    case 'oprf':
      return (
        'Each check needs one blinded, metered evaluation by this server; the operator never sees the numbers ' +
        'checked; the filter alone reveals nothing, so the list itself never leaves the operator.'
      );
    case 'secret':
      return (
        'Checks go through this server, which sees the numbers checked (it does not log them); the filter ' +
        "alone reveals nothing without the operator's key, which never leaves the operator."
      );
    case 'open':
      return (
        'Anyone with the filter can test any number offline, and can rebuild the list by walking the ' +
        `numbering plan: ${describeWalkCost(enumerationCost(region))}. This mode protects the companies' call lists, not the registry.`
      );
  }
}
