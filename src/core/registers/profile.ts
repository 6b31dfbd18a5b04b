/**
 * A register profile: the rules of one do-not-call register that a build records in the signed
 * manifest, so that every client obeys them without flags (docs/REGISTERS.md). The numbering plan a
 * register's numbers are read in, who may be listed, how long a registration lasts, how old a list a
 * company may call from (the rescrub window), the languages its pages speak.
 *
 * Built-in profiles are in builtin-profiles.ts; any other register is described by a JSON file of the
 * same shape (`build --register ./my-register.json`), checked by `registerProfileSchema`.
 * Runtime-neutral: the builder, the API, the clients and the page share it.
 */
import { z } from 'zod';
import { spellingConflicts } from '../scopes/scope-spellings.ts';

/** The languages the pages and messages are written in (src/page/shared/strings). */
export const PAGE_LANGUAGES = ['en', 'fr', 'es', 'it', 'nl', 'de'] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

/** How a register's exports write dates that are not ISO 8601 (builder/input/registration-date.ts). */
export const PROFILE_DATE_FORMATS = ['DD/MM/YYYY', 'MM/DD/YYYY', 'YYYY-MM-DD'] as const;

const regionCode = z.string().regex(/^[A-Z]{2}$/, 'a two-letter region code (ISO 3166-1), e.g. US');

/**
 * A channel or sector code (`call`, `energy`): short, so that a scope label (core/scopes/) fits one
 * SHA-256 block after "quietlist scope " and every scope digest costs two compressions.
 */
export const SCOPE_CODE = /^[a-z][a-z0-9-]{0,15}$/;

const scopeChoiceSchema = z.strictObject({
  code: z.string().regex(SCOPE_CODE, 'lower-case letters, digits and hyphens, 1 to 16, a letter first'),
  /** What people read (the page's select, the CLI's help): the register's own words. */
  name: z.string().min(1).max(100),
});

/**
 * A choice in a profile: the same, and how the register's exports may write it besides its code (the
 * register's own words: `llamadas`, `Teléfono`). Read by the builder only, never signed
 * (registerRulesOf strips them): core/scopes/scope-spellings.ts.
 */
const profileScopeChoiceSchema = scopeChoiceSchema.extend({
  aliases: z.array(z.string().min(1).max(60)).max(32).optional(),
});

const uniqueCodes = (choices: { code: string }[]) =>
  new Set(choices.map((choice) => choice.code)).size === choices.length;

/**
 * The scopes schema over a choice schema: the manifest's (codes and names) and the profile's (with
 * aliases) have the same rules.
 */
function scopesSchemaOf<Choice extends typeof scopeChoiceSchema | typeof profileScopeChoiceSchema>(
  choice: Choice,
) {
  return z
    .strictObject({
      channels: z.array(choice).max(32).refine(uniqueCodes, 'channel codes must be distinct'),
      sectors: z.array(choice).max(64).refine(uniqueCodes, 'sector codes must be distinct'),
    })
    .refine(
      (scopes) => scopes.channels.length + scopes.sectors.length > 0,
      'declare at least one channel or sector',
    );
}

/**
 * What a registration may be limited to (Spain's Lista Robinson: channels and advertising sectors).
 * A registration names some channels and some sectors, or none (= all); a check names a channel and a
 * sector, or either as "any" (docs/FORMAT.md §1.3). An empty list: the register does not split by it.
 */
export const registerScopesSchema = scopesSchemaOf(scopeChoiceSchema);
export type RegisterScopes = z.infer<typeof registerScopesSchema>;

/** A profile's scopes: the same choices, each with the aliases an export may write it by. */
export const profileScopesSchema = scopesSchemaOf(profileScopeChoiceSchema);
export type ProfileScopes = z.infer<typeof profileScopesSchema>;

/**
 * How a register splits its list for sale (the US and Canada: by area code). The partition of a key
 * string (docs/FORMAT.md §1.4) is the `digits` digits after `prefix`: `+1` and 3 give the NANP area
 * code, `+12125550123` → `212`. A subscriber downloads only its partitions, and in oprf mode the worker
 * evaluates only numbers of those partitions (RFC 9497 POPRF, the partition as public input).
 */
export const partitionRuleSchema = z.strictObject({
  /** What a partition is called, for people: "area code". */
  name: z.string().min(1).max(100),
  /** `+` and a calling code: only keys under it have a partition. */
  prefix: z.string().regex(/^\+[1-9][0-9]{0,2}$/, 'a "+" and a calling code, e.g. +1'),
  digits: z.number().int().min(1).max(6),
});
export type PartitionRule = z.infer<typeof partitionRuleSchema>;

