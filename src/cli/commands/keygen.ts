/**
 * `quietlist keygen`: the operator's keys, as base64 files: the Ed25519 signing pair, the 32-byte hash
 * key, the OPRF key, and the timestamp pair that countersigns receipts on the servers with the signing
 * key's certificate of it (timestamp.cert: core/receipt/timestamp-key.ts), so servers never need the
 * signing key. Missing keys are created (and the certificate renewed when it is not the current
 * signing key's of the current timestamp key); an existing key is never replaced, except one at a time
 * with `--rotate signing|hash|oprf|timestamp`, which keeps the old file as `<name>.<date>.old` and says
 * what the rotation asks of the next build and of the servers (docs/OPERATIONS.md). The old signing
 * secret key is set aside as `signing.key.<date>.retiring`: it signs one announcing build, then must be
 * deleted (whoever holds a retired key must not be able to sign anything readers would take).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineCommand } from 'citty';
import { KEY_FILES } from '../../config/key-material.ts';
import { HASH_KEY_BYTES } from '../../core/digest/keyed-hash.ts';
import { fromBase64, toBase64 } from '../../core/encoding/base64.ts';
import {
  generateSigningKeyPair,
  publicKeyFingerprint,
  signingKeyPairFromSecret,
} from '../../core/epoch/signing.ts';
import { QuietlistError } from '../../core/errors.ts';
import {
  certifiedBy,
  certifiedKey,
  certifyTimestampKey,
  parseTimestampKeyCertificate,
} from '../../core/receipt/timestamp-key.ts';
import { createOprfBackend } from '../../oprf/backend.ts';
import { runGuarded } from '../exit-codes.ts';

const ROTATABLE = ['signing', 'hash', 'oprf', 'timestamp'] as const;
type Rotatable = (typeof ROTATABLE)[number];

export const keygenCommand = defineCommand({
  meta: {
    name: 'keygen',
    description:
      'Create the missing operator keys (signing pair, hash key, OPRF key, list seed, additions key), or rotate one of them',
  },
  args: {
    out: { type: 'string', description: 'Directory for the key files', default: '.quietlist/keys' },
    rotate: {
      type: 'string',
      description:
        'Replace one key: signing, hash, oprf or timestamp; the old file is kept as <name>.<date>.old (docs/OPERATIONS.md)',
    },
    force: {
      type: 'boolean',
      description: 'Refused: keys are replaced one at a time with --rotate',
    },
  },
  run: ({ args }) =>
    runGuarded(async () => {
      const rotate = args.rotate as Rotatable | undefined;
      if (rotate !== undefined && !ROTATABLE.includes(rotate)) {
        throw new QuietlistError(
          'INVALID_ARGUMENT',
          `--rotate takes signing, hash, oprf or timestamp, not ${rotate}`,
        );
      }
      if (args.force && rotate === undefined) {
        throw new QuietlistError(
          'INVALID_ARGUMENT',
          '--force no longer replaces every key at once (clients would refuse every new epoch): rotate one key with --rotate signing|hash|oprf|timestamp (docs/OPERATIONS.md)',
        );
      }
      mkdirSync(args.out, { recursive: true, mode: 0o700 });
      const path = (name: string) => join(args.out, name);
      const secret = (name: string, bytes: Uint8Array) =>
        writeFileSync(path(name), `${toBase64(bytes)}\n`, { mode: 0o600, flag: 'wx' });
      const retired: string[] = [];
      if (rotate !== undefined) {
        // A new signing key certifies the timestamp key anew: the old certificate is kept as .old too.
        const names = {
          signing: [KEY_FILES.signingKey, KEY_FILES.publicKey, KEY_FILES.timestampCertificate],
          hash: [KEY_FILES.hashKey],
          oprf: [KEY_FILES.oprfKey],
          timestamp: [KEY_FILES.timestampKey, KEY_FILES.timestampPublicKey, KEY_FILES.timestampCertificate],
        }[rotate];
        if (!existsSync(path(names[0]!))) {
          throw new QuietlistError(
            'INVALID_ARGUMENT',
            `there is no ${path(names[0]!)} to rotate: run keygen without --rotate`,
          );
        }
        const suffix = oldSuffix(args.out, names);
        for (const name of names) {
          if (!existsSync(path(name))) continue;
          const aside = `${name}${name === KEY_FILES.signingKey ? retiringSuffix(suffix) : suffix}`;
          renameSync(path(name), path(aside));
          retired.push(aside);
        }
      }
      const created: string[] = [];
      const kept: string[] = [];
      const ensure = async (name: string, make: () => Uint8Array | Promise<Uint8Array>) => {
        if (existsSync(path(name))) return kept.push(name);
        secret(name, await make());
        created.push(name);
      };
      await ensure(KEY_FILES.signingKey, () => generateSigningKeyPair().secretKey);
      const signing = signingKeyPairFromSecret(
        fromBase64(readFileSync(path(KEY_FILES.signingKey), 'utf8'), 'signing key'),
      );
      writeFileSync(path(KEY_FILES.publicKey), `${toBase64(signing.publicKey)}\n`, { mode: 0o644 });
      await ensure(KEY_FILES.hashKey, () => randomBytes(HASH_KEY_BYTES));
      await ensure(
        KEY_FILES.oprfKey,
        async () => (await createOprfBackend({ prefer: 'noble' })).generateKeyPair().secretKey,
      );
      await ensure(KEY_FILES.listSeed, () => randomBytes(32));
      await ensure(KEY_FILES.additionsKey, () => generateSigningKeyPair().secretKey);
      const additions = signingKeyPairFromSecret(
        fromBase64(readFileSync(path(KEY_FILES.additionsKey), 'utf8'), 'additions key'),
      );
      writeFileSync(path(KEY_FILES.additionsPublicKey), `${toBase64(additions.publicKey)}\n`, {
        mode: 0o644,
      });
      await ensure(KEY_FILES.timestampKey, () => generateSigningKeyPair().secretKey);
      const timestamp = signingKeyPairFromSecret(
        fromBase64(readFileSync(path(KEY_FILES.timestampKey), 'utf8'), 'timestamp key'),
      );
      writeFileSync(path(KEY_FILES.timestampPublicKey), `${toBase64(timestamp.publicKey)}\n`, {
        mode: 0o644,
      });
      if (!certificateHolds(path(KEY_FILES.timestampCertificate), timestamp.publicKey, signing.publicKey)) {
        const certificate = certifyTimestampKey(timestamp.publicKey, new Date(), signing);
        writeFileSync(path(KEY_FILES.timestampCertificate), `${JSON.stringify(certificate, null, 2)}\n`, {
          mode: 0o644,
        });
        created.push(KEY_FILES.timestampCertificate);
      } else kept.push(KEY_FILES.timestampCertificate);

      const lines = [
        `keys in ${args.out}/` +
          (created.length > 0 ? ` (created: ${created.join(', ')})` : '') +
          (kept.length > 0 ? ` (kept: ${kept.join(', ')})` : ''),
        `  ${KEY_FILES.signingKey}  Ed25519 secret key: private; the builder signs manifests with it`,
        `  ${KEY_FILES.publicKey}  public key ${toBase64(signing.publicKey)}`,
        `               fingerprint ${publicKeyFingerprint(signing.publicKey)}: give it to clients to pin`,
        `  ${KEY_FILES.hashKey}     hash key: private (published only in --mode open manifests)`,
        `  ${KEY_FILES.oprfKey}     OPRF key (--mode oprf): private; the builder and the worker hold it`,
        `  ${KEY_FILES.listSeed} list seed: private; the keys of every list but the default one derive from it (builder and worker)`,
        `  ${KEY_FILES.additionsKey} additions key: private; the worker signs live additions with it (${KEY_FILES.additionsPublicKey}: live builds announce it)`,
        `  ${KEY_FILES.timestampKey} timestamp key: private; servers countersign receipt hashes with it, never with signing.key`,
        `  ${KEY_FILES.timestampCertificate} the signing key's certificate of ${KEY_FILES.timestampPublicKey} (fingerprint ${publicKeyFingerprint(timestamp.publicKey)}): give both to servers`,
        ...(retired.length > 0 ? [`  kept the old key as ${retired.join(', ')}`] : []),
        ...(rotate ? nextSteps(rotate, args.out, retired) : []),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    }),
});

/** Whether the certificate at `path` is the signing key's certificate of this timestamp key. */
function certificateHolds(path: string, timestampKey: Uint8Array, signingKey: Uint8Array): boolean {
  if (!existsSync(path)) return false;
  try {
    const certificate = parseTimestampKeyCertificate(JSON.parse(readFileSync(path, 'utf8')));
    return (
      publicKeyFingerprint(certifiedKey(certificate)) === publicKeyFingerprint(timestampKey) &&
      certifiedBy(certificate, signingKey)
    );
  } catch {
    return false;
  }
}

