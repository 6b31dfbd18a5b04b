/** `quietlist keygen`: the operator's Ed25519 signing pair and the 32-byte hash key, as base64 files. */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineCommand } from 'citty';
import { KEY_FILES } from '../../config/key-material.ts';
import { toBase64 } from '../../core/base64.ts';
import { QuietlistError } from '../../core/errors.ts';
import { HASH_KEY_BYTES } from '../../core/keyed-hash.ts';
import { generateSigningKeyPair, publicKeyFingerprint } from '../../core/signing.ts';
import { runGuarded } from '../exit-codes.ts';

export const keygenCommand = defineCommand({
  meta: {
    name: 'keygen',
    description: 'Create the signing key pair and the hash key in a directory (mode 0600)',
  },
  args: {
    out: { type: 'string', description: 'Directory for the key files', default: '.quietlist/keys' },
    force: {
      type: 'boolean',
      description: 'Overwrite existing keys (clients pinned to the old public key will refuse new epochs)',
    },
  },
  run: ({ args }) =>
    runGuarded(async () => {
      const paths = Object.values(KEY_FILES).map((name) => join(args.out, name));
      const existing = paths.filter((path) => existsSync(path));
      if (existing.length > 0 && !args.force) {
        throw new QuietlistError(
          'INVALID_ARGUMENT',
          `keys already exist (${existing.join(', ')}); pass --force to replace them`,
        );
      }
      mkdirSync(args.out, { recursive: true, mode: 0o700 });
      const { secretKey, publicKey } = generateSigningKeyPair();
      writeFileSync(join(args.out, KEY_FILES.signingKey), `${toBase64(secretKey)}\n`, { mode: 0o600 });
      writeFileSync(join(args.out, KEY_FILES.hashKey), `${toBase64(randomBytes(HASH_KEY_BYTES))}\n`, {
        mode: 0o600,
      });
      writeFileSync(join(args.out, KEY_FILES.publicKey), `${toBase64(publicKey)}\n`, { mode: 0o644 });
      process.stdout.write(
        `keys written to ${args.out}/\n` +
          `  ${KEY_FILES.signingKey}  Ed25519 secret key: keep it private, the builder signs with it\n` +
          `  ${KEY_FILES.hashKey}     hash key: keep it private (published only in --mode open manifests)\n` +
          `  ${KEY_FILES.publicKey}  public key ${toBase64(publicKey)}\n` +
          `                fingerprint ${publicKeyFingerprint(publicKey)}: give it to clients to pin\n`,
      );
    }),
});
