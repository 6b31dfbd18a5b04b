/**
 * What the register being built makes of two options: `--channels-column` / `--sectors-column` (only
 * a scoped register has them) and `--jurisdiction` (the calling codes a list of your own accepts).
 * Each refuses, naming the option, what the register cannot mean.
 */
import { QuietlistError } from '../../core/errors.ts';
import { isRegionCode } from '../../core/phone/normalize.ts';
import { type Jurisdiction, jurisdictionOf } from '../../core/phone/numbering-plan.ts';
import type { RegisterProfile } from '../../core/registers/profile.ts';

/**
 * `--channels-column` / `--sectors-column`: read for a scoped register (found by their headers when
 * not given); refused for a register without scopes, whose registrations cover everything.
 */
export function scopeColumnsOf(
  profile: RegisterProfile,
  args: { 'channels-column'?: string; 'sectors-column'?: string },
): { channels?: string; sectors?: string } | undefined {
  const channels = args['channels-column'];
  const sectors = args['sectors-column'];
  if (!profile.scopes) {
    const given =
      channels !== undefined ? '--channels-column' : sectors !== undefined ? '--sectors-column' : null;
    if (given)
      throw new QuietlistError(
        'INVALID_ARGUMENT',
        `${given}: ${profile.id} declares no channels or sectors (a profile file declares them: docs/REGISTERS.md)`,
      );
    return undefined;
  }
  return {
    ...(channels === undefined ? {} : { channels }),
    ...(sectors === undefined ? {} : { sectors }),
  };
}

/** `--jurisdiction`: the region's plan (default), every calling code, or a list of regions. */
export function parseJurisdiction(value: string, region: string): Jurisdiction | 'any' {
  if (value === 'any') return 'any';
  if (value === 'plan') return jurisdictionOf(region);
  const regions = value.split(',').map((part) => part.trim().toUpperCase());
  const unknown = regions.filter((code) => !isRegionCode(code));
  if (unknown.length > 0 || regions.length === 0)
    throw new QuietlistError(
      'INVALID_ARGUMENT',
      `--jurisdiction: ${unknown.join(', ') || value} is not a region code`,
    );
  const plans = regions.map((code) => jurisdictionOf(code));
  return {
    regions: plans.flatMap((plan) => plan.regions),
    homeCallingCode: plans[0]!.homeCallingCode,
    callingCodes: new Set(plans.flatMap((plan) => [...plan.callingCodes])),
  };
}