export const registerIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'lower-case letters, digits and hyphens, 2 to 40 characters');

/** The part of a profile that travels in the signed manifest: what clients must obey. */
export const registerRulesSchema = z.strictObject({
  /** Stable identifier: `us-dnc`, `uk-tps`, or the operator's own (`acme-objections`). */
  id: registerIdSchema,
  /** The register's name as its operator writes it. */
  name: z.string().min(1).max(200),
  /** The country whose law the register serves (ISO 3166-1 alpha-2). */
  country: regionCode,
  /** Whose lines may be listed: people's, businesses', or both (Belgium's DNCM covers both). */
  lines: z.enum(['consumers', 'businesses', 'all']),
  /** How long a registration lasts: `never` expires (US, UK TPS, Canada), or a number of years. */
  validity: z.union([z.literal('never'), z.strictObject({ years: z.number().positive().max(100) })]),
  /**
   * The oldest list a company may call from, in days (US and Canada 31, UK 28, Spain 30, Italy 15,
   * Belgium 5). Clients refuse to scrub or check from an older epoch. Null: the register sets none
   * (clients still warn after 30 days).
   */
  rescrubDays: z.number().int().min(1).max(366).nullable(),
  /** Page and message languages, the register's own first. */
  languages: z.array(z.enum(PAGE_LANGUAGES)).min(1),
  /** Channels and sectors a registration may be limited to; absent: a registration covers everything. */
  scopes: registerScopesSchema.optional(),
  /** How the list is split for sale (area codes); absent: one list, downloaded whole. */
  partition: partitionRuleSchema.optional(),
});
export type RegisterRules = z.infer<typeof registerRulesSchema>;

/** A whole profile: the rules above, and what the builder needs to read the register's exports. */
export const registerProfileSchema = registerRulesSchema
  .extend({
    /** The rules' scopes, each choice with the aliases the register's exports write it by. */
    scopes: profileScopesSchema.optional(),
    /** The region whose national spellings the export and the call lists use (`0…` in FR, `(212)…` in US). */
    region: regionCode,
    /**
     * The calling codes accepted: `plan` (the region's dialling plan: FR with its overseas codes, IT with
     * San Marino, NANP's region only), or a list of regions.
     */
    jurisdiction: z.union([z.literal('plan'), z.array(regionCode).min(1)]),
    /** How the register's exports write non-ISO dates. */
    dateFormat: z.enum(PROFILE_DATE_FORMATS),
    /** Who runs the register, for the status page and the docs. */
    operator: z.string().min(1).max(200),
    /** Where the rules above come from (laws, the operator's terms). */
    sources: z.array(z.string().min(1).max(300)).min(1),
    /** Anything a user must know that the fields cannot say. */
    notes: z.string().max(2000).optional(),
  })
  .superRefine((profile, context) => {
    // An alias must say one code: refused when the profile is loaded, naming the profile and the alias.
    for (const [plural, kind] of [
      ['channels', 'channel'],
      ['sectors', 'sector'],
    ] as const) {
      for (const problem of spellingConflicts(profile.scopes?.[plural] ?? [], kind))
        context.addIssue({
          code: 'custom',
          path: ['scopes', plural, problem.index, 'aliases', problem.alias],
          message: `profile ${profile.id}: ${problem.message}`,
        });
    }
  });
export type RegisterProfile = z.infer<typeof registerProfileSchema>;

/**
 * The rules a manifest records, taken from a profile: its scopes without their aliases (a manifest
 * holding them would be refused by every client deployed before they existed: registerRulesSchema is
 * strict). The builder reads an export's cells with the profile's own scopes, aliases included
 * (run-build.ts: `exportScopes`).
 */
export function registerRulesOf(profile: RegisterProfile): RegisterRules {
  const { id, name, country, lines, validity, rescrubDays, languages, scopes, partition } = profile;
  return {
    id,
    name,
    country,
    lines,
    validity,
    rescrubDays,
    languages,
    ...(scopes ? { scopes: signedScopesOf(scopes) } : {}),
    ...(partition ? { partition } : {}),
  };
}

/** A profile's scopes as a manifest signs them: each choice's code and name only, in that order. */
function signedScopesOf(scopes: ProfileScopes): RegisterScopes {
  const strip = (choices: ProfileScopes['channels']) => choices.map(({ code, name }) => ({ code, name }));
  return { channels: strip(scopes.channels), sectors: strip(scopes.sectors) };
}

/** The days after which a client refuses an epoch of this register, or warns when it sets none. */
export const DEFAULT_RESCRUB_DAYS = 30;
