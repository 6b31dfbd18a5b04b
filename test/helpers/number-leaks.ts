/**
 * Whether any of `numbers` appears in `text`, however it is spelt: every run of characters a phone
 * number is written with (digits, blanks, + ( ) . - /) is reduced to its digits and searched for each
 * number's national significant number, at its end. Runs are taken one by one: the digits of a whole JSON document
 * joined end to end (timestamps, counts, sizes side by side) would spell short numbers by chance.
 */
export function numberLeaks<N extends { nsn: string; region: string }>(
  text: string,
  numbers: readonly N[],
): string[] {
  const runs = (text.match(/[+(\d][\d\s().\-/]*\d/g) ?? []).map((run) => run.replace(/\D/g, ''));
  // A written number ends with its NSN, after at most a prefix: 00, a calling code of up to 3 digits,
  // a trunk 0 (00 508 41 23 45). A longer run (a byte count, a timestamp in ms) is not one, though a
  // short NSN (6 digits in Saint-Pierre-et-Miquelon) may end it by chance.
  const spells = (digits: string, nsn: string) => digits.endsWith(nsn) && digits.length <= nsn.length + 6;
  return numbers
    .filter((number) => runs.some((digits) => spells(digits, number.nsn)))
    .map((number) => number.region);
}
