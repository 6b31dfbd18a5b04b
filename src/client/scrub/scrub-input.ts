/**
 * What a scrub's input is, from its first bytes (a CSV, an .xlsx or .ods workbook, or a file that is
 * no call list), and the spreadsheet engine, loaded only for a workbook.
 */
import { prepend, readStreamHead } from '../../core/encoding/stream-head.ts';
import { QuietlistError } from '../../core/errors.ts';
import { detectFileKind, notACallListMessage } from '../../core/text/spreadsheet-magic.ts';
import { type HashedInput, hashedInput } from './hashed-input.ts';
import type { ScrubRequest } from './scrub-request.ts';
import type { SheetScrubResult } from './sheet-scrub.ts';

/**
 * What the input is, from its first bytes: an .xlsx or .ods workbook, or text for the CSV engine. An
 * old .xls or another ZIP is refused with what to do; options of the other kind are refused too.
 */
export async function sniffInput(
  source: AsyncIterable<Uint8Array>,
  request: Pick<ScrubRequest, 'delimiter' | 'encoding' | 'sheet'>,
): Promise<{ format: 'csv' | 'xlsx' | 'ods'; input: HashedInput }> {
  const hashed = hashedInput(source);
  const { head, rest } = await readStreamHead(hashed.chunks, { minBytes: 4096 }, Buffer.concat);
  const input: HashedInput = { ...hashed, chunks: prepend(head, rest) };
  const kind = detectFileKind(head);
  // A PDF, a picture, an archive, an old .xls: refused by content, with what to scrub instead.
  if (kind !== undefined && kind !== 'xlsx' && kind !== 'ods') {
    throw new QuietlistError('INPUT_INVALID', notACallListMessage(kind, 'the input'));
  }
  if (kind === undefined) {
    if (request.sheet !== undefined)
      throw new QuietlistError('INVALID_ARGUMENT', '--sheet is for .xlsx and .ods inputs; this one is CSV');
    return { format: 'csv', input };
  }
  const option =
    request.delimiter !== undefined
      ? '--delimiter'
      : request.encoding !== undefined && request.encoding !== 'auto'
        ? '--encoding'
        : undefined;
  if (option)
    throw new QuietlistError('INVALID_ARGUMENT', `${option} is for CSV inputs; this one is .${kind}`);
  return { format: kind, input };
}

/** SheetJS (a large module) is loaded only for a spreadsheet: a CSV scrub never pays for it. */
export async function scrubSpreadsheet(
  options: Parameters<typeof import('./sheet-scrub.ts').scrubSheet>[0],
): Promise<SheetScrubResult> {
  const { scrubSheet } = await import('./sheet-scrub.ts');
  return scrubSheet(options);
}
