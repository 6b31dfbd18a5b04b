/**
 * Synthetic numbers of the French plan's overseas regions, generated (seeded) from the mobile ranges
 * of libphonenumber-js's full metadata: ARCEP reserves no fiction block there. They may match real
 * lines, so tests never print them: assertions name indexes and spellings only.
 */
import fc from 'fast-check';
import { Metadata } from 'libphonenumber-js/core';
import fullMetadata from 'libphonenumber-js/max/metadata';

export const OVERSEAS_REGIONS = ['RE', 'YT', 'GP', 'GF', 'MQ'] as const;

export interface OverseasNumber {
  region: string;
  callingCode: string;
  /** The 9-digit national significant number (without the leading 0). */
  national: string;
  e164: string;
}

const metadata = new Metadata(fullMetadata);

function mobileRange(region: string): { code: string; pattern: RegExp } {
  metadata.selectNumberingPlan(region as never);
  const plan = (
    metadata as unknown as {
      numberingPlan: { callingCode(): string; type(t: string): { pattern(): string } | undefined };
    }
  ).numberingPlan;
  return { code: plan.callingCode(), pattern: new RegExp(`^(?:${plan.type('MOBILE')!.pattern()})$`) };
}

/** `count` distinct overseas mobile numbers, spread over the regions, the same for the same seed. */
export function overseasNumbers(count: number, seed: number): OverseasNumber[] {
  const seen = new Set<string>();
  const out: OverseasNumber[] = [];
  let round = 0;
  while (out.length < count) {
    const region = OVERSEAS_REGIONS[out.length % OVERSEAS_REGIONS.length]!;
    const { code, pattern } = mobileRange(region);
    const [national] = fc.sample(fc.stringMatching(pattern), { seed: seed + round++, numRuns: 1 });
    if (national === undefined || national.length !== 9 || seen.has(national)) continue;
    seen.add(national);
    out.push({ region, callingCode: code, national, e164: `+${code}${national}` });
  }
  return out;
}

/** The spellings a registry export or a CRM holds for one overseas number. */
export function overseasSpellings(number: OverseasNumber): Record<string, string> {
  const { callingCode: code, national } = number;
  const pairs = `0${national}`.replace(/^(\d{4})(\d{2})(\d{2})(\d{2})$/, '$1 $2 $3 $4');
  return {
    national: pairs,
    'national digits': `0${national}`,
    'zero dropped': national,
    '+CC': `+${code} ${national}`,
    '00CC': `00${code}${national}`,
    'CC without +': `${code}${national}`,
    '+33 mixed': `+33 ${national}`,
    '+33 (0)': `+33 (0)${national}`,
  };
}
