/**
 * The register rules an epoch carries, and the one judgement clients make from them: may a company
 * still call from this epoch? A register with a rescrub window (Belgium 5 days, the US 31) makes an
 * older epoch unusable: `scrub` and `check` refuse it and say why, whatever flags they were given.
 * Manifests written before profiles existed carry no `register`: their rules are derived from what
 * they do carry (region, validity), with no window, so they keep working as before.
 */
import { QuietlistError } from '../errors.ts';
import { builtinProfile } from './builtin-profiles.ts';
import { DEFAULT_RESCRUB_DAYS, type PageLanguage, type RegisterRules } from './profile.ts';

const DAY_MS = 86_400_000;

/** What an epoch's rules are read from: its manifest (only the members used here). */
export interface EpochWithRules {
  epoch: string;
  createdAt: string;
  register?: RegisterRules;
  normalization: { defaultRegion: string };
  validity: { years: number } | null;
}

/** The epoch's register rules; for a manifest without them, a custom list in its region. */
export function epochRules(manifest: EpochWithRules): RegisterRules {
  if (manifest.register) return manifest.register;
  const region = manifest.normalization.defaultRegion;
  return {
    id: 'custom',
    name: 'do-not-call list',
    country: region,
    lines: 'all',
    validity: manifest.validity ? { years: manifest.validity.years } : 'never',
    rescrubDays: null,
    languages: languagesOfCountry(region),
  };
}

/** The page languages of a country: those of its built-in register, else English. */
export function languagesOfCountry(country: string): PageLanguage[] {
  const known = BY_COUNTRY[country];
  return known ? [...known] : ['en'];
}

const BY_COUNTRY: Readonly<Record<string, readonly PageLanguage[]>> = {
  US: builtinProfile('us-dnc')!.languages,
  CA: builtinProfile('ca-dncl')!.languages,
  GB: builtinProfile('uk-tps')!.languages,
  ES: builtinProfile('es-robinson')!.languages,
  IT: builtinProfile('it-rpo')!.languages,
  BE: builtinProfile('be-dncm')!.languages,
  AU: builtinProfile('au-dncr')!.languages,
  FR: builtinProfile('fr-bloctel')!.languages,
  DE: ['de', 'en'],
  NL: ['nl', 'en'],
  LU: ['fr', 'de', 'en'],
  CH: ['de', 'fr', 'it', 'en'],
};

export function epochAgeDays(createdAt: string, now: Date): number {
  return (now.getTime() - Date.parse(createdAt)) / DAY_MS;
}

/**
 * Throws EPOCH_TOO_OLD when the register's rescrub window has passed: calling from that list breaks
 * the register's law. Returns a warning line when a list without a window is older than `warnAfterDays`.
 */
export function judgeEpochAge(
  manifest: EpochWithRules,
  now: Date,
  warnAfterDays: number = DEFAULT_RESCRUB_DAYS,
): string | undefined {
  const rules = epochRules(manifest);
  const age = epochAgeDays(manifest.createdAt, now);
  const days = Math.floor(age);
  if (rules.rescrubDays !== null && age > rules.rescrubDays) {
    throw new QuietlistError(
      'EPOCH_TOO_OLD',
      `epoch ${manifest.epoch} is ${days} days old (created ${manifest.createdAt}); ${rules.name} (${rules.id}) ` +
        `allows calling only from a list at most ${rules.rescrubDays} days old: pull a newer epoch first`,
    );
  }
  const limit = rules.rescrubDays ?? warnAfterDays;
  if (rules.rescrubDays === null && age > limit) {
    return (
      `epoch ${manifest.epoch} is ${days} days old (created ${manifest.createdAt}), older than ` +
      `${limit} days: pull a newer one before calling`
    );
  }
  return undefined;
}
