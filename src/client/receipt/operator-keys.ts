/**
 * The operator keys a receipt is verified against, obtained independently of the receipt: the key
 * given (`--public-key`), and the key `pull` pinned in the cache with the keys it followed a rotation
 * from along the signed chain (core/epoch/key-chain.ts). A receipt made before a rotation is signed by
 * a former key: it verifies because the cache followed the chain from it. A given key the cache does
 * not follow is trusted alone; the receipt's own key never is.
 */
import { fromBase64, toBase64 } from '../../core/encoding/base64.ts';
import { CacheLayout, pinFollows, readCurrentPointer } from '../cache/cache-layout.ts';

export interface OperatorKey {
  key: Uint8Array;
  /** Where it comes from, for the report: "the key you gave", "pinned by pull in DIR"… */
  source: string;
}

export async function operatorKeysFor(options: {
  given?: Uint8Array;
  cacheDirectory: string;
}): Promise<OperatorKey[]> {
  const layout = new CacheLayout(options.cacheDirectory);
  const pointer = await readCurrentPointer(layout).catch(() => null);
  const keys: OperatorKey[] = [];
  const add = (key: Uint8Array, source: string) => {
    if (!keys.some((known) => toBase64(known.key) === toBase64(key))) keys.push({ key, source });
  };
  if (options.given) add(options.given, 'the key you gave');
  const follows = pointer !== null && (!options.given || pinFollows(pointer, toBase64(options.given)));
  if (pointer && follows) {
    add(fromBase64(pointer.publicKey, 'cached public key'), `the key pull pinned in ${layout.root}`);
    for (const former of pointer.formerKeys ?? []) {
      add(
        fromBase64(former, 'cached former key'),
        `a key pull followed a signed rotation from (pinned in ${layout.root})`,
      );
    }
  }
  return keys;
}
