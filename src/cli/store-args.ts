/** The storage options every command that touches a store shares. */
import { readEnvironment } from '../config/environment.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { openStore } from '../storage/open-store.ts';

export const DEFAULT_STORE = 'file://.quietlist/store';

export const storeArgs = {
  store: {
    type: 'string',
    description: `Where epochs live: file://DIR or s3://BUCKET/PREFIX (default ${DEFAULT_STORE})`,
    default: DEFAULT_STORE,
  },
  's3-endpoint': {
    type: 'string',
    valueHint: 'url',
    description: 'S3 endpoint URL (R2, MinIO, local R2); or $QUIETLIST_S3_ENDPOINT',
  },
  's3-region': { type: 'string', description: 'S3 region (default auto); or $QUIETLIST_S3_REGION' },
  's3-path-style': { type: 'boolean', description: 'Use path-style S3 URLs (MinIO, local R2)' },
} as const;

export function storeFromArgs(args: {
  store: string;
  's3-endpoint'?: string;
  's3-region'?: string;
  's3-path-style'?: boolean;
}): ObjectStore {
  const { s3 } = readEnvironment();
  const endpoint = args['s3-endpoint'] ?? s3.endpoint;
  return openStore(args.store, {
    endpoint,
    region: args['s3-region'] ?? s3.region ?? 'auto',
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
    forcePathStyle:
      args['s3-path-style'] ?? (endpoint !== undefined && /127\.0\.0\.1|localhost/.test(endpoint)),
  });
}
