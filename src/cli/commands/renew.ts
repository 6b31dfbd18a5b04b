/**
 * `quietlist renew`: re-sign the store's latest.json with a later expiry, without a rebuild
 * (builder/renew-pointer.ts). Cron it, or the nightly build, more often than the pointer lifetime.
 */
import { defineCommand } from 'citty';
import { renewPointer } from '../../builder/renew-pointer.ts';
import { loadFormerPublicKeys, loadSigningKeyPair } from '../../config/key-material.ts';
import { DEFAULT_POINTER_LIFETIME_DAYS } from '../../core/epoch/pointer.ts';
import { runGuarded } from '../exit-codes.ts';
import { storeArgs, storeFromArgs } from '../store-args.ts';
import { parseNumberArg } from './parse-number-arg.ts';

export const renewCommand = defineCommand({
  meta: {
    name: 'renew',
    description:
      'Sign latest.json again with a later expiry, without a rebuild (readers refuse an expired one)',
  },
  args: {
    ...storeArgs,
    keys: { type: 'string', description: 'Directory of keygen files', default: '.quietlist/keys' },
    'signing-key': { type: 'string', description: 'Ed25519 secret key file (or $QUIETLIST_SIGNING_KEY)' },
    'pointer-expiry': {
      type: 'string',
      default: String(DEFAULT_POINTER_LIFETIME_DAYS),
      description: 'Days until readers refuse the renewed latest.json',
    },
    json: { type: 'boolean', description: 'Print the result as JSON' },
  },
  run: ({ args }) =>
    runGuarded(async () => {
      const store = storeFromArgs(args);
      const result = await renewPointer({
        store,
        signingKeys: loadSigningKeyPair({ keysDirectory: args.keys, signingKeyFile: args['signing-key'] }),
        formerPublicKeys: loadFormerPublicKeys(args.keys),
        lifetimeDays: parseNumberArg(args['pointer-expiry'], '--pointer-expiry', { min: 0.01, max: 366 }),
      });
      if (args.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return;
      }
      const lines = [
        `renewed latest.json of ${store.description} (epoch ${result.pointer.epoch}): expires ${result.pointer.expiresAt}`,
        `  signed by ${result.signingKeyFingerprint}; ${result.upgraded ? 'the unsigned pointer of an older store is now signed' : `it expired ${result.previousExpiresAt} before`}`,
        ...(result.retirementsRecorded > 0
          ? [`  wrote ${result.retirementsRecorded} key retirement record(s) (docs/FORMAT.md §6.3)`]
          : []),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    }),
});
