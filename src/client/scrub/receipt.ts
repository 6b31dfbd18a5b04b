/**
 * Builds the scrub receipt (core/receipt.ts describes it): the signed manifest of the epoch used, the
 * hashes of the input and of every output, counts, versions and times. Never a number.
 */
import { toBase64 } from '../../core/base64.ts';
import { NORMALIZATION_SCHEME, NORMALIZATION_VERSION } from '../../core/phone.ts';
import { RECEIPT_FORMAT, RECEIPT_VERSION, type ScrubReceipt } from '../../core/receipt.ts';
import type { CachedEpoch } from '../cached-epoch.ts';
import { toolVersion } from '../tool-version.ts';
import type { CsvScrubResult } from './csv-scrub.ts';

export type { ScrubReceipt } from '../../core/receipt.ts';

export function buildReceipt(args: {
  epoch: CachedEpoch;
  inputName: string;
  settings: ScrubReceipt['settings'];
  result: Pick<CsvScrubResult, 'counts' | 'invalidByReason' | 'input' | 'outputs'>;
  /** How the numbers were checked, when a worker took part: blinded (oprf) or in the clear (online). */
  checkedWith?: { kind: 'worker' | 'online'; url: string };
  startedAt: Date;
  finishedAt: Date;
}): ScrubReceipt {
  const { epoch, result } = args;
  const { manifest } = epoch;
  return {
    format: RECEIPT_FORMAT,
    version: RECEIPT_VERSION,
    tool: { name: 'quietlist', version: toolVersion() },
    normalization: {
      library: 'libphonenumber-js',
      version: NORMALIZATION_VERSION,
      scheme: NORMALIZATION_SCHEME,
    },
    startedAt: args.startedAt.toISOString(),
    finishedAt: args.finishedAt.toISOString(),
    epoch: {
      id: manifest.epoch,
      createdAt: manifest.createdAt,
      manifestSha256: epoch.manifestSha256,
      signingKeyFingerprint: epoch.keyFingerprint,
      signingPublicKey: toBase64(epoch.publicKey),
      source: epoch.pointer.source,
      mode: manifest.mode,
      falsePositiveRate: manifest.filter.falsePositiveRate,
    },
    signedManifest: epoch.signed,
    checkedWith:
      args.checkedWith === undefined
        ? { kind: 'local' }
        : { kind: args.checkedWith.kind, url: withoutCredentials(args.checkedWith.url) },
    input: { name: args.inputName, bytes: result.input.bytes, sha256: result.input.sha256 },
    settings: args.settings,
    counts: result.counts,
    invalidByReason: result.invalidByReason as Record<string, number>,
    outputs: JSON.parse(JSON.stringify(result.outputs)) as ScrubReceipt['outputs'],
  };
}

function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}
