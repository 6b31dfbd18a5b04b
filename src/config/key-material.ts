/**
 * The operator's keys: the Ed25519 signing pair, the 32-byte hash key, the OPRF key, and the timestamp
 * key with the signing key's certificate of it. Stored as base64 text in files (`keygen` writes them
 * with mode 0600; the certificate is JSON) or given in environment variables. Errors name the source
 * (file path or variable), never the key.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { HASH_KEY_BYTES } from '../core/digest/keyed-hash.ts';
import { fromBase64 } from '../core/encoding/base64.ts';
import { parsePublicKey, type SigningKeyPair, signingKeyPairFromSecret } from '../core/epoch/signing.ts';
import { QuietlistError } from '../core/errors.ts';
import { readEnvironment } from './environment.ts';

export const KEY_FILES = {
  signingKey: 'signing.key',
  publicKey: 'signing.pub',
  hashKey: 'hash.key',
  oprfKey: 'oprf.key',
  /** The seed the keys of every list other than `default` derive from (core/lists/list-keys.ts). */
  listSeed: 'list-seed.key',
  /** The Ed25519 pair that signs live additions: the server holds the secret, builds announce the public one. */
  additionsKey: 'additions.key',
  additionsPublicKey: 'additions.pub',
  /** The key that countersigns receipts on the server (never the signing key), and its certificate. */
  timestampKey: 'timestamp.key',
  timestampPublicKey: 'timestamp.pub',
  timestampCertificate: 'timestamp.cert',
} as const;

export interface KeySources {
  /** A directory holding keygen's files. */
  keysDirectory?: string;
  signingKeyFile?: string;
  hashKeyFile?: string;
  oprfKeyFile?: string;
  /** The timestamp key file; its certificate is read beside it (timestamp.cert). */
  timestampKeyFile?: string;
  publicKey?: string;
  listSeedFile?: string;
  additionsKeyFile?: string;
}

function fromSources(
  what: string,
  file: string | undefined,
  directoryFile: string | undefined,
  envValue: string | undefined,
  envName: string,
): { text: string; source: string } | undefined {
  if (file !== undefined) return { text: readKeyFile(file, what), source: file };
  if (envValue !== undefined) return { text: envValue, source: `$${envName}` };
  if (directoryFile !== undefined && existsSync(directoryFile))
    return { text: readKeyFile(directoryFile, what), source: directoryFile };
  return undefined;
}

function readKeyFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new QuietlistError('KEY_INVALID', `cannot read the ${what} file ${path}`);
  }
}

function decodeKey(found: { text: string; source: string }, what: string, bytes: number): Uint8Array {
  let key: Uint8Array;
  try {
    key = fromBase64(found.text, what);
  } catch {
    throw new QuietlistError('KEY_INVALID', `the ${what} in ${found.source} is not base64`);
  }
  if (key.length !== bytes)
    throw new QuietlistError(
      'KEY_INVALID',
      `the ${what} in ${found.source} must be ${bytes} bytes, got ${key.length}`,
    );
  return key;
}

export function loadHashKey(sources: KeySources): Uint8Array {
  const env = readEnvironment();
  const inDirectory = sources.keysDirectory ? join(sources.keysDirectory, KEY_FILES.hashKey) : undefined;
  const found = fromSources('hash key', sources.hashKeyFile, inDirectory, env.hashKey, 'QUIETLIST_HASH_KEY');
  if (!found) throw missing('hash key', '--hash-key FILE, --keys DIR or $QUIETLIST_HASH_KEY');
  return decodeKey(found, 'hash key', HASH_KEY_BYTES);
}

export function loadSigningKeyPair(sources: KeySources): SigningKeyPair {
  const env = readEnvironment();
  const inDirectory = sources.keysDirectory ? join(sources.keysDirectory, KEY_FILES.signingKey) : undefined;
  const found = fromSources(
    'signing key',
    sources.signingKeyFile,
    inDirectory,
    env.signingKey,
    'QUIETLIST_SIGNING_KEY',
  );
  if (!found) throw missing('signing key', '--signing-key FILE, --keys DIR or $QUIETLIST_SIGNING_KEY');
  return signingKeyPairFromSecret(decodeKey(found, 'signing key', 32));
}

/** The OPRF secret key (oprf mode): a 32-byte ristretto255 scalar, held by the builder and the worker only. */
export function loadOprfKey(sources: KeySources): Uint8Array {
  const env = readEnvironment();
  const inDirectory = sources.keysDirectory ? join(sources.keysDirectory, KEY_FILES.oprfKey) : undefined;
  const found = fromSources('OPRF key', sources.oprfKeyFile, inDirectory, env.oprfKey, 'QUIETLIST_OPRF_KEY');
  if (!found) throw missing('OPRF key', '--oprf-key FILE, --keys DIR or $QUIETLIST_OPRF_KEY');
  return decodeKey(found, 'OPRF key', 32);
}

/** The list seed (32 bytes): builders and servers derive the keys of every list but `default` from it. */
export function loadListSeed(sources: KeySources): Uint8Array {
  const env = readEnvironment();
  const inDirectory = sources.keysDirectory ? join(sources.keysDirectory, KEY_FILES.listSeed) : undefined;
  const found = fromSources(
    'list seed',
    sources.listSeedFile,
    inDirectory,
    env.listSeed,
    'QUIETLIST_LIST_SEED',
  );
  if (!found) throw missing('list seed', '--list-seed FILE, --keys DIR or $QUIETLIST_LIST_SEED');
  return decodeKey(found, 'list seed', 32);
}

