/** pull from s3:// (the local R2's S3 API, with SigV4 checked): the CLI, credentials from the environment. */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import { S3Store } from '../../../src/storage/s3-store.ts';
import { buildInto, newOperatorKeys } from '../../helpers/build-fixture.ts';
import { runClientCli } from './helpers/client-cli.ts';
import { freeNumbers, registeredNumbers, removeTempDirs, tempDir } from './helpers/client-fixture.ts';

afterAll(removeTempDirs);

describe('pull from s3://', () => {
  it('pulls, says unchanged, and scrubs against the pulled epoch', async () => {
    const r2 = inject('localR2');
    const prefix = `client-${randomBytes(4).toString('hex')}`;
    const store = new S3Store({ ...r2, prefix, forcePathStyle: true });
    const keys = newOperatorKeys();
    const registered = registeredNumbers(1000);
    await buildInto(store, keys, registered, { shardMaxBytes: 8192 });
    store.close();
    const dir = tempDir();
    const env = {
      QUIETLIST_S3_ACCESS_KEY_ID: r2.accessKeyId,
      QUIETLIST_S3_SECRET_ACCESS_KEY: r2.secretAccessKey,
    };
    const args = [
      'pull',
      '--from',
      `s3://${r2.bucket}/${prefix}`,
      '--s3-endpoint',
      r2.endpoint,
      '--s3-path-style',
      '--public-key',
      toBase64(keys.signingKeys.publicKey),
      '--json',
    ];
    const first = await runClientCli(args, { cwd: dir, env });
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ status: 'installed', shards: { reused: 0 } });
    const second = await runClientCli(args, { cwd: dir, env });
    expect(JSON.parse(second.stdout).status).toBe('unchanged');
    expect(first.stderr + second.stderr).not.toContain(r2.secretAccessKey);

    writeFileSync(join(dir, 'calls.csv'), `phone\n${registered[7]}\n${freeNumbers(1)[0]}\n`);
    const scrub = await runClientCli(['scrub', 'calls.csv', '--column', 'phone', '--out', '-'], { cwd: dir });
    expect(scrub.code, scrub.stderr).toBe(0);
    expect(scrub.stdout).toBe(`phone\n${freeNumbers(1)[0]}\n`);
  });
});
