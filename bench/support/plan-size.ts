/**
 * How many numbers a register's plan holds, as an attacker walking it would count them: the numbers
 * libphonenumber's full metadata calls valid in the plan's regions. Counting a metadata pattern's
 * language exactly is not worth its code; a uniform sample of every possible length is: for each
 * calling code of the plan and each national length its regions allow, `samples` random national
 * numbers are drawn and the valid share is scaled to 10^length. The estimate's relative standard
 * error is about 1/√(valid draws); the suite reports it.
 */
import { randomInt } from 'node:crypto';
import { Metadata } from 'libphonenumber-js/core';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import metadataJson from 'libphonenumber-js/max/metadata';
import { jurisdictionOf } from '../../src/core/phone/numbering-plan.ts';

export interface PlanSize {
  /** Estimated valid numbers in the plan. */
  numbers: number;
  /** Relative standard error of the estimate. */
  relativeError: number;
  /**
   * Of them, mobile numbers (MOBILE, or FIXED_LINE_OR_MOBILE where the plan does not tell them apart):
   * where most registered people are, and the walk an attacker starts with. In plans whose fixed lines
   * have many possible lengths (Germany, Italy) the valid-number count is inflated by lengths no line
   * uses, so the mobile count is the honest figure of what a walk costs.
   */
  mobiles: number;
  mobileRelativeError: number;
  regions: readonly string[];
}

export function estimatePlanSize(region: string, samples = 50_000): PlanSize {
  const { regions } = jurisdictionOf(region);
  const lengthsByCode = new Map<string, Set<number>>();
  for (const member of regions) {
    const { code, lengths: memberLengths } = planOf(member);
    const lengths = lengthsByCode.get(code) ?? new Set<number>();
    for (const length of memberLengths) lengths.add(length);
    lengthsByCode.set(code, lengths);
  }
  const inPlan = new Set(regions);
  let numbers = 0;
  let variance = 0;
  let mobiles = 0;
  let mobileVariance = 0;
  for (const [code, lengths] of lengthsByCode) {
    for (const length of lengths) {
      let valid = 0;
      let mobile = 0;
      for (let i = 0; i < samples; i++) {
        let nsn = String(randomInt(1, 10));
        while (nsn.length < length) nsn += String(randomInt(0, 10));
        const parsed = parsePhoneNumberFromString(`+${code}${nsn}`);
        if (!parsed?.isValid() || !inPlan.has(parsed.country ?? '')) continue;
        valid++;
        const type = parsed.getType();
        if (type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE') mobile++;
      }
      // The first digit is drawn from 1-9: a national number never starts with 0 after its prefix.
      const space = 9 * 10 ** (length - 1);
      const share = valid / samples;
      numbers += share * space;
      variance += (space * space * share * (1 - share)) / samples;
      const mobileShare = mobile / samples;
      mobiles += mobileShare * space;
      mobileVariance += (space * space * mobileShare * (1 - mobileShare)) / samples;
    }
  }
  const relative = (total: number, v: number) => (total > 0 ? Math.sqrt(v) / total : 1);
  return {
    numbers,
    relativeError: relative(numbers, variance),
    mobiles,
    mobileRelativeError: relative(mobiles, mobileVariance),
    regions,
  };
}

const metadata = new Metadata(metadataJson);

/** A region's calling code and national lengths, from the full metadata (as core/phone/numbering-plan.ts reads it). */
function planOf(region: string): { code: string; lengths: number[] } {
  metadata.selectNumberingPlan(region as never);
  const plan = (
    metadata as unknown as { numberingPlan: { callingCode(): string; possibleLengths(): number[] } }
  ).numberingPlan;
  return { code: plan.callingCode(), lengths: plan.possibleLengths() };
}
