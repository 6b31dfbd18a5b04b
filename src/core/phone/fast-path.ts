/**
 * Fast paths for the spellings registries and call lists mostly hold: canonical E.164 ("+12125550123")
 * and plain national numbers of a region ("06 12 34 56 78", "(212) 555-0123", "020 7946 0958",
 * "912 34 56 78"). A full parse costs 4-10 µs, several times the keyed hash; these cost well under 1 µs.
 * They replay, with the region's metadata, the steps of libphonenumber-js's parse that can change such
 * a value, and answer only where each step's outcome is certain; anything else returns undefined and
 * the caller takes the full parse. test/unit/core/phone/fast-path.test.ts compares both over every
 * calling code and every region, and readings.test.ts the whole reading over every register's plan.
 * Built over one metadata (phone-library.ts), so a test can run the whole reader on another version.
 *
 * The steps (libphonenumber-js 1.13, parse.js):
 * - "+<code><rest>": the plan of the code's main region (the first of its regions) strips a national
 *   prefix from the rest (its national_prefix_for_parsing, "1" in NANP, "0|180020" in GB); a rest that
 *   prefix pattern cannot match is kept as it is.
 * - national digits in region R: R's international prefix ("011" in the US) or R's own calling code at
 *   the start may make the value international; otherwise R's national prefix pattern strips a prefix,
 *   unless the whole matched R's national number pattern and the rest does not, or the rest has an
 *   impossible length.
 * - the result counts (isPossible) when its length is a possible length of the region it belongs to:
 *   the first of the code's regions whose test claims it (getCountryByNationalNumber), else the region
 *   whose plan the parse selected (the main one for "+<code>…", the default one for a national
 *   spelling). A length every region of the code accepts is possible whichever that is, one none
 *   accepts never; the prefix strip of the step before asks the same of the rest.
 */
import type { MetadataJson } from 'libphonenumber-js/core';
import type { PhoneLibrary } from './phone-library.ts';

interface CallingCodePlan {
  /** Lengths every region of the code accepts: possible whichever region a number belongs to. */
  possibleEverywhere: ReadonlySet<number>;
  /** Lengths some region accepts; null when a region sets none (then any length may be possible). */
  possibleSomewhere: ReadonlySet<number> | null;
  /** The main region's national prefix pattern, anchored: a canonical rest it matches may be rewritten. */
  mainPrefix: RegExp | null;
  /** The code's main region ("+<code>…" is parsed in its plan). */
  main: string;
  /** Its regions in the order the parse tries them, each with its test and its possible lengths. */
  regions: readonly RegionOfCode[];
}

interface RegionOfCode {
  region: string;
  /** getCountryByNationalNumber's test: whether a national number is this region's. */
  claims: (nationalNumber: string) => boolean;
  lengths: readonly number[] | undefined;
}

/** The types getNumberType tries, fixed line first: a number of none of them belongs to no region. */
const NUMBER_TYPES = [
  'FIXED_LINE',
  'MOBILE',
  'PREMIUM_RATE',
  'TOLL_FREE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
] as const;

interface NumberTypeView {
  pattern(): string;
  possibleLengths(): number[] | undefined;
}

interface RegionPlan {
  callingCode: string;
  code: CallingCodePlan;
  /** The region's national prefix pattern, anchored ("0" in France, "1" in NANP, none in Italy). */
  prefix: RegExp | null;
  /** Its national number pattern, whole: a value it matches keeps its prefix (shouldHaveExtracted…). */
  nationalNumber: RegExp;
  /** Its international call prefix ("00", "011"): a value starting with it is international. */
  internationalPrefix: RegExp | null;
}

interface NumberingPlanView {
  possibleLengths(): number[] | undefined;
  leadingDigits(): string | undefined;
  type(type: string): NumberTypeView | undefined;
  nationalPrefixForParsing(): string | undefined;
  nationalNumberPattern(): string;
  callingCode(): string;
  IDDPrefix(): string | undefined;
}

