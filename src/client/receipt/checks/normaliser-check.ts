/**
 * The client's number normaliser against the one the list was built with: another scheme reads numbers
 * into other keys (a listed number could have been answered clean); other metadata versions only may.
 */
import type { Manifest } from '../../../core/epoch/manifest.ts';
import type { ScrubReceipt } from '../../../core/receipt/receipt.ts';
import type { AddCheck } from './receipt-check.ts';

export function checkVersions(receipt: ScrubReceipt, manifest: Manifest, add: AddCheck): void {
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
