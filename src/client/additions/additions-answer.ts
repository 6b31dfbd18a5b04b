/**
 * The API's answer to GET …/additions (docs/API.md, "Lists"): `{ list, epoch, batches, complete }`,
 * read by `pull` (sources/http-source.ts) and the scrub page alike. The batches are handed on as bytes,
 * unverified: core/additions/additions-chain.ts verifies each (their signatures cover the canonical
 * JSON of `additions`, so re-encoding them changes nothing a reader checks). Runtime-neutral.
 */
import { FormatError } from '../../core/errors.ts';

export function parseAdditionsAnswer(
  body: Uint8Array,
  what: string,
): { batches: Uint8Array[]; complete: boolean } {
  let answer: { batches?: unknown; complete?: unknown };
  try {
    answer = JSON.parse(new TextDecoder().decode(body)) as typeof answer;
  } catch {
    throw new FormatError(`${what}: the answer is not JSON`);
  }
  if (!Array.isArray(answer?.batches) || typeof answer.complete !== 'boolean') {
    throw new FormatError(`${what}: the answer is not a list of additions batches`);
  }
  const encoder = new TextEncoder();
  return {
    batches: answer.batches.map((batch) => encoder.encode(JSON.stringify(batch))),
    complete: answer.complete,
  };
}