/**
 * What a fast path knows about a parse: the E.164 string it gives (a possible number), NO_NUMBER when
 * it gives no possible number, or undefined when only the full parse can tell.
 */
export const NO_NUMBER = null;
export type FastParse = string | typeof NO_NUMBER | undefined;

export interface FastPath {
  /** "+33639980012": itself when the full parse would return it unchanged, else undefined. */
  canonical(value: string): string | undefined;
  /** "06 12 34 56 78" in FR, "(212) 555-0123" in US, or "+33 6 12 34 56 78": see FastParse. */
  national(value: string, region: string): FastParse;
}

const CANONICAL = /^\+[1-9]\d{6,14}$/;
/** Separators a plain spelling holds: spaces, dots, dashes, parentheses (all dropped by the full parse). */
const SEPARATORS = /[ .()-]/g;
const NATIONAL = /^\d{4,17}$/;

export function createFastPath(library: PhoneLibrary): FastPath {
  const metadataJson: MetadataJson = library.metadata;
  const metadata = new library.Metadata(metadataJson);
  const callingCodes = (metadataJson as unknown as { country_calling_codes: Record<string, string[]> })
    .country_calling_codes;
  const codePlans = new Map<string, CallingCodePlan | null>();
  const regionPlans = new Map<string, RegionPlan | null>();

  function selectNumberingPlan(region: string): NumberingPlanView {
    metadata.selectNumberingPlan(region as never);
    return (metadata as unknown as { numberingPlan: NumberingPlanView }).numberingPlan;
  }

  const anchored = (pattern: string | undefined) => (pattern ? new RegExp(`^(?:${pattern})`) : null);

  function codePlanFor(callingCode: string): CallingCodePlan | null {
    const known = codePlans.get(callingCode);
    if (known !== undefined) return known;
    let plan: CallingCodePlan | null = null;
    const regions = (callingCodes[callingCode] ?? []).filter((region) => region !== '001');
    // Non-geographic codes (+800, +882…) are left to the full parse.
    if (regions.length > 0) {
      const lengths = regions.map((region) => selectNumberingPlan(region).possibleLengths());
      const everywhere = new Set<number>();
      for (let length = 1; length <= 17; length++)
        if (lengths.every((some) => some === undefined || some.includes(length))) everywhere.add(length);
      plan = {
        possibleEverywhere: everywhere,
        possibleSomewhere: lengths.some((some) => some === undefined)
          ? null
          : new Set(lengths.flatMap((some) => some ?? [])),
        // The plan libphonenumber-js selects for "+<code>…": the code's first region.
        mainPrefix: anchored(selectNumberingPlan(regions[0]!).nationalPrefixForParsing()),
        main: regions[0]!,
        // A code of one region needs no test: getCountryByCallingCode returns it.
        regions: regions.map((region, index) => ({
          region,
          claims: regions.length === 1 ? () => true : belongsTo(selectNumberingPlan(region)),
          lengths: lengths[index],
        })),
      };
    }
    codePlans.set(callingCode, plan);
    return plan;
  }

  /**
   * getCountryByNationalNumber's test of a region (the first tried is the code's main one): its leading
   * digits when it has them, else a number type of its own (its national pattern, then a type's
   * pattern and lengths).
   */
  function belongsTo(numberingPlan: NumberingPlanView): (nationalNumber: string) => boolean {
    const leading = numberingPlan.leadingDigits();
    if (leading) {
      const pattern = new RegExp(leading);
      return (nationalNumber) => nationalNumber.search(pattern) === 0;
    }
    const national = new RegExp(`^(?:${numberingPlan.nationalNumberPattern()})$`);
    const types = NUMBER_TYPES.flatMap((name) => {
      const type = numberingPlan.type(name);
      const source = type?.pattern();
      return type && source
        ? [{ pattern: new RegExp(`^(?:${source})$`), lengths: type.possibleLengths() }]
        : [];
    });
    return (nationalNumber) =>
      national.test(nationalNumber) &&
      types.some(
        ({ pattern, lengths }) =>
          (lengths === undefined || lengths.includes(nationalNumber.length)) && pattern.test(nationalNumber),
      );
  }

  /**
   * Whether the full parse calls a national number of this code possible (checkNumberLength), or
   * undefined when only it can tell. The lengths are those of the first region whose test claims the
   * number, else of the region whose plan the parse selected (`selected`: the main region for
   * "+<code>…", the default region for a national spelling).
   */
  function isPossible(plan: CallingCodePlan, nationalNumber: string, selected: string): boolean | undefined {
    const length = nationalNumber.length;
    if (plan.possibleEverywhere.has(length)) return true;
    if (plan.possibleSomewhere?.has(length) === false) return false;
    const owner =
      plan.regions.find(({ claims }) => claims(nationalNumber)) ??
      plan.regions.find(({ region }) => region === selected);
    // No region without possible lengths exists (isPossible would throw): left to the parse if one did.
    if (owner?.lengths === undefined) return undefined;
    return owner.lengths.includes(length);
  }

  function regionPlanFor(region: string): RegionPlan | null {
    const known = regionPlans.get(region);
    if (known !== undefined) return known;
    let plan: RegionPlan | null = null;
    if ((metadata as unknown as { hasCountry(region: string): boolean }).hasCountry(region)) {
      const numberingPlan = selectNumberingPlan(region);
      const callingCode = numberingPlan.callingCode();
      const prefix = anchored(numberingPlan.nationalPrefixForParsing());
      const nationalNumber = new RegExp(`^(?:${numberingPlan.nationalNumberPattern()})$`);
      const internationalPrefix = anchored(numberingPlan.IDDPrefix());
      const code = codePlanFor(callingCode);
      if (code !== null) plan = { callingCode, code, prefix, nationalNumber, internationalPrefix };
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
      const plan = codePlanFor(callingCode);
      if (plan === null) return undefined;
      const rest = value.slice(1 + codeLength);
      if (plan.mainPrefix?.test(rest)) return undefined;
      return isPossible(plan, rest, plan.main) === true ? value : undefined;
    }
    return undefined;
  }

  /** The national significant number the full parse keeps of `digits` in a region, or undefined. */
  function nationalNumberOf(digits: string, region: string, plan: RegionPlan): string | undefined {
    if (plan.internationalPrefix?.test(digits)) return undefined;
    // The region's own calling code first may be read as international without its "+".
    if (digits.startsWith(plan.callingCode)) return undefined;
    const match = plan.prefix?.exec(digits);
    if (!match || match[0] === '') return digits;
    // A captured group is a carrier code or a rewriting rule (Australia's 1831, Jersey's 1534…).
    for (let group = 1; group < match.length; group++) if (match[group] !== undefined) return undefined;
    const rest = digits.slice(match[0].length);
    // The prefix stays when the whole is a national number and the rest is not.
    if (plan.nationalNumber.test(digits) && !plan.nationalNumber.test(rest)) return digits;
    // The rest must be possible (else the prefix stays, or a too long rest is kept: left to the parse).
    return isPossible(plan.code, rest, region) === true ? rest : undefined;
  }

  function national(value: string, region: string): FastParse {
    const compact = value.replace(SEPARATORS, '');
    if (compact.charCodeAt(0) === 0x2b) return canonical(compact);
    if (!NATIONAL.test(compact)) return undefined;
    const plan = regionPlanFor(region);
    if (plan === null) return undefined;
    const nationalNumber = nationalNumberOf(compact, region, plan);
    if (nationalNumber === undefined) return undefined;
    const possible = isPossible(plan.code, nationalNumber, region);
    if (possible === undefined) return undefined;
    return possible ? `+${plan.callingCode}${nationalNumber}` : NO_NUMBER;
  }

  return { canonical, national };
}
