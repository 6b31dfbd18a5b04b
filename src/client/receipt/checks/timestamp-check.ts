/**
 * The operator's countersignature of the receipt's hash (POST /v1/receipts): it proves when the
 * receipt existed and which epoch was then in force, checked against the operator keys only, through
 * the timestamp key the signing key certified. Returns the time and epoch it vouches for.
 */
import type { ScrubReceipt } from '../../../core/receipt/receipt.ts';
import { parseReceiptTimestamp, verifyReceiptTimestamp } from '../../../core/receipt/timestamp.ts';
import type { OperatorKey } from '../operator-keys.ts';
import type { AddCheck } from './receipt-check.ts';

export function checkTimestamp(
  receipt: ScrubReceipt,
  hash: string,
  keys: OperatorKey[],
  add: AddCheck,
): { time: string; epoch: string } | null {
  if (receipt.timestamp === undefined) {
    add(
      'operator timestamp',
      'not checked',
      'the receipt has no countersignature (scrub --worker asks for one)',
    );
    return null;
  }
  let stamp: ReturnType<typeof parseReceiptTimestamp>;
  try {
    stamp = parseReceiptTimestamp(receipt.timestamp);
  } catch (error) {
    add('operator timestamp', 'failed', (error as Error).message);
    return null;
  }
  const { claim } = stamp;
  if (claim.receiptSha256 !== hash) {
    add(
      'operator timestamp',
      'failed',
      `it countersigns receipt ${claim.receiptSha256}, not this one (${hash})`,
    );
    return null;
  }
  if (keys.length === 0) {
    add('operator timestamp', 'not checked', 'no operator key to check the countersignature against');
    return null;
  }
  const verdict = verifyReceiptTimestamp(
    stamp,
    keys.map((k) => k.key),
  );
  if (!verdict.ok) {
    add(
      'operator timestamp',
      'failed',
      verdict.reason === 'untrusted'
        ? `${verdict.detail}: not the operator's countersignature (after a rotation, \`pull\` first to follow the signed chain)`
        : verdict.detail,
    );
    return null;
  }
  const sameEpoch = claim.epoch === receipt.epoch.id;
  add(
    'operator timestamp',
    'verified',
    `countersigned at ${claim.time} by ${verdict.signer}; ` +
      (sameEpoch
        ? `epoch ${claim.epoch} was then the current list`
        : `the current list was then epoch ${claim.epoch} (manifest ${claim.manifestSha256}), newer than the one used`),
  );
  if (!sameEpoch) {
    add(
      'list in force',
      'not checked',
      `the scrub used epoch ${receipt.epoch.id}, not the epoch current at the countersignature (${claim.epoch}): pull more often`,
    );
  }
  return { time: claim.time, epoch: claim.epoch };
}
