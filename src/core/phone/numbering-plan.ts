/**
 * Dialling plans that span several calling codes. France's national plan (leading "0") also covers
 * its overseas departments and collectivities, which have calling codes of their own: "0692 …"
 * dialled in France rings +262 692 … in La Réunion, and a CRM writes the same line "+262 692 …".
 * libphonenumber-js alone keys the national spelling as "+33 692 …" (a number that rings nowhere),
 * so a registered overseas number checked in its international spelling would be answered free.
 *
 * The rule (docs/NUMBERS.md): for a number whose calling code belongs to a shared plan, the key
 * depends only on its national significant number N, never on the calling code it was written with:
 *   1. N matches a subscriber range (fixed line, mobile, VoIP) of the overseas regions of exactly one
 *      calling code → that code ("+33 6 92 …", "0692 …", "+262 692 …" all give +262 692 …);
 *   2. otherwise, N has a length the home region allows → the home code (+33): metropolitan numbers,
 *      France-wide special numbers (08…), and ranges that this metadata does not know yet, so a new
 *      overseas range can never split one line into two keys;
 *   3. otherwise the number stays as written (the 6-digit numbers of Saint-Pierre-et-Miquelon).
 * The ranges come from libphonenumber-js's full metadata, never from a hand-kept list of prefixes.
 */
import { Metadata } from 'libphonenumber-js/core';
import fullMetadataJson from 'libphonenumber-js/max/metadata';

/**
 * Plans shared by regions with different calling codes, home region first. The list is of regions,
 * not of number ranges: which region a range belongs to is read from the metadata.
 * Mayotte (YT) shares +262 with La Réunion; +269 is the Comoros, outside the French plan.
 * New Caledonia, French Polynesia and Wallis-and-Futuna have closed plans of their own (dialled
 * internationally from France), so they are not members. docs/NUMBERS.md lists the other countries
 * checked for the same trap.
 */
export const SHARED_PLANS: Readonly<Record<string, readonly string[]>> = {
  FR: ['FR', 'RE', 'YT', 'GP', 'BL', 'MF', 'GF', 'MQ', 'PM'],
  // San Marino (+378) is still reached from Italy as "0549 …": the metadata writes its lines +378 0549 ….
  IT: ['IT', 'SM'],
};

/** The number types a do-not-call registry holds: lines of people, not services. */
const SUBSCRIBER_TYPES = ['FIXED_LINE', 'MOBILE', 'VOIP'] as const;
const ALL_TYPES = [
  'FIXED_LINE',
  'MOBILE',
  'TOLL_FREE',
  'PREMIUM_RATE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
] as const;
type NumberType = (typeof ALL_TYPES)[number];

interface NumberingPlanView {
  callingCode(): string;
  possibleLengths(): number[];
  type(type: NumberType): { pattern(): string | undefined } | undefined;
}

const metadata = new Metadata(fullMetadataJson);
const countryCallingCodes = (fullMetadataJson as { country_calling_codes: Record<string, string[]> })
  .country_calling_codes;

function planOfRegion(region: string): NumberingPlanView {
  metadata.selectNumberingPlan(region as never);
  return (metadata as unknown as { numberingPlan: NumberingPlanView }).numberingPlan;
}

function patternOf(region: string, types: readonly NumberType[]): RegExp | null {
  const plan = planOfRegion(region);
  const patterns = types.flatMap((type) => plan.type(type)?.pattern() ?? []);
  return patterns.length === 0 ? null : new RegExp(`^(?:${patterns.join('|')})$`);
}

interface SharedPlan {
  id: string;
  homeCode: string;
  homeLengths: ReadonlySet<number>;
  /** Overseas calling code → its regions' subscriber ranges. */
  overseas: ReadonlyArray<{ code: string; subscriber: RegExp }>;
}

