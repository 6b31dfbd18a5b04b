/**
 * `receipt verify`: every check a receipt allows offline, each with its outcome, and in plain words
 * what the whole proves and what it cannot. Everything is tied to operator keys obtained independently
 * of the receipt (given, or pinned by `pull` with the keys it followed a rotation from:
 * operator-keys.ts), never to the key the receipt names: a receipt whose manifest and countersignature
 * were re-signed by someone else verifies under that someone's key. Without an operator key the verdict
 * is "not verified"; a failed check is data refused; a check that needs something not given (the
 * files) is "not checked", never "verified".
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { fromBase64 } from '../../core/encoding/base64.ts';
import {
  type Manifest,
  manifestSha256,
  parseSignedManifest,
  verifyManifestSignature,
} from '../../core/epoch/manifest.ts';
import { publicKeyFingerprint } from '../../core/epoch/signing.ts';
import { QuietlistError } from '../../core/errors.ts';
import { parseReceipt, receiptSha256, type ScrubReceipt } from '../../core/receipt/receipt.ts';
import { parseReceiptTimestamp, verifyReceiptTimestamp } from '../../core/receipt/timestamp.ts';
import type { OperatorKey } from './operator-keys.ts';

export type CheckOutcome = 'verified' | 'failed' | 'not checked';

export interface ReceiptCheck {
  what: string;
  outcome: CheckOutcome;
  detail: string;
}

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

type Add = (what: string, outcome: CheckOutcome, detail: string) => void;

function checkManifest(receipt: ScrubReceipt, keys: OperatorKey[], add: Add): Manifest | null {
  let signed: ReturnType<typeof parseSignedManifest>;
  try {
    signed = parseSignedManifest({ json: receipt.signedManifest });
  } catch (error) {
    add('embedded manifest', 'failed', (error as Error).message);
    return null;
  }
  const { manifest } = signed;
  const sha = manifestSha256(manifest);
  const matches =
    sha === receipt.epoch.manifestSha256 &&
    manifest.epoch === receipt.epoch.id &&
    manifest.createdAt === receipt.epoch.createdAt &&
    manifest.mode === receipt.epoch.mode &&
    manifest.filter.falsePositiveRate === receipt.epoch.falsePositiveRate;
  add(
    'embedded manifest',
    matches ? 'verified' : 'failed',
    matches
      ? `manifest of epoch ${manifest.epoch}, SHA-256 ${sha}`
      : `the embedded manifest (epoch ${manifest.epoch}, SHA-256 ${sha}) is not the epoch the receipt names`,
  );
  let receiptKey: Uint8Array | null = null;
  try {
    receiptKey = fromBase64(receipt.epoch.signingPublicKey, 'epoch.signingPublicKey');
    verifyManifestSignature(signed, receiptKey);
    add('manifest signature', 'verified', `Ed25519 signature by key ${publicKeyFingerprint(receiptKey)}`);
  } catch (error) {
    add('manifest signature', 'failed', (error as Error).message);
  }
  const signer = signed.signature.keyFingerprint;
  if (keys.length === 0) {
    add(
      'operator key',
      'not checked',
      `no operator key to check key ${signer} against: give --public-key (the operator's key, from its status page) or run where \`pull\` pinned it (--cache DIR)`,
    );
    return manifest;
  }
  const trusted = keys.find((candidate) => publicKeyFingerprint(candidate.key) === signer);
  if (!trusted) {
    add(
      'operator key',
      'failed',
      `the manifest is signed by key ${signer}, none of the operator keys (${keys.map((k) => `${publicKeyFingerprint(k.key)}: ${k.source}`).join('; ')}); if the operator rotated keys since, \`pull\` follows the signed chain to the new key, then verify again (docs/OPERATIONS.md)`,
    );
    return manifest;
  }
  try {
    verifyManifestSignature(signed, trusted.key);
    add('operator key', 'verified', `key ${signer}, ${trusted.source}`);
  } catch (error) {
    add('operator key', 'failed', (error as Error).message);
  }
  return manifest;
}

function checkCounts(receipt: ScrubReceipt, add: Add): void {
  const { counts, outputs, settings, invalidByReason } = receipt;
  const problems: string[] = [];
  if (counts.rows !== counts.listed + counts.clean + counts.invalid)
    problems.push('rows ≠ listed + clean + invalid');
  const reasons = Object.values(invalidByReason).reduce((sum, n) => sum + n, 0);
  if (reasons !== counts.invalid) problems.push('the invalid rows by reason do not add up to invalid');
  const cleanRows = settings.mode === 'flag' ? counts.rows : counts.clean;
  if (outputs.clean.rows !== cleanRows)
    problems.push(`the clean output has ${outputs.clean.rows} rows, not ${cleanRows}`);
  if (outputs.listed && outputs.listed.rows !== counts.listed)
    problems.push('the listed output row count differs');
  if (outputs.rejects && outputs.rejects.rows !== counts.invalid)
    problems.push('the rejects output row count differs');
  if (Date.parse(receipt.finishedAt) < Date.parse(receipt.startedAt))
    problems.push('finishedAt is before startedAt');
  const lists = receipt.lists;
  if (lists) {
    // docs/FORMAT.md §13.6: the first list is the receipt's epoch; each list's rows are some of the listed ones.
    const first = lists[0]!;
    if (first.epoch !== receipt.epoch.id || first.manifestSha256 !== receipt.epoch.manifestSha256)
      problems.push("the first of lists is not the receipt's epoch");
    const most = Math.max(...lists.map((list) => list.listed));
    const all = lists.reduce((sum, list) => sum + list.listed, 0);
    if (most > counts.listed || all < counts.listed)
      problems.push("the lists' listed rows do not account for listed");
  }
  add(
    'counts and times',
    problems.length === 0 ? 'verified' : 'failed',
    problems.length === 0
      ? `rows ${counts.rows} = listed ${counts.listed} + clean ${counts.clean} + invalid ${counts.invalid}; outputs agree`
      : problems.join('; '),
  );
}

/**
 * Scopes and partitions (docs/FORMAT.md §13.6 step 6a): the receipt names them exactly when the epoch has
 * them, with codes the epoch's register declares and partitions it lists or could list.
 */
