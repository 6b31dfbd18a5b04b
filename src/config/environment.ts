/**
 * The only place that reads process.env: parsed once with zod into a typed object. Secrets found
 * here are passed on as bytes, never printed.
 */
import { z } from 'zod';

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const environmentSchema = z.object({
  QUIETLIST_HASH_KEY: optionalText,
  QUIETLIST_OPRF_KEY: optionalText,
  QUIETLIST_SIGNING_KEY: optionalText,
  QUIETLIST_TIMESTAMP_KEY: optionalText,
  QUIETLIST_TIMESTAMP_CERT: optionalText,
  QUIETLIST_PUBLIC_KEY: optionalText,
  QUIETLIST_LIST_SEED: optionalText,
  QUIETLIST_ADDITIONS_KEY: optionalText,
  QUIETLIST_API_KEY: optionalText,
  QUIETLIST_STATE_DIR: optionalText,
  QUIETLIST_SHARED_QUOTA: optionalText,
  QUIETLIST_S3_ENDPOINT: optionalText,
  QUIETLIST_S3_REGION: optionalText,
  QUIETLIST_S3_ACCESS_KEY_ID: optionalText,
  QUIETLIST_S3_SECRET_ACCESS_KEY: optionalText,
  AWS_ENDPOINT_URL_S3: optionalText,
  AWS_REGION: optionalText,
  AWS_ACCESS_KEY_ID: optionalText,
  AWS_SECRET_ACCESS_KEY: optionalText,
});

export interface Environment {
  hashKey?: string;
  oprfKey?: string;
  signingKey?: string;
  /** `serve`: the key that countersigns receipts, and the signing key's certificate of it (JSON). */
  timestampKey?: string;
  timestampCertificate?: string;
  publicKey?: string;
  /** The list seed: keys of the lists other than `default` derive from it (core/lists/list-keys.ts). */
  listSeed?: string;
  /** The Ed25519 secret key that signs live additions (servers). */
  additionsKey?: string;
  /** A subscriber's key for the worker's API (`check --online`, private downloads). */
  apiKey?: string;
  /** Where `serve` keeps state shared by the host's processes (the quota database). */
  stateDir?: string;
  /** `serve --shared-quota`: "1"/"true" leases quota from the shared store (several hosts). */
  sharedQuota?: string;
  s3: { endpoint?: string; region?: string; accessKeyId?: string; secretAccessKey?: string };
}

let cached: Environment | undefined;

export function readEnvironment(env: Record<string, string | undefined> = process.env): Environment {
  if (env === process.env && cached) return cached;
  const parsed = environmentSchema.parse(env);
  const result: Environment = {
    hashKey: parsed.QUIETLIST_HASH_KEY,
    oprfKey: parsed.QUIETLIST_OPRF_KEY,
    signingKey: parsed.QUIETLIST_SIGNING_KEY,
    timestampKey: parsed.QUIETLIST_TIMESTAMP_KEY,
    timestampCertificate: parsed.QUIETLIST_TIMESTAMP_CERT,
    publicKey: parsed.QUIETLIST_PUBLIC_KEY,
    listSeed: parsed.QUIETLIST_LIST_SEED,
    additionsKey: parsed.QUIETLIST_ADDITIONS_KEY,
    apiKey: parsed.QUIETLIST_API_KEY,
    stateDir: parsed.QUIETLIST_STATE_DIR,
    sharedQuota: parsed.QUIETLIST_SHARED_QUOTA,
    s3: {
      endpoint: parsed.QUIETLIST_S3_ENDPOINT ?? parsed.AWS_ENDPOINT_URL_S3,
      region: parsed.QUIETLIST_S3_REGION ?? parsed.AWS_REGION,
      accessKeyId: parsed.QUIETLIST_S3_ACCESS_KEY_ID ?? parsed.AWS_ACCESS_KEY_ID,
      secretAccessKey: parsed.QUIETLIST_S3_SECRET_ACCESS_KEY ?? parsed.AWS_SECRET_ACCESS_KEY,
    },
  };
  if (env === process.env) cached = result;
  return result;
}
