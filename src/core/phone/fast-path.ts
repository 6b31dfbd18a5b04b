/**
 * Fast paths for the two spellings registries and call lists mostly hold: canonical E.164
 * ("+33612345678") and plain national numbers in the default region ("06 12 34 56 78", dots or
 * dashes). A full parse costs 4-7 µs, several times the keyed hash; these cost well under 1 µs. They
 * only ever answer when the full parse would give the same E.164 string
 * (test/unit/core/phone/fast-path.test.ts compares both over every calling code and every region);
 * otherwise they return undefined and the caller takes the full parse. Built over one metadata
 * (phone-library.ts), so a test can run the whole reader on another libphonenumber-js version.
 */
import type { MetadataJson } from 'libphonenumber-js/core';
import type { PhoneLibrary } from './phone-library.ts';

interface CallingCodePlan {
  possibleLengths: ReadonlySet<number>;
  /** A national number starting with one of these may be rewritten by the full parse: not fast-pathed. */
  unsafeFirstDigits: string;
}

interface NumberingPlanView {
  possibleLengths(): number[];
  nationalPrefix(): string | undefined;
  nationalPrefixForParsing(): string | undefined;
  nationalPrefixTransformRule(): string | undefined;
  callingCode(): string;
  IDDPrefix(): string | undefined;
}

interface RegionPlan {
  callingCode: string;
  nationalPrefix: string;
  /** The international call prefix ("00" in France): a number starting with it is not national. */
  internationalPrefix: RegExp | null;
}

export interface FastPath {
  /** "+33639980012": itself when the full parse would return it unchanged, else undefined. */
  canonical(value: string): string | undefined;
  /** "06 12 34 56 78" in FR, or "+33 6 12 34 56 78": its E.164, or undefined. */
  national(value: string, region: string): string | undefined;
}

const CANONICAL = /^\+[1-9]\d{6,14}$/;
const SEPARATORS = /[ .-]/g;
const NATIONAL = /^\d{4,17}$/;

export function createFastPath(library: PhoneLibrary): FastPath {
  const metadataJson: MetadataJson = library.metadata;
  const metadata = new library.Metadata(metadataJson);
  const callingCodes = (metadataJson as unknown as { country_calling_codes: Record<string, string[]> })
    .country_calling_codes;
  const plans = new Map<string, CallingCodePlan | null>();
  const regionPlans = new Map<string, RegionPlan | null>();

  function selectNumberingPlan(region: string): NumberingPlanView {
    metadata.selectNumberingPlan(region as never);
    return (metadata as unknown as { numberingPlan: NumberingPlanView }).numberingPlan;
  }

  function planFor(callingCode: string): CallingCodePlan | null {
    let plan = plans.get(callingCode);
    if (plan !== undefined) return plan;
    plan = null;
    const regions = callingCodes[callingCode] ?? [];
    const numberingPlans = regions.filter((region) => region !== '001').map(selectNumberingPlan);
    const prefixes = numberingPlans.map((numberingPlan) => numberingPlan.nationalPrefixForParsing());
    // Regex-like prefixes (used by a few countries to rewrite numbers) are left to the full parse.
    if (
      numberingPlans.length > 0 &&
      prefixes.every((prefix) => prefix === undefined || /^\d+$/.test(prefix))
    ) {
      // A code shared by several regions (+1, +44, +599...): only lengths every one of them accepts.
      const [first, ...others] = numberingPlans.map((numberingPlan) => numberingPlan.possibleLengths());
      const possibleLengths = (first ?? []).filter((length) =>
        others.every((lengths) => lengths.includes(length)),
      );
      plan = {
        possibleLengths: new Set(possibleLengths),
        unsafeFirstDigits: `0${prefixes.map((prefix) => prefix?.[0] ?? '').join('')}`,
      };
    }
    plans.set(callingCode, plan);
    return plan;
  }

  /** Regions whose national prefix is plain digits, stripped as is: a leading "0" in France. */
  function regionPlanFor(region: string): RegionPlan | null {
    let plan = regionPlans.get(region);
    if (plan !== undefined) return plan;
    plan = null;
    if ((metadata as unknown as { hasCountry(region: string): boolean }).hasCountry(region)) {
      const numberingPlan = selectNumberingPlan(region);
      const prefix = numberingPlan.nationalPrefix();
      const forParsing = numberingPlan.nationalPrefixForParsing();
      if (
        prefix &&
        /^\d+$/.test(prefix) &&
        (forParsing === undefined || forParsing === prefix) &&
        !numberingPlan.nationalPrefixTransformRule()
      ) {
        const idd = numberingPlan.IDDPrefix();
        plan = {
          callingCode: numberingPlan.callingCode(),
          nationalPrefix: prefix,
          internationalPrefix: idd ? new RegExp(`^(?:${idd})`) : null,
        };
      }
    }
    regionPlans.set(region, plan);
    return plan;
  }

  function canonical(value: string): string | undefined {
    if (!CANONICAL.test(value)) return undefined;
    // Calling codes are prefix-free, so at most one of the 1-, 2- and 3-digit prefixes is known.
    for (let codeLength = 1; codeLength <= 3; codeLength++) {
      const callingCode = value.slice(1, 1 + codeLength);
      if (callingCodes[callingCode] === undefined) continue;
      const plan = planFor(callingCode);
      if (plan === null) return undefined;
      const nationalLength = value.length - 1 - codeLength;
      if (!plan.possibleLengths.has(nationalLength)) return undefined;
      if (plan.unsafeFirstDigits.includes(value.charAt(1 + codeLength))) return undefined;
      return value;
    }
    return undefined;
  }

  function national(value: string, region: string): string | undefined {
    const compact = value.replace(SEPARATORS, '');
    if (compact.startsWith('+')) return canonical(compact);
    if (!NATIONAL.test(compact)) return undefined;
    const plan = regionPlanFor(region);
    if (
      plan === null ||
      !compact.startsWith(plan.nationalPrefix) ||
      plan.internationalPrefix?.test(compact)
    ) {
      return undefined;
    }
    const candidate = `+${plan.callingCode}${compact.slice(plan.nationalPrefix.length)}`;
    // The national number must belong to the region itself (a code shared with others: +1, +44 ...).
    if (callingCodes[plan.callingCode]?.length !== 1) return undefined;
    return canonical(candidate);
  }

  return { canonical, national };
}
