/**
 * A fast path for input already in canonical E.164 form ("+33612345678"), which is what registries
 * and call lists mostly hold. A full parse costs about 4 µs, several times the keyed hash; this costs
 * well under 1 µs. It only ever answers when the full parse would give the same E.164 string
 * (test/unit/phone-fast-path.test.ts compares both over every calling code); otherwise it returns
 * undefined and the caller takes the full parse.
 */
import { Metadata } from 'libphonenumber-js/core';
import metadataJson from 'libphonenumber-js/min/metadata';

interface CallingCodePlan {
  possibleLengths: ReadonlySet<number>;
  /** A national number starting with one of these may be rewritten by the full parse: not fast-pathed. */
  unsafeFirstDigits: string;
}

const CANONICAL = /^\+[1-9]\d{6,14}$/;
const plans = new Map<string, CallingCodePlan | null>();
const metadata = new Metadata(metadataJson);
const callingCodes = (metadataJson as { country_calling_codes: Record<string, string[]> })
  .country_calling_codes;

function planFor(callingCode: string): CallingCodePlan | null {
  let plan = plans.get(callingCode);
  if (plan !== undefined) return plan;
  plan = null;
  const regions = callingCodes[callingCode] ?? [];
  const numberingPlans = regions.filter((region) => region !== '001').map(selectNumberingPlan);
  const prefixes = numberingPlans.map((numberingPlan) => numberingPlan.nationalPrefixForParsing());
  // Regex-like prefixes (used by a few countries to rewrite numbers) are left to the full parse.
  if (numberingPlans.length > 0 && prefixes.every((prefix) => prefix === undefined || /^\d+$/.test(prefix))) {
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

function selectNumberingPlan(region: string): NumberingPlanView {
  metadata.selectNumberingPlan(region as never);
  return (metadata as unknown as { numberingPlan: NumberingPlanView }).numberingPlan;
}

interface NumberingPlanView {
  possibleLengths(): number[];
  nationalPrefixForParsing(): string | undefined;
}

export function fastCanonicalE164(value: string): string | undefined {
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
