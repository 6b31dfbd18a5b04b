/**
 * `quietlist keygen`: the operator's keys, as base64 files: the Ed25519 signing pair, the 32-byte hash
 * key and the OPRF key. Existing keys are kept (only missing ones are created) unless --force: a new
 * signing key makes every client that pinned the old one refuse new epochs.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineCommand } from 'citty';
import { KEY_FILES } from '../../config/key-material.ts';
import { fromBase64, toBase64 } from '../../core/base64.ts';
import { HASH_KEY_BYTES } from '../../core/keyed-hash.ts';
import {
  generateSigningKeyPair,
  publicKeyFingerprint,
  signingKeyPairFromSecret,
} from '../../core/signing.ts';
import { createOprfBackend } from '../../oprf/backend.ts';
import { runGuarded } from '../exit-codes.ts';

export const keygenCommand = defineCommand({
  meta: {
    name: 'keygen',
    description: 'Create the signing key pair, the hash key and the OPRF key (files, mode 0600)',
  },
  args: {
    out: { type: 'string', description: 'Directory for the key files', default: '.quietlist/keys' },
    force: {
      type: 'boolean',
      description: 'Replace existing keys (clients pinned to the old public key will refuse new epochs)',
    },
  },
  run: ({ args }) =>
    runGuarded(async () => {
      mkdirSync(args.out, { recursive: true, mode: 0o700 });
      const path = (name: string) => join(args.out, name);
      const keep = (name: string) => !args.force && existsSync(path(name));
      const secret = (name: string, bytes: Uint8Array) =>
        writeFileSync(path(name), `${toBase64(bytes)}\n`, { mode: 0o600 });
      const lines: string[] = [];
      const kept = Object.values(KEY_FILES).filter((name) => name !== KEY_FILES.publicKey && keep(name));

      const signing = keep(KEY_FILES.signingKey)
        ? signingKeyPairFromSecret(
            fromBase64(readFileSync(path(KEY_FILES.signingKey), 'utf8'), 'signing key'),
          )
        : generateSigningKeyPair();
      if (!keep(KEY_FILES.signingKey)) secret(KEY_FILES.signingKey, signing.secretKey);
      writeFileSync(path(KEY_FILES.publicKey), `${toBase64(signing.publicKey)}\n`, { mode: 0o644 });
      lines.push(
        `  ${KEY_FILES.signingKey}  Ed25519 secret key: private; the builder signs manifests with it`,
      );
      lines.push(`  ${KEY_FILES.publicKey}  public key ${toBase64(signing.publicKey)}`);
      lines.push(
        `               fingerprint ${publicKeyFingerprint(signing.publicKey)}: give it to clients to pin`,
      );

      if (!keep(KEY_FILES.hashKey)) secret(KEY_FILES.hashKey, randomBytes(HASH_KEY_BYTES));
      lines.push(`  ${KEY_FILES.hashKey}     hash key: private (published only in --mode open manifests)`);

      if (!keep(KEY_FILES.oprfKey))
        secret(KEY_FILES.oprfKey, (await createOprfBackend({ prefer: 'noble' })).generateKeyPair().secretKey);
      lines.push(
        `  ${KEY_FILES.oprfKey}     OPRF key (--mode oprf): private; the builder and the worker hold it`,
      );

      process.stdout.write(
        `keys in ${args.out}/${kept.length > 0 ? ` (kept existing: ${kept.join(', ')}; --force replaces them)` : ''}\n${lines.join('\n')}\n`,
      );
    }),
});
