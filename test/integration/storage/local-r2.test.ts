/**
 * Checks the local R2 emulation itself with a plain S3 client, so the contract tests prove something:
 * it must verify signatures, enforce conditional writes, keep headers, and serve S3-written objects
 * to the worker's R2 binding.
 */
import { randomUUID } from 'node:crypto';
import { GetObjectCommand, ListBucketsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, inject, it } from 'vitest';

const r2 = inject('localR2');
const prefix = `harness-${randomUUID()}/`;
const clients: S3Client[] = [];

function client(overrides: { accessKeyId?: string; secretAccessKey?: string } = {}): S3Client {
  const c = new S3Client({
    endpoint: r2.endpoint,
    region: r2.region,
    forcePathStyle: true,
    credentials: {
      accessKeyId: overrides.accessKeyId ?? r2.accessKeyId,
      secretAccessKey: overrides.secretAccessKey ?? r2.secretAccessKey,
    },
    maxAttempts: 1,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  clients.push(c);
  return c;
}

afterAll(() => {
  for (const c of clients) c.destroy();
});

async function failure(promise: Promise<unknown>): Promise<{ name: string; status?: number }> {
  const error = await promise.then(
    () => expect.unreachable('the request should have failed'),
    (e: { name: string; $metadata?: { httpStatusCode?: number } }) => e,
  );
  return { name: error.name, status: error.$metadata?.httpStatusCode };
}

const put = (
  key: string,
  body: string,
  extra: Partial<ConstructorParameters<typeof PutObjectCommand>[0]> = {},
) =>
  new PutObjectCommand({
    Bucket: r2.bucket,
    Key: prefix + key,
    Body: new TextEncoder().encode(body),
    ...extra,
  });

describe('local R2 S3 endpoint', () => {
  it('serves the bucket path-style under /cdn-cgi/local/r2/s3 with the configured credentials', async () => {
    expect(r2.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cdn-cgi\/local\/r2\/s3$/);
    const { Buckets } = await client().send(new ListBucketsCommand({}));
    expect(Buckets?.map((b) => b.Name)).toEqual([r2.bucket]);
  });

  it('rejects a wrong secret (403 SignatureDoesNotMatch) and an unknown key id (401)', async () => {
    expect(await failure(client({ secretAccessKey: 'wrong' }).send(put('x', 'x')))).toEqual({
      name: 'SignatureDoesNotMatch',
      status: 403,
    });
    expect(await failure(client({ accessKeyId: 'unknown' }).send(put('x', 'x')))).toEqual({
      name: 'Unauthorized',
      status: 401,
    });
    const unsigned = await fetch(`${r2.endpoint}/${r2.bucket}/${prefix}x`);
    expect(unsigned.status).toBe(400);
  });

  it('answers 412 to a failed If-None-Match or If-Match put', async () => {
    const s3 = client();
    const { ETag } = await s3.send(put('cond', 'v1', { IfNoneMatch: '*' }));
    expect(await failure(s3.send(put('cond', 'v2', { IfNoneMatch: '*' })))).toEqual({
      name: 'PreconditionFailed',
      status: 412,
    });
    await s3.send(put('cond', 'v2', { IfMatch: ETag }));
    expect(await failure(s3.send(put('cond', 'v3', { IfMatch: ETag })))).toEqual({
      name: 'PreconditionFailed',
      status: 412,
    });
    expect(await failure(s3.send(put('absent', 'v1', { IfMatch: ETag })))).toEqual({
      name: 'PreconditionFailed',
      status: 412,
    });
  });

  it('keeps Content-Type and Cache-Control, and the worker binding sees the object', async () => {
    const s3 = client();
    const { ETag } = await s3.send(
      put('shown.json', '{"ok":true}', {
        ContentType: 'application/json',
        CacheControl: 'public, max-age=60',
      }),
    );
    const got = await s3.send(new GetObjectCommand({ Bucket: r2.bucket, Key: `${prefix}shown.json` }));
    expect(got.ContentType).toBe('application/json');
    expect(got.CacheControl).toBe('public, max-age=60');
    const viaWorker = await fetch(`${r2.workerUrl}/object/${encodeURIComponent(`${prefix}shown.json`)}`);
    expect(viaWorker.status).toBe(200);
    expect(await viaWorker.text()).toBe('{"ok":true}');
    expect(viaWorker.headers.get('etag')).toBe(ETag);
  });
});
