/** The summary's "input" line: what the builder understood of the export, so a misread shows at a glance. */
import type { InputDescription } from '../../builder/input/record.ts';

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/** `datesRead` false: the build looked for no date (registrations never expire, or --no-expiry). */
export function describeInput(input: InputDescription, dateFormat: string, datesRead = true): string {
  if (input.format === undefined) return 'empty';
  const parts = [`${input.format}, ${input.encoding ?? 'utf-8'}${basis(input.encodingBasis)}`];
  if (input.delimiter !== undefined)
    parts.push(`${DELIMITER_NAMES[input.delimiter] ?? JSON.stringify(input.delimiter)}-separated`);
  if (input.phoneColumn !== undefined) parts.push(`phone ${JSON.stringify(input.phoneColumn)}`);
  parts.push(
    !datesRead
      ? 'dates not read (no expiry)'
      : input.dateColumn === undefined
        ? 'no date column'
        : `date ${JSON.stringify(input.dateColumn)} (${dateFormat})`,
  );
  if (input.channelsColumn !== undefined) parts.push(`channels ${JSON.stringify(input.channelsColumn)}`);
  if (input.sectorsColumn !== undefined) parts.push(`sectors ${JSON.stringify(input.sectorsColumn)}`);
  return parts.join(', ');
}

function basis(how: string | undefined): string {
  if (how === 'bom') return ' (byte-order mark)';
  if (how === 'nul-pattern') return ' (detected, no byte-order mark)';
  if (how === 'not-utf8') return ' (detected: not UTF-8)';
  if (how === 'stated') return ' (--encoding)';
  return '';
}
