/**
 * Whether any of `numbers` appears in `text`, however it is spelt: every run of characters a phone
 * number is written with (digits, blanks, + ( ) . - /) is reduced to its digits and searched for each
 * number's national significant number. Runs are taken one by one: the digits of a whole JSON document
 * joined end to end (timestamps, counts, sizes side by side) would spell short numbers by chance.
 */
export function numberLeaks<N extends { nsn: string; region: string }>(
  text: string,
  numbers: readonly N[],
): string[] {
  const runs = (text.match(/[+(\d][\d\s().\-/]*\d/g) ?? []).map((run) => run.replace(/\D/g, ''));
  return numbers
    .filter((number) => runs.some((digits) => digits.includes(number.nsn)))
    .map((number) => number.region);
}
