/**
 * Keys that do not depend on metadata (normalisation scheme 3): the whole reader built over two
 * libphonenumber-js versions (the installed one and `libphonenumber-js-previous`, 1.11.20) keys every
 * spelling of the French plan's overseas blocks (whose ranges moved between the versions) and of every
 * register's numbers identically. Scheme 2 took the key's calling code from these ranges: it keyed
 * the blocks counted below differently under the two versions.
 */
import { Metadata } from 'libphonenumber-js/core';
import currentMax from 'libphonenumber-js/max/metadata';
import {
  Metadata as PreviousMetadata,
  validatePhoneNumberLength as previousLength,
  parsePhoneNumberFromString as previousParse,
} from 'libphonenumber-js-previous/core';
import previousMax from 'libphonenumber-js-previous/max/metadata';
import previousMin from 'libphonenumber-js-previous/min/metadata';
import { describe, expect, it } from 'vitest';
import {
  REGISTER_PROFILES,
  registerNumbers,
  registerSpellings,
} from '../../../../scripts/register-numbers.ts';
import { planOfRegion, SHARED_PLANS } from '../../../../src/core/phone/numbering-plan.ts';
import { INSTALLED_PHONE_LIBRARY, type PhoneLibrary } from '../../../../src/core/phone/phone-library.ts';
import { createPhoneReader } from '../../../../src/core/phone/phone-reader.ts';

const PREVIOUS_LIBRARY = {
  Metadata: PreviousMetadata,
  parsePhoneNumberFromString: previousParse,
  validatePhoneNumberLength: previousLength,
  metadata: previousMin,
  fullMetadata: previousMax,
} as unknown as PhoneLibrary;

const current = createPhoneReader(INSTALLED_PHONE_LIBRARY);
const previous = createPhoneReader(PREVIOUS_LIBRARY);
const OVERSEAS = SHARED_PLANS.FR!.regions.slice(1);
const SUBSCRIBER_TYPES = ['FIXED_LINE', 'MOBILE', 'VOIP'];

function subscriberPatterns(metadataJson: object, region: string): RegExp {
  const metadata = new Metadata(metadataJson as never);
  metadata.selectNumberingPlan(region as never);
  const plan = (
    metadata as unknown as { numberingPlan: { type(t: string): { pattern(): string } | undefined } }
  ).numberingPlan;
  return new RegExp(
    `^(?:${SUBSCRIBER_TYPES.flatMap((type) => plan.type(type)?.pattern() ?? []).join('|')})$`,
  );
}

/** Which overseas calling code each version's ranges give a 9-digit national number (scheme 2's choice). */
function ownerOf(metadataJson: object, national: string): string {
  const owners = new Set(
    OVERSEAS.filter((region) => subscriberPatterns(metadataJson, region).test(national)).map(
      (region) => currentMax.countries[region as keyof typeof currentMax.countries]![0] as string,
    ),
  );
  return owners.size === 1 ? [...owners][0]! : '33';
}

/** One national number per 5-digit prefix held by either version's overseas ranges. */
function overseasBlocks(): string[] {
  const patterns = [currentMax, previousMax].flatMap((json) =>
    OVERSEAS.map((region) => subscriberPatterns(json, region)),
  );
  const blocks: string[] = [];
  for (let prefix = 0; prefix < 100_000; prefix++) {
    const head = String(prefix).padStart(5, '0');
    const national = ['0000', '5555', '9999']
      .map((tail) => head + tail)
      .find((n) => patterns.some((p) => p.test(n)));
    if (national !== undefined) blocks.push(national);
  }
  return blocks;
}

const keys = (reader: typeof current, raw: string, region: string) => {
  const read = reader.read(raw, planOfRegion(region as never));
  return read.ok
    ? read.readings
        .map((reading) => reading.key)
        .sort()
        .join(' ')
    : read.reason;
};

describe('keys under two metadata versions', () => {
  it('are the same for every spelling of every overseas block, though the versions place ranges differently', () => {
    const blocks = overseasBlocks();
    expect(blocks.length).toBeGreaterThan(500);
    const moved = blocks.filter(
      (national) => ownerOf(currentMax, national) !== ownerOf(previousMax, national),
    );
    // Not vacuous: scheme 2 would have keyed these blocks under another calling code per version.
    expect(moved.length).toBeGreaterThan(0);
    let checks = 0;
    const differences: string[] = [];
    for (const [i, national] of blocks.entries()) {
      for (const code of SHARED_PLANS.FR!.callingCodes) {
        for (const raw of [
          `0${national}`,
          national,
          `+${code} ${national}`,
          `00${code}${national}`,
          `${code}${national}`,
        ]) {
          checks++;
          if (keys(current, raw, 'FR') !== keys(previous, raw, 'FR'))
            differences.push(`block #${i} ${raw.length} chars`);
        }
      }
    }
    expect(checks).toBeGreaterThan(15_000);
    expect(differences.slice(0, 10)).toEqual([]);
  });

  it.each(REGISTER_PROFILES.map((profile) => [profile.id, profile] as const))(
    'are the same for every spelling of %s numbers',
    (_, profile) => {
      const differences: string[] = [];
      for (const [i, number] of registerNumbers(profile, 120, 1911).entries()) {
        for (const [name, raw] of Object.entries(registerSpellings(profile, number)))
          if (keys(current, raw, profile.region) !== keys(previous, raw, profile.region))
            differences.push(`#${i} ${name}`);
      }
      expect(differences).toEqual([]);
    },
  );
});