function checkScope(receipt: ScrubReceipt, manifest: Manifest, add: Add): void {
  const scopes = manifest.register?.scopes;
  const problems: string[] = [];
  if ((receipt.scope === undefined) !== (scopes === undefined))
    problems.push(
      scopes ? 'the epoch declares scopes but the receipt names none' : 'the epoch declares no scopes',
    );
  if (receipt.scope && scopes) {
    const { channel, sector } = receipt.scope;
    if (channel !== null && !scopes.channels.some((choice) => choice.code === channel))
      problems.push(`channel ${channel} is not the register's`);
    if (sector !== null && !scopes.sectors.some((choice) => choice.code === sector))
      problems.push(`sector ${sector} is not the register's`);
  }
  const rule = manifest.register?.partition;
  if ((receipt.partitions === undefined) !== (rule === undefined))
    problems.push(
      rule ? 'the epoch is partitioned but the receipt names no partitions' : 'the epoch is not partitioned',
    );
  if (receipt.partitions && rule && receipt.partitions.some((id) => id.length !== rule.digits))
    problems.push(`a partition is not ${rule.digits} digits`);
  // The first of `lists` is the embedded epoch: what it names, it names as the receipt does.
  const first = receipt.lists?.[0];
  if (
    first?.scope &&
    (first.scope.channel !== receipt.scope?.channel || first.scope.sector !== receipt.scope?.sector)
  )
    problems.push("the first of lists names another scope than the receipt's");
  if (first?.partitions && first.partitions.join(' ') !== receipt.partitions?.join(' '))
    problems.push("the first of lists names other partitions than the receipt's");
  // Nothing to say of an epoch without either, unless the receipt names them anyway.
  if (!scopes && !rule && problems.length === 0) return;
  const what = [
    receipt.scope
      ? `checked for ${receipt.scope.channel ?? 'any channel'} / ${receipt.scope.sector ?? 'any sector'}`
      : '',
    receipt.partitions ? `${rule?.name ?? 'partition'}s ${receipt.partitions.join(' ') || 'none'}` : '',
  ].filter(Boolean);
  add(
    'scope and partitions',
    problems.length === 0 ? 'verified' : 'failed',
    problems.join('; ') || what.join('; '),
  );
}

function checkVersions(receipt: ScrubReceipt, manifest: Manifest, add: Add): void {
  const builder = manifest.normalization;
  const scheme = builder.scheme ?? 1;
  const sameScheme = scheme === receipt.normalization.scheme;
  const sameMetadata = builder.version === receipt.normalization.version;
  add(
    'normaliser',
    sameScheme ? 'verified' : 'failed',
    `client ${receipt.tool.name} ${receipt.tool.version}, ${receipt.normalization.library} ${receipt.normalization.version} scheme ${receipt.normalization.scheme}; ` +
      `list built with ${builder.version} scheme ${scheme}` +
      (sameMetadata
        ? ''
        : ' (metadata versions differ: numbers of a changed numbering plan may be read differently)'),
  );
}

async function checkFiles(receipt: ScrubReceipt, options: VerifyReceiptOptions, add: Add): Promise<void> {
  if (options.inputFile === undefined) {
    add('input file', 'not checked', 'give --input FILE to compare the call list with its recorded SHA-256');
  } else {
    const file = await hashFile(options.inputFile);
    const same = file.sha256 === receipt.input.sha256 && file.bytes === receipt.input.bytes;
    add(
      'input file',
      same ? 'verified' : 'failed',
      same
        ? `${options.inputFile}: SHA-256 ${file.sha256}, ${file.bytes} bytes`
        : `${options.inputFile} is not the scrubbed input (SHA-256 ${file.sha256}, ${file.bytes} bytes; the receipt has ${receipt.input.sha256}, ${receipt.input.bytes} bytes)`,
    );
  }
  const outputs = Object.entries(receipt.outputs).filter(([, summary]) => summary !== undefined);
  for (const path of options.outputFiles ?? []) {
    const file = await hashFile(path);
    const match = outputs.find(
      ([, summary]) => summary!.sha256 === file.sha256 && summary!.bytes === file.bytes,
    );
    add(
      `output file ${path}`,
      match ? 'verified' : 'failed',
      match
        ? `the ${match[0]} output (${match[1]!.rows} rows), SHA-256 ${file.sha256}`
        : `SHA-256 ${file.sha256} matches none of the outputs (${outputs.map(([name]) => name).join(', ')})`,
    );
  }
}

function checkTimestamp(
  receipt: ScrubReceipt,
  hash: string,
  keys: OperatorKey[],
  add: Add,
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

async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const info = await stat(path).catch(() => {
    throw new QuietlistError('INVALID_ARGUMENT', `cannot read ${path}`);
  });
  if (!info.isFile()) throw new QuietlistError('INVALID_ARGUMENT', `${path} is not a file`);
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return { sha256: hash.digest('hex'), bytes: info.size };
}