/** The additions signing pair (servers): additions.key, or $QUIETLIST_ADDITIONS_KEY. */
export function loadAdditionsKeyPair(sources: KeySources): SigningKeyPair {
  const env = readEnvironment();
  const inDirectory = sources.keysDirectory ? join(sources.keysDirectory, KEY_FILES.additionsKey) : undefined;
  const found = fromSources(
    'additions key',
    sources.additionsKeyFile,
    inDirectory,
    env.additionsKey,
    'QUIETLIST_ADDITIONS_KEY',
  );
  if (!found) throw missing('additions key', '--additions-key FILE, --keys DIR or $QUIETLIST_ADDITIONS_KEY');
  return signingKeyPairFromSecret(decodeKey(found, 'additions key', 32));
}

/** The additions public key a live build announces: additions.pub of the keys directory, or a file or value. */
export function loadAdditionsPublicKey(sources: {
  keysDirectory?: string;
  additionsPublicKey?: string;
}): Uint8Array {
  let text = sources.additionsPublicKey;
  if (text !== undefined && existsSync(text)) text = readKeyFile(text, 'additions public key');
  const inDirectory = sources.keysDirectory
    ? join(sources.keysDirectory, KEY_FILES.additionsPublicKey)
    : undefined;
  if (text === undefined && inDirectory !== undefined && existsSync(inDirectory))
    text = readKeyFile(inDirectory, 'additions public key');
  if (text === undefined)
    throw missing(
      'additions public key',
      '--additions-public-key KEY|FILE or --keys DIR holding additions.pub',
    );
  return parsePublicKey(text);
}

/**
 * The timestamp key and its certificate, when given: `--timestamp-key FILE` (the certificate beside
 * it), $QUIETLIST_TIMESTAMP_KEY with $QUIETLIST_TIMESTAMP_CERT, or the keys directory's timestamp.key
 * and timestamp.cert. Undefined when none is given (the server then does not countersign). The
 * certificate's structure is checked here; that it is of this key, by the API configuration.
 */
export function loadTimestampKey(
  sources: KeySources,
): { secretKey: Uint8Array; certificate: string } | undefined {
  const env = readEnvironment();
  const inDirectory = sources.keysDirectory ? join(sources.keysDirectory, KEY_FILES.timestampKey) : undefined;
  const found = fromSources(
    'timestamp key',
    sources.timestampKeyFile,
    inDirectory,
    env.timestampKey,
    'QUIETLIST_TIMESTAMP_KEY',
  );
  if (!found) return undefined;
  const secretKey = decodeKey(found, 'timestamp key', 32);
  const beside = found.source.startsWith('$')
    ? undefined
    : join(dirname(found.source), KEY_FILES.timestampCertificate);
  const certificate =
    found.source.startsWith('$') && env.timestampCertificate !== undefined
      ? env.timestampCertificate
      : beside !== undefined && existsSync(beside)
        ? readKeyFile(beside, 'timestamp key certificate')
        : undefined;
  if (certificate === undefined) {
    throw new QuietlistError(
      'INVALID_CONFIG',
      `the timestamp key in ${found.source} has no certificate: ${beside ? `put timestamp.cert beside it (${beside})` : 'set $QUIETLIST_TIMESTAMP_CERT'}, as \`quietlist keygen\` writes it`,
    );
  }
  return { secretKey, certificate };
}

/** The operator's earlier signing public keys, kept by `keygen --rotate signing` as `signing.pub.<date>.old`. */
export function loadFormerPublicKeys(keysDirectory: string | undefined): Uint8Array[] {
  if (!keysDirectory || !existsSync(keysDirectory)) return [];
  return readdirSync(keysDirectory)
    .filter((name) => name.startsWith(`${KEY_FILES.publicKey}.`) && name.endsWith('.old'))
    .map((name) => parsePublicKey(readKeyFile(join(keysDirectory, name), 'former public key')));
}

/** The text of the pinned public key: a value or a file holding it, $QUIETLIST_PUBLIC_KEY, the keys directory. */
function publicKeyText(sources: KeySources): string {
  const env = readEnvironment();
  let text = sources.publicKey ?? env.publicKey;
  if (text !== undefined && existsSync(text)) text = readKeyFile(text, 'public key');
  const inDirectory = sources.keysDirectory ? join(sources.keysDirectory, KEY_FILES.publicKey) : undefined;
  if (text === undefined && inDirectory !== undefined && existsSync(inDirectory))
    text = readKeyFile(inDirectory, 'public key');
  if (text === undefined)
    throw missing('public key', '--public-key KEY|FILE, --keys DIR or $QUIETLIST_PUBLIC_KEY');
  return text;
}

/** The pinned public key: a value or a file holding it, the keys directory, or $QUIETLIST_PUBLIC_KEY. */
export function loadPublicKey(sources: KeySources): Uint8Array {
  return parsePublicKey(publicKeyText(sources));
}

/**
 * A key's fingerprint as the status page shows it (core/epoch/signing.ts publicKeyFingerprint): 32 hex
 * characters. It cannot be mistaken for a key: base64 keys are 44 characters, hex keys 64.
 */
export const FINGERPRINT_PATTERN = /^[0-9a-f]{32}$/i;

export type PublicKeyPin = { key: Uint8Array } | { fingerprint: string };

/** For `pull`: the key itself, or only its fingerprint (the key then comes from the server, checked against it). */
export function loadPublicKeyPin(sources: KeySources): PublicKeyPin {
  const text = publicKeyText(sources).trim();
  return FINGERPRINT_PATTERN.test(text) ? { fingerprint: text.toLowerCase() } : { key: parsePublicKey(text) };
}

function missing(what: string, how: string): QuietlistError {
  return new QuietlistError('INVALID_CONFIG', `no ${what} given: use ${how}`);
}
