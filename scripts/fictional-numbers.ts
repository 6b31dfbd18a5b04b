/**
 * Synthetic phone numbers for samples and tests: ARCEP's blocks reserved for fiction (films, books,
 * examples), which are never assigned to a subscriber: 10,000 numbers each.
 */
export const FICTIONAL_BLOCKS = [
  '+3319900',
  '+3326191',
  '+3335301',
  '+3346571',
  '+3353649',
  '+3363998',
  '+3397510',
];

/** The i-th fictional number, 0 <= i < 70,000, in E.164. */
export function fictionalNumber(i: number): string {
  const block = FICTIONAL_BLOCKS[Math.floor(i / 10_000) % FICTIONAL_BLOCKS.length]!;
  return `${block}${String(i % 10_000).padStart(4, '0')}`;
}

/** A seeded PRNG (mulberry32), so samples are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The same number written the ways people write it: national, international, 00, spaced, dotted, dashed. */
export function spellings(e164: string): string[] {
  const national = `0${e164.slice(3)}`;
  const pairs = national.match(/../g)!.join(' ');
  return [
    e164,
    national,
    `0033${e164.slice(3)}`,
    pairs,
    pairs.replace(/ /g, '.'),
    pairs.replace(/ /g, '-'),
    `+33 (0)${national.slice(1, 2)} ${national.slice(2).match(/../g)!.join(' ')}`,
    `  ${pairs}  `,
  ];
}
