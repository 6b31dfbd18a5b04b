/**
 * `receipt verify`: every check a receipt allows offline, each with its outcome, and in plain words
 * what the whole proves and what it cannot. Everything is tied to operator keys obtained independently
 * of the receipt (given, or pinned by `pull` with the keys it followed a rotation from:
 * operator-keys.ts), never to the key the receipt names: a receipt whose manifest and countersignature
 * were re-signed by someone else verifies under that someone's key. Without an operator key the verdict
 * is "not verified"; a failed check is data refused; a check that needs something not given (the
 * files) is "not checked", never "verified".
 */
import { parseReceipt, receiptSha256 } from '../../core/receipt/receipt.ts';
import { checkCounts } from './checks/counts-check.ts';
import { checkFiles } from './checks/files-check.ts';
import { checkManifest } from './checks/manifest-check.ts';
import { checkVersions } from './checks/normaliser-check.ts';
import type { CheckOutcome, ReceiptCheck } from './checks/receipt-check.ts';
import { checkScope } from './checks/scope-check.ts';
import { checkTimestamp } from './checks/timestamp-check.ts';
import type { OperatorKey } from './operator-keys.ts';

export type { CheckOutcome, ReceiptCheck } from './checks/receipt-check.ts';

export interface ReceiptVerification {
  receiptSha256: string;
  epoch: string;
  checks: ReceiptCheck[];
  proves: string[];
  doesNotProve: string[];
  /**
   * verified: tied to an operator key and no check failed; failed: a check failed; unanchored: no
   * operator key was given or pinned, so nothing ties the receipt to the operator.
   */
  verdict: 'verified' | 'failed' | 'unanchored';
  /** verdict === 'verified'. */
  ok: boolean;
}

export interface VerifyReceiptOptions {
  receiptBytes: Uint8Array;
  /** The call list the receipt is about. */
  inputFile?: string;
  /** Output files to match against the receipt's outputs. */
  outputFiles?: string[];
  /** The operator's signing keys, obtained independently of the receipt (operator-keys.ts). */
  operatorKeys: OperatorKey[];
}

export async function verifyReceipt(options: VerifyReceiptOptions): Promise<ReceiptVerification> {
  const receipt = parseReceipt(options.receiptBytes);
  const hash = receiptSha256(receipt);
  const checks: ReceiptCheck[] = [];
  const add = (what: string, outcome: CheckOutcome, detail: string) => checks.push({ what, outcome, detail });

  const keys = options.operatorKeys;
  const manifest = checkManifest(receipt, keys, add);
  checkCounts(receipt, add);
  if (manifest) checkVersions(receipt, manifest, add);
  if (manifest) checkScope(receipt, manifest, add);
  await checkFiles(receipt, options, add);
  const stamped = checkTimestamp(receipt, hash, keys, add);

  const verified = (what: string) => checks.some((c) => c.what === what && c.outcome === 'verified');
  const proves: string[] = [];
  const operatorKey = checks.find((c) => c.what === 'operator key' && c.outcome === 'verified');
  if (operatorKey)
    proves.push(
      `the list used is epoch ${receipt.epoch.id} (created ${receipt.epoch.createdAt}), signed by the operator: ${operatorKey.detail}`,
    );
  else if (verified('manifest signature') && keys.length === 0)
    proves.push(
      `only that the receipt is intact: its manifest is signed by key ${receipt.epoch.signingKeyFingerprint}, the key the receipt itself names, which anyone can make; nothing ties it to the operator`,
    );
  if (verified('input file'))
    proves.push('the file given with --input is the call list that was scrubbed (same SHA-256 and size)');
  if (checks.some((c) => c.what.startsWith('output file') && c.outcome === 'verified'))
    proves.push('the files given with --output are the ones this scrub wrote (same SHA-256)');
  if (stamped)
    proves.push(
      `this receipt existed at ${stamped.time}, when the operator's current epoch was ${stamped.epoch}: the operator countersigned its hash`,
    );
  const doesNotProve = [
    ...(keys.length === 0
      ? [
          'that the operator made the list or the countersignature: no operator key was given (--public-key) or pinned by `pull` (--cache)',
        ]
      : []),
    'that the clean list is what was then called: a receipt says what the tool wrote, not what was dialled',
    "that the tool ran unmodified: the counts, output hashes and times are the company's own statement",
    ...(stamped
      ? [
          'anything before the countersigned time: the scrub itself may have run earlier (startedAt is self-declared)',
        ]
      : [
          'when the scrub ran: without the operator countersignature, the times are self-declared (the receipt could have been written later)',
        ]),
    `that no number is a false positive: about ${receipt.epoch.falsePositiveRate} of free numbers are flagged listed`,
  ];
  const verdict = checks.some((c) => c.outcome === 'failed')
    ? 'failed'
    : keys.length === 0
      ? 'unanchored'
      : 'verified';
  return {
    receiptSha256: hash,
    epoch: receipt.epoch.id,
    checks,
    proves,
    doesNotProve,
    verdict,
    ok: verdict === 'verified',
  };
}
