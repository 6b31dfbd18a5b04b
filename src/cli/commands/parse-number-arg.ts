import { QuietlistError } from '../../core/errors.ts';

/** Parses a numeric CLI option, naming the option in the error. */
export function parseNumberArg(
  text: string,
  option: string,
  range: { min: number; max: number; integer?: boolean },
): number {
  const value = Number(text);
  if (
    !Number.isFinite(value) ||
    value < range.min ||
    value > range.max ||
    (range.integer && !Number.isInteger(value))
  ) {
    throw new QuietlistError(
      'INVALID_ARGUMENT',
      `${option} must be ${range.integer ? 'an integer' : 'a number'} from ${range.min} to ${range.max}, got "${text}"`,
    );
  }
  return value;
}
