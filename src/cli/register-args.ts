/**
 * `build --register NAME|FILE`: a built-in register profile by its id (`us-dnc`), or a JSON profile
 * file for any other register (docs/REGISTERS.md). Without it, the build is a list of the operator's
 * own (an advertiser's objection list, say) in `--region`'s plan, whose registrations never expire
 * unless `--validity-years` is given. With it, the register's rules decide the plan, the jurisdiction
 * and the validity: a flag that would contradict them is refused rather than silently applied.
 */
import { readFileSync } from 'node:fs';
import { QuietlistError } from '../core/errors.ts';
import { isRegionCode } from '../core/phone/normalize.ts';
import { BUILTIN_PROFILES, builtinProfile } from '../core/registers/builtin-profiles.ts';
import { languagesOfCountry } from '../core/registers/epoch-rules.ts';
import { type RegisterProfile, registerProfileSchema } from '../core/registers/profile.ts';
import { nearest } from './strict-args.ts';

export const DEFAULT_LIST_REGION = 'FR';
/** A profile file is a few hundred bytes; anything much larger is not one. */
const MAX_PROFILE_BYTES = 64 * 1024;

export interface RegisterFlags {
  register?: string;
  region?: string;
  jurisdiction?: string;
  'validity-years'?: string;
  name?: string;
}

/** The profile a build runs under: the named or filed register's, or the operator's own list. */
export function resolveRegister(flags: RegisterFlags): RegisterProfile {
  if (flags.register === undefined) return ownList(flags);
  const profile = loadProfile(flags.register);
  const contradicted = (['region', 'jurisdiction', 'validity-years'] as const).filter(
    (flag) => flags[flag] !== undefined,
  );
  if (contradicted.length > 0) {
    throw new QuietlistError(
      'INVALID_ARGUMENT',
      `--${contradicted.join(', --')} cannot be combined with --register ${profile.id}: the register's profile sets ` +
        `them (region ${profile.region}, validity ${describeValidity(profile)}); to change them, write a profile file (docs/REGISTERS.md)`,
    );
  }
  if (flags.name !== undefined)
    throw new QuietlistError(
      'INVALID_ARGUMENT',
      `--name cannot be combined with --register: ${profile.id} is named ${profile.name}`,
    );
  return profile;
}

function loadProfile(value: string): RegisterProfile {
  const builtin = builtinProfile(value.toLowerCase());
  if (builtin) return builtin;
  if (!/[./\\]/.test(value)) {
    const ids = BUILTIN_PROFILES.map((profile) => profile.id);
    const found = nearest(value.toLowerCase(), ids);
    throw new QuietlistError(
      'INVALID_ARGUMENT',
      `--register ${value} is not a known register${found?.close ? ` (did you mean ${found.name}?)` : ''}: ${ids.join(', ')}, or a profile file (.json)`,
    );
  }
  let text: string;
  try {
    const bytes = readFileSync(value);
    if (bytes.length > MAX_PROFILE_BYTES)
      throw new QuietlistError('INVALID_ARGUMENT', `--register ${value}: a profile file is at most 64 KiB`);
    text = bytes.toString('utf8');
  } catch (error) {
    if (error instanceof QuietlistError) throw error;
    throw new QuietlistError(
      'INVALID_ARGUMENT',
      `--register ${value}: cannot read the profile file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new QuietlistError('INVALID_ARGUMENT', `--register ${value}: the profile file is not valid JSON`);
  }
  const parsed = registerProfileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new QuietlistError('INVALID_ARGUMENT', `--register ${value}: not a register profile: ${problems}`);
  }
  if (!isRegionCode(parsed.data.region))
    throw new QuietlistError(
      'INVALID_ARGUMENT',
      `--register ${value}: region ${parsed.data.region} is not a known region code`,
    );
  return parsed.data;
}

/** The operator's own list: `--region`'s plan, no window, validity only if asked. */
function ownList(flags: RegisterFlags): RegisterProfile {
  const region = (flags.region ?? DEFAULT_LIST_REGION).toUpperCase();
  if (!isRegionCode(region))
    throw new QuietlistError('INVALID_ARGUMENT', `--region ${flags.region} is not a known region code`);
  const years = flags['validity-years'];
  return {
    id: 'custom',
    name: flags.name ?? 'do-not-call list',
    operator: 'the list owner',
    country: region,
    region,
    jurisdiction: 'plan',
    lines: 'all',
    validity: years === undefined ? 'never' : { years: Number(years) },
    rescrubDays: null,
    languages: languagesOfCountry(region),
    dateFormat: 'DD/MM/YYYY',
    sources: ['the list owner'],
  };
}

export function describeValidity(profile: Pick<RegisterProfile, 'validity'>): string {
  return profile.validity === 'never' ? 'never expires' : `${profile.validity.years} year(s)`;
}