/** `.<YYYY-MM-DD>.old`, or `.<date>-2.old`… when a rotation of the same day already used it. */
function oldSuffix(directory: string, names: string[]): string {
  const date = new Date().toISOString().slice(0, 10);
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? `.${date}.old` : `.${date}-${n}.old`;
    const free = (name: string) =>
      !existsSync(join(directory, `${name}${suffix}`)) &&
      !existsSync(join(directory, `${name}${retiringSuffix(suffix)}`));
    if (names.every(free)) return suffix;
  }
}

/** The old signing secret is labelled for what it is still good for: one announcing build. */
function retiringSuffix(oldSuffix: string): string {
  return oldSuffix.replace(/\.old$/, '.retiring');
}

function nextSteps(rotate: Rotatable, out: string, retired: string[]): string[] {
  if (rotate === 'signing') {
    const oldKey = join(out, retired[0]!);
    return [
      'next (docs/OPERATIONS.md, "Rotating the signing key"):',
      '  1. one build signed by the OLD key that announces the new one (readers follow the signed chain):',
      `     quietlist build … --keys ${out} --signing-key ${oldKey} --announce-next-key ${join(out, KEY_FILES.publicKey)}`,
      `  2. as soon as it has published, delete the old secret key: rm ${oldKey}`,
      `     (every later build and \`quietlist renew\` signs with the new key; the first epoch it signs retires the old key for every reader)`,
      `  3. set QUIETLIST_PUBLIC_KEY of every server (and the key clients pin) to the new ${KEY_FILES.publicKey}, fingerprint above,`,
      `     and give servers the new ${KEY_FILES.timestampCertificate} (the new key's certificate of the same timestamp key);`,
      '     until then servers and clients follow the chain, and refuse the old key once retired',
    ];
  }
  if (rotate === 'timestamp') {
    return [
      `next: give servers the new ${KEY_FILES.timestampKey} and ${KEY_FILES.timestampCertificate} (QUIETLIST_TIMESTAMP_KEY, QUIETLIST_TIMESTAMP_CERT);`,
      '  receipts countersigned before stay verifiable: each carries the certificate of the key that signed it',
    ];
  }
  if (rotate === 'hash') {
    return [
      'next: the next build re-keys every number under the new hash key (open/secret modes);',
      '  secret-mode servers need the new QUIETLIST_HASH_KEY when that epoch is published',
    ];
  }
  return [
    'next: quietlist build … --full-rebuild (every number evaluated under the new OPRF key);',
    '  the worker must hold the new key (and the old one during the overlap) before that epoch is published: docs/OPERATIONS.md',
  ];
}
