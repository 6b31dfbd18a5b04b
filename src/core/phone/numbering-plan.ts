/**
 * Dialling plans: what a register covers and how its numbers are keyed (docs/NUMBERS.md, normalisation
 * scheme 3).
 *
 * Some national plans span several calling codes. France's (leading "0") also covers its overseas
 * departments and collectivities: "0692 …" dialled in France rings +262 692 … in La Réunion, and a CRM
 * writes the same line "+262 692 …"; Italy's covers San Marino's "0549 …" lines (+378). Inside such a
 * plan the key of a number is `+<the plan's home calling code><its national significant number>`,
 * whatever calling code it was written with: "+262 692 12 34 56", "0692 12 34 56" and
 * "+33 6 92 12 34 56" are all keyed "+33692123456". Nothing here reads range metadata, so two
 * libphonenumber-js versions that assign a range to different overseas codes still give one key
 * (scheme 2 keyed by the metadata's ranges, and an older client then missed registered numbers).
 * The key is a key, not a number to dial: "+508 55 12 34" (Saint-Pierre-et-Miquelon, 6 digits) is
 * keyed "+33551234", which no French line can be (French numbers have 9 digits).
 */
import type { CountryCode } from 'libphonenumber-js/min';
import metadataJson from 'libphonenumber-js/min/metadata';

export interface SharedPlan {
  /** Regions of the plan, home first. */
  regions: readonly string[];
  /** Its calling codes, home first: every number of these codes is keyed under the home one. */
  callingCodes: readonly string[];
}

/**
 * Plans shared by regions with different calling codes: hand-kept, region and calling code alike, so
 * that no metadata version decides a key (a unit test checks them against the metadata). Mayotte (YT)
 * shares +262 with La Réunion; +269 is the Comoros, outside. New Caledonia, French Polynesia and
 * Wallis-and-Futuna have closed plans of their own. The Vatican shares +39 (its lines are Rome's
 * 06 698 …); San Marino's lines are still reached from Italy as "0549 …". docs/NUMBERS.md lists the
 * other countries checked for the same trap.
 */
export const SHARED_PLANS: Readonly<Record<string, SharedPlan>> = {
  FR: {
    regions: ['FR', 'RE', 'YT', 'GP', 'BL', 'MF', 'GF', 'MQ', 'PM'],
    callingCodes: ['33', '262', '590', '594', '596', '508'],
  },
  IT: { regions: ['IT', 'SM', 'VA'], callingCodes: ['39', '378'] },
};

/** Calling code of a shared plan → the plan's home code (calling codes are prefix-free). */
const HOME_CODE_OF = new Map<string, string>(
  Object.values(SHARED_PLANS).flatMap((plan) =>
    plan.callingCodes.map((code) => [code, plan.callingCodes[0]!]),
  ),
);

/**
 * The key of an E.164 number (normalisation scheme 3): `+<home code><national significant number>`
 * for a calling code of a shared plan, the E.164 string itself otherwise. A function of the string
 * alone: no metadata, no region. Idempotent.
 */
export function phoneKey(e164: string): string {
  for (let length = 1; length <= 3; length++) {
    const code = e164.slice(1, 1 + length);
    const home = HOME_CODE_OF.get(code);
    // Written with the home code already (most numbers): the key is the string itself.
    if (home !== undefined) return home === code ? e164 : `+${home}${e164.slice(1 + length)}`;
  }
  return e164;
}

/**
 * The plan a register's numbers are read in: the parameter of every reading (core/phone/phone-reader.ts).
 * A register profile names it; today it is derived from the manifest's default region (planOfRegion).
 */
export interface DiallingPlan {
  /** The region national spellings are read in: libphonenumber's default region, whose national prefix it strips (0; 1 in NANP; none in Italy and Spain). */
  region: CountryCode;
  /** The regions of the plan, home first. */
  regions: readonly string[];
  /** Its calling codes, home first. Digits starting with one of them may be the number with its "+" lost. */
  callingCodes: readonly string[];
  /**
   * International prefixes read before a calling code of the plan, besides "+" and the ones the
   * region's metadata knows (00 in Europe, 011 in NANP, 0011 in Australia): "00" is written by most
   * of the world, so `0061 4…` in Australia and `001 212…` in the US are read as international.
   */
  internationalPrefixes: readonly string[];
}

const countryCallingCodes = (metadataJson as { country_calling_codes: Record<string, string[]> })
  .country_calling_codes;
const callingCodeOfRegion = new Map<string, string>(
  Object.entries(countryCallingCodes).flatMap(([code, regions]) => regions.map((region) => [region, code])),
);

/** "00", and the region's own international prefix when it is plain digits ("011" in the US). */
function internationalPrefixesOf(region: string): string[] {
  const idd = (metadataJson as { countries: Record<string, unknown[]> }).countries[region]?.[1];
  return typeof idd === 'string' && /^\d+$/.test(idd) && idd !== '00' ? ['00', idd] : ['00'];
}

const plans = new Map<string, DiallingPlan>();

/** The plan of a region: the shared plan it belongs to, or its own calling code. */
export function planOfRegion(region: CountryCode): DiallingPlan {
  let plan = plans.get(region);
  if (plan === undefined) {
    const shared = Object.values(SHARED_PLANS).find((candidate) => candidate.regions.includes(region));
    plan = {
      region,
      regions: shared?.regions ?? [region],
      callingCodes:
        shared?.callingCodes ?? [callingCodeOfRegion.get(region)].filter((code) => code !== undefined),
      internationalPrefixes: internationalPrefixesOf(region),
    };
    plans.set(region, plan);
  }
  return plan;
}

/** The calling code of a canonical "+<digits>" string (calling codes are prefix-free). */
export function callingCodeOf(e164: string): string | undefined {
  for (let length = 1; length <= 3; length++) {
    const code = e164.slice(1, 1 + length);
    if (countryCallingCodes[code] !== undefined) return code;
  }
  return undefined;
}

/** What a registry built for a region covers: its shared plan, or the region's own calling code. */
export interface Jurisdiction {
  /** The regions of the plan, home first ("FR", "RE", "YT", …). */
  regions: readonly string[];
  homeCallingCode: string;
  callingCodes: ReadonlySet<string>;
}

export function jurisdictionOf(region: string): Jurisdiction {
  const plan = planOfRegion(region as CountryCode);
  return {
    regions: plan.regions,
    homeCallingCode: plan.callingCodes[0] ?? '',
    callingCodes: new Set(plan.callingCodes),
  };
}
