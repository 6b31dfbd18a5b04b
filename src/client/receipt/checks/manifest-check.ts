/**
 * The embedded manifest: that it is the epoch the receipt names, that the key the receipt names signed
 * it (which anyone can arrange), and that an operator key obtained independently signed it (which ties
 * the receipt to the operator). Returns the manifest the later checks compare the receipt with.
 */
import { fromBase64 } from '../../../core/encoding/base64.ts';
import {
  type Manifest,
  manifestSha256,
  parseSignedManifest,
  verifyManifestSignature,
} from '../../../core/epoch/manifest.ts';
import { publicKeyFingerprint } from '../../../core/epoch/signing.ts';
import type { ScrubReceipt } from '../../../core/receipt/receipt.ts';
import type { OperatorKey } from '../operator-keys.ts';
import type { AddCheck } from './receipt-check.ts';

export function checkManifest(receipt: ScrubReceipt, keys: OperatorKey[], add: AddCheck): Manifest | null {
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
