/**
 * Numbers and spellings shaped like the world, for the registers quietlist serves (docs/NUMBERS.md):
 * valid fixed lines and mobiles of every register's plan, written as people, CRMs and Excel write them.
 * Candidates are drawn (seeded) from the ranges of libphonenumber-js's full metadata and kept only when
 * Google's libphonenumber (awesome-phonenumber) also calls them valid numbers of the region, so the
 * reference is not the library under test. NANP numbers are 555-01xx (fictional). The others may match
 * real lines: tests never print them, and name indexes and spellings only.
 */
import { parsePhoneNumber } from 'awesome-phonenumber';
import fc from 'fast-check';
import { Metadata } from 'libphonenumber-js/core';
import fullMetadata from 'libphonenumber-js/max/metadata';

export interface RegisterProfile {
  /** The register, named by its region. */
  id: string;
  /** The region national spellings are read in (the manifest's defaultRegion). */
  region: string;
  /** Regions whose numbers the register holds (the home one first). */
  regions: readonly string[];
}

/** The registers of issue 19, and Germany (the "+" lost before 49 is the finding that named it). */
export const REGISTER_PROFILES: readonly RegisterProfile[] = [
  { id: 'US', region: 'US', regions: ['US'] },
  { id: 'CA', region: 'CA', regions: ['CA'] },
  { id: 'GB', region: 'GB', regions: ['GB'] },
  { id: 'ES', region: 'ES', regions: ['ES'] },
  { id: 'IT', region: 'IT', regions: ['IT', 'SM'] },
  { id: 'BE', region: 'BE', regions: ['BE'] },
  { id: 'AU', region: 'AU', regions: ['AU'] },
  { id: 'FR', region: 'FR', regions: ['FR', 'RE', 'YT', 'GP', 'GF', 'MQ', 'PM'] },
  { id: 'DE', region: 'DE', regions: ['DE'] },
];

export interface RegisterNumber {
  region: string;
  type: 'FIXED_LINE' | 'MOBILE';
  callingCode: string;
  /** National significant number. */
  nsn: string;
  e164: string;
  /** Google's national format ("06 12 34 56 78", "(212) 555-0123", "02 1234 5678"). */
  national: string;
  /** Google's international format without "+" and the calling code ("6 12 34 56 78"). */
  international: string;
}

const metadata = new Metadata(fullMetadata);

function rangesOf(region: string, type: 'FIXED_LINE' | 'MOBILE'): { code: string; pattern: string } {
  metadata.selectNumberingPlan(region as never);
  const plan = (
    metadata as unknown as {
      numberingPlan: { callingCode(): string; type(t: string): { pattern(): string } | undefined };
    }
  ).numberingPlan;
  return { code: plan.callingCode(), pattern: plan.type(type)?.pattern() ?? '' };
}

/** `count` distinct valid numbers of the profile's regions, half fixed lines, half mobiles (seeded). */
export function registerNumbers(profile: RegisterProfile, count: number, seed: number): RegisterNumber[] {
  const out: RegisterNumber[] = [];
  const seen = new Set<string>();
  let round = 0;
  for (let attempts = 0; out.length < count && attempts < count * 400; attempts++) {
    const region = profile.regions[out.length % profile.regions.length]!;
    const type = Math.floor(out.length / profile.regions.length) % 2 === 0 ? 'MOBILE' : 'FIXED_LINE';
    const { code, pattern } = rangesOf(region, type);
    let nsn: string | undefined;
    if (code === '1') {
      // NANP: an area code, then the fictional 555-0100…0199 (Google calls them valid numbers).
      const [npa] = fc.sample(fc.stringMatching(/^[2-9][0-8]\d$/), { seed: seed + round++, numRuns: 1 });
      nsn = `${npa}55501${String(round % 100).padStart(2, '0')}`;
    } else if (pattern !== '') {
      [nsn] = fc.sample(fc.stringMatching(new RegExp(`^(?:${pattern})$`)), {
        seed: seed + round++,
        numRuns: 1,
      });
    }
    if (nsn === undefined) continue;
    const e164 = `+${code}${nsn}`;
    const google = parsePhoneNumber(e164);
    if (!google.valid || google.regionCode !== region || seen.has(e164)) continue;
    seen.add(e164);
    const international = google.number.international.slice(code.length + 2);
    out.push({ region, type, callingCode: code, nsn, e164, national: google.number.national, international });
  }
  return out;
}

const digitsOf = (value: string) => value.replace(/\D/g, '');

/** The spellings of one number in a register's files: name → raw value. */
export function registerSpellings(profile: RegisterProfile, number: RegisterNumber): Record<string, string> {
  const { callingCode: cc, nsn, national, international } = number;
  const nationalDigits = digitsOf(national);
  const home = profile.regions[0] === number.region;
  const spellings: Record<string, string> = {
    '+CC international': `+${cc} ${international}`,
    'E.164': number.e164,
    '00CC': `00${cc} ${international}`,
    '"+" lost': `${cc}${nsn}`,
  };
  // A number of another calling code of the plan is written nationally when the home plan dials it so
  // (0692 … for +262 692 …, 0549 … for +378 0549 …), as Google's libphonenumber reads it in the home region.
  const inHome = parsePhoneNumber(national, { regionCode: profile.region });
  const inHomePlan = home || (inHome.possible && inHome.number?.e164.slice(-nsn.length) === nsn);
  if (inHomePlan) {
    spellings.national = national;
    spellings['national, digits'] = nationalDigits;
    if (nationalDigits.startsWith('0') && nationalDigits.length > 1)
      spellings['0 lost (Excel)'] = nationalDigits.slice(1);
  } else {
    // Its own region's national spelling (Saint-Pierre-et-Miquelon's 041 23 45, San Marino's mobiles).
    spellings['national of its region'] = national;
  }
  if (nationalDigits.startsWith('0') && !nsn.startsWith('0')) spellings['+CC (0)'] = `+${cc} (0)${nsn}`;
  if (profile.id === 'US' || profile.id === 'CA') {
    spellings['1-NPA-NXX'] = `1-${nsn.slice(0, 3)}-${nsn.slice(3, 6)}-${nsn.slice(6)}`;
    spellings['001 (Europe)'] = `001 ${nsn.slice(0, 3)} ${nsn.slice(3, 6)} ${nsn.slice(6)}`;
    spellings['011 1'] = `011 1 ${nsn}`;
    spellings.dots = `${nsn.slice(0, 3)}.${nsn.slice(3, 6)}.${nsn.slice(6)}`;
  }
  if (profile.id === 'AU') spellings['0011 61'] = `0011 61 ${international}`;
  if (profile.id === 'FR' && cc !== '33' && nsn.length === 9) {
    spellings['+33 mixed'] = `+33 ${nsn}`;
    spellings['0033 mixed'] = `0033${nsn}`;
  }
  if (profile.id === 'FR' && home) spellings.dotted = national.replace(/ /g, '.');
  return spellings;
}
