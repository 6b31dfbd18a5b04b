/**
 * Builds a scrub receipt (receipt.ts describes it) from a verified epoch and what the scrub wrote:
 * the signed manifest, the hashes of the input and of every output, counts, versions and times.
 * Never a number. Runtime-neutral: the CLI (client/scrub/receipt.ts) and the browser page build
 * receipts through here, so both verify with `quietlist receipt verify`.
 */
import { toBase64 } from '../encoding/base64.ts';
import type { SignedManifest } from '../epoch/manifest.ts';
import { NORMALIZATION_SCHEME, NORMALIZATION_VERSION } from '../phone/normalize.ts';
import { ANY_SCOPE, type ScopeQuery } from '../scopes/scope-labels.ts';
import {
  RECEIPT_FORMAT,
  RECEIPT_VERSION,
  type ReceiptFileSummary,
  type ReceiptList,
  type ScrubReceipt,
} from './receipt.ts';

/** The epoch as the scrub verified it. */
export interface ReceiptEpoch {
  signed: SignedManifest;
  manifestSha256: string;
  /** The key the manifest verified under. */
  publicKey: Uint8Array;
  /** Where it came from: the cache's source, or the page's origin. */
  source: string;
}

export interface ReceiptScrubResult {
  counts: ScrubReceipt['counts'];
  invalidByReason: Partial<Record<string, number>>;
  input: { bytes: number; sha256: string };
  outputs: { clean: ReceiptFileSummary; listed?: ReceiptFileSummary; rejects?: ReceiptFileSummary };
}

export function buildScrubReceipt(args: {
  epoch: ReceiptEpoch;
  toolVersion: string;
  inputName: string;
  settings: ScrubReceipt['settings'];
  result: ReceiptScrubResult;
  /** How the numbers were checked, when a worker took part: blinded (oprf) or in the clear (online). */
  checkedWith?: { kind: 'worker' | 'online'; url: string };
  /** Every list checked against, the first being `epoch`'s (a scrub of several lists, or of a live one). */
  lists?: ReceiptList[];
  /** Scoped epochs: the channel and sector checked (default any). */
  scope?: ScopeQuery;
  /** Partitioned epochs: the partitions held (default every one the epoch lists). */
  partitions?: readonly string[];
  startedAt: Date;
  finishedAt: Date;
}): ScrubReceipt {
  const { epoch, result } = args;
  const { manifest, signature } = epoch.signed;
  const scope = manifest.register?.scopes ? (args.scope ?? ANY_SCOPE) : undefined;
  const partitions = manifest.partitions
    ? [...(args.partitions ?? manifest.partitions.map((partition) => partition.id))].sort()
    : undefined;
  // The first list is the embedded epoch's: it answered for the receipt's own scope and partitions.
  const firstList = {
    ...(scope ? { scope: { channel: scope.channel, sector: scope.sector } } : {}),
    ...(partitions ? { partitions } : {}),
  };
  return {
    format: RECEIPT_FORMAT,
    version: RECEIPT_VERSION,
    tool: { name: 'quietlist', version: args.toolVersion },
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
      signingKeyFingerprint: signature.keyFingerprint,
      signingPublicKey: toBase64(epoch.publicKey),
      source: epoch.source,
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
    ...(scope ? { scope: { channel: scope.channel, sector: scope.sector } } : {}),
    ...(partitions ? { partitions } : {}),
    counts: result.counts,
    invalidByReason: result.invalidByReason as Record<string, number>,
    // The three outputs a finished scrub writes (a scrub that left rows unchecked gets no receipt).
    outputs: JSON.parse(
      JSON.stringify({
        clean: result.outputs.clean,
        listed: result.outputs.listed,
        rejects: result.outputs.rejects,
      }),
    ) as ScrubReceipt['outputs'],
    ...(args.lists
      ? { lists: args.lists.map((list, i) => (i === 0 ? { ...list, ...firstList } : list)) }
      : {}),
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
