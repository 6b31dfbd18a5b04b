/** `quietlist check NUMBER...`: listed / not listed / invalid for each number, from the latest epoch of a store. */
import { defineCommand } from 'citty';
import { createNodeHasher } from '../../builder/node-hasher.ts';
import { readLatestSignedManifest, storeShardLoader } from '../../client/store-epoch.ts';
import { loadHashKey, loadPublicKey } from '../../config/key-material.ts';
import { hasherForManifest } from '../../core/epoch-hasher.ts';
import { QuietlistError } from '../../core/errors.ts';
import { checkNumbers } from '../../core/membership.ts';
import { EXIT, runGuarded } from '../exit-codes.ts';
import { storeArgs, storeFromArgs } from '../store-args.ts';

export const checkCommand = defineCommand({
  meta: { name: 'check', description: 'Check numbers against the latest published epoch of a store' },
  args: {
    numbers: { type: 'positional', description: 'Phone numbers, in any spelling', required: true },
    ...storeArgs,
    keys: {
      type: 'string',
      description: 'Directory of keygen files (public key; hash key for secret mode)',
      default: '.quietlist/keys',
    },
    'public-key': { type: 'string', description: "The operator's public key (base64) or a file holding it" },
    'hash-key': { type: 'string', description: 'Hash key file, for epochs built in secret mode' },
    json: { type: 'boolean', description: 'Print JSON' },
  },
  run: ({ args }) =>
    runGuarded(async () => {
      const numbers = args._.length > 0 ? args._ : [args.numbers];
      if (numbers.length === 0) throw new QuietlistError('INVALID_ARGUMENT', 'give at least one number');
      const store = storeFromArgs(args);
      const signed = await readLatestSignedManifest(
        store,
        loadPublicKey({ keysDirectory: args.keys, publicKey: args['public-key'] }),
      );
      const { manifest } = signed;
      const secretKey =
        manifest.mode === 'secret'
          ? loadHashKey({ keysDirectory: args.keys, hashKeyFile: args['hash-key'] })
          : undefined;
      const hasher = hasherForManifest(manifest, secretKey, createNodeHasher);
      const results = await checkNumbers(numbers, manifest, hasher, storeShardLoader(store, manifest));
      if (args.json) {
        const output = {
          epoch: manifest.epoch,
          falsePositiveRate: manifest.filter.falsePositiveRate,
          results: results.map((result, i) => ({ input: i, ...result })),
        };
        process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
      } else {
        // Echoing the caller's own numbers back to the caller's terminal is the point of this command.
        results.forEach((result, i) => {
          const verdict =
            result.status === 'invalid'
              ? `invalid (${result.message})`
              : result.status === 'listed'
                ? 'LISTED: do not call'
                : 'not listed';
          process.stdout.write(`${numbers[i]}\t${verdict}\n`);
        });
        process.stdout.write(
          `epoch ${manifest.epoch}, false-positive rate ${manifest.filter.falsePositiveRate}\n`,
        );
      }
      return results.some((result) => result.status === 'invalid') ? EXIT.data : EXIT.ok;
    }),
});