function compileSharedPlan(id: string, regions: readonly string[]): SharedPlan {
  const [home, ...others] = regions;
  const homePlan = planOfRegion(home!);
  const homeCode = homePlan.callingCode();
  const byCode = new Map<string, RegExp[]>();
  for (const region of others) {
    const code = planOfRegion(region).callingCode();
    if (code === homeCode) continue;
    const pattern = patternOf(region, SUBSCRIBER_TYPES);
    if (pattern) byCode.set(code, [...(byCode.get(code) ?? []), pattern]);
  }
  return {
    id,
    homeCode,
    homeLengths: new Set(homePlan.possibleLengths()),
    overseas: [...byCode].map(([code, patterns]) => ({
      code,
      subscriber: new RegExp(patterns.map((pattern) => pattern.source).join('|')),
    })),
  };
}

const sharedPlanByCode = new Map<string, SharedPlan>();
const sharedPlanById = new Map<string, SharedPlan>();
for (const [id, regions] of Object.entries(SHARED_PLANS)) {
  const plan = compileSharedPlan(id, regions);
  sharedPlanById.set(id, plan);
  sharedPlanByCode.set(plan.homeCode, plan);
  for (const { code } of plan.overseas) sharedPlanByCode.set(code, plan);
}

/** The calling code of a canonical "+<digits>" string (calling codes are prefix-free). */
export function callingCodeOf(e164: string): string | undefined {
  for (let length = 1; length <= 3; length++) {
    const code = e164.slice(1, 1 + length);
    if (countryCallingCodes[code] !== undefined) return code;
  }
  return undefined;
}

/**
 * The key of a possible E.164 number: itself, or, for a calling code of a shared plan, the code that
 * its national number belongs to (rules 1-3 above). Idempotent; independent of any default region.
 */
export function resolveSharedPlan(e164: string): string {
  const code = callingCodeOf(e164);
  const plan = code === undefined ? undefined : sharedPlanByCode.get(code);
  if (plan === undefined) return e164;
  const national = e164.slice(1 + code!.length);
  let owner: string | undefined;
  for (const { code: overseasCode, subscriber } of plan.overseas) {
    if (!subscriber.test(national)) continue;
    if (owner !== undefined) {
      owner = undefined; // two overseas codes claim it: only the home code is common to both spellings
      break;
    }
    owner = overseasCode;
  }
  if (owner === undefined && plan.homeLengths.has(national.length)) owner = plan.homeCode;
  return owner === undefined ? e164 : `+${owner}${national}`;
}

/** What a registry built for a region covers: its shared plan, or the region's own calling code. */
export interface Jurisdiction {
  /** The regions of the plan, home first ("FR", "RE", "YT", …). */
  regions: readonly string[];
  homeCallingCode: string;
  callingCodes: ReadonlySet<string>;
}

const jurisdictions = new Map<string, Jurisdiction>();

export function jurisdictionOf(region: string): Jurisdiction {
  let jurisdiction = jurisdictions.get(region);
  if (jurisdiction === undefined) {
    const regions = Object.values(SHARED_PLANS).find((members) => members.includes(region)) ?? [region];
    const codes = regions.map((member) => planOfRegion(member).callingCode());
    jurisdiction = { regions, homeCallingCode: codes[0]!, callingCodes: new Set(codes) };
    jurisdictions.set(region, jurisdiction);
  }
  return jurisdiction;
}

const assignedByCode = new Map<string, RegExp | null>();

/**
 * Whether the metadata knows the number as assigned (a range of any type in a region of its calling
 * code). Only reported, never used to reject: stale metadata must not drop a registered number.
 */
export function isAssignedNumber(e164: string): boolean {
  const code = callingCodeOf(e164);
  if (code === undefined) return false;
  let pattern = assignedByCode.get(code);
  if (pattern === undefined) {
    const regions = (countryCallingCodes[code] ?? []).filter((region) => region !== '001');
    const sources = regions.flatMap((region) => patternOf(region, ALL_TYPES)?.source ?? []);
    pattern = sources.length === 0 ? null : new RegExp(sources.join('|'));
    assignedByCode.set(code, pattern);
  }
  return pattern?.test(e164.slice(1 + code.length)) ?? false;
}
