/**
 * The builder's fast path for canonical North American numbers ("+12125550123", as a US or Canadian
 * register exports them). The phone core's canonical fast path (core/phone/fast-path.ts) leaves every
 * +1 number to libphonenumber-js's full parse (several +1 regions strip national prefixes with
 * patterns), about 10 µs a number: a US register built 5× slower than a French one. This path answers
 * only for the exact shape +1 NPA NXX XXXX with NPA and NXX starting with 2-9, for which the full parse
 * returns the string unchanged (test/unit/builder/canonical-nanp.test.ts compares it with normalizePhone
 * for every NPA and for random numbers); any other value returns undefined and takes normalizePhone.
 */
const CANONICAL_NANP = /^\+1[2-9]\d\d[2-9]\d{6}$/;

export function canonicalNanpE164(value: string): string | undefined {
  return CANONICAL_NANP.test(value) ? value : undefined;
}
