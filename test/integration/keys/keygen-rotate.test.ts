/**
 * keygen creates missing keys, never replaces one silently, and rotates exactly one key on request; the
 * timestamp key comes with the signing key's certificate of it, renewed when the signing key rotates.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePublicKey } from '../../../src/core/epoch/signing.ts';
import { certifiedBy, parseTimestampKeyCertificate } from '../../../src/core/receipt/timestamp-key.ts';
import { runClientCli } from '../client/helpers/client-cli.ts';
import { removeTempDirs, tempDir } from '../client/helpers/client-fixture.ts';

afterAll(removeTempDirs);

describe('keygen', () => {
  it('refuses --force, rotates one key at a time and keeps the old file', async () => {
    const dir = tempDir('quietlist-keygen-');
    const cli = (...args: string[]) => runClientCli(args, { cwd: dir });
    expect((await cli('keygen', '--out', 'keys')).code).toBe(0);
    const read = (name: string) => readFileSync(join(dir, 'keys', name), 'utf8');
    const before = Object.fromEntries(
      ['signing.key', 'signing.pub', 'hash.key', 'oprf.key', 'timestamp.key', 'timestamp.cert'].map((n) => [
        n,
        read(n),
      ]),
    );
    const certificateOf = () => parseTimestampKeyCertificate(JSON.parse(read('timestamp.cert')));
    const signingPub = () => parsePublicKey(read('signing.pub'));
    expect(certifiedBy(certificateOf(), signingPub())).toBe(true);
    expect(certificateOf().key.publicKey).toBe(read('timestamp.pub').trim());
    expect(statSync(join(dir, 'keys', 'timestamp.key')).mode & 0o777).toBe(0o600);
    // Run again: nothing changes, the certificate still holds.
    expect((await cli('keygen', '--out', 'keys')).stdout).toMatch(/kept: .*timestamp\.key.*timestamp\.cert/);
    expect(read('timestamp.cert')).toBe(before['timestamp.cert']);

    const forced = await cli('keygen', '--out', 'keys', '--force');
    expect(forced.code).toBe(1);
    expect(forced.stderr).toMatch(/--force no longer replaces every key at once/);
    expect(read('signing.key')).toBe(before['signing.key']);

    const rotated = await cli('keygen', '--out', 'keys', '--rotate', 'signing');
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.stdout).toMatch(/--announce-next-key/);
    // The old secret is labelled for its one remaining use, and the operator is told to delete it.
    const aside = readdirSync(join(dir, 'keys'))
      .filter((name) => name.endsWith('.old') || name.endsWith('.retiring'))
      .sort();
    expect(aside).toHaveLength(3);
    expect(aside[0]).toMatch(/^signing\.key\.\d{4}-\d{2}-\d{2}\.retiring$/);
    expect(aside[1]).toMatch(/^signing\.pub\.\d{4}-\d{2}-\d{2}\.old$/);
    expect(aside[2]).toMatch(/^timestamp\.cert\.\d{4}-\d{2}-\d{2}\.old$/);
    expect(read(aside[0]!)).toBe(before['signing.key']);
    expect(read(aside[1]!)).toBe(before['signing.pub']);
    expect(read(aside[2]!)).toBe(before['timestamp.cert']);
    expect(rotated.stdout).toContain(`rm keys/${aside[0]}`);
    expect(rotated.stdout).toMatch(/set QUIETLIST_PUBLIC_KEY of every server/);
    expect(rotated.stdout).toMatch(/the new timestamp\.cert/);
    expect(rotated.stdout).not.toMatch(/may stay the old one/);
    expect(read('signing.key')).not.toBe(before['signing.key']);
    // The same timestamp key, certified anew by the new signing key.
    expect(read('timestamp.key')).toBe(before['timestamp.key']);
    expect(certifiedBy(certificateOf(), signingPub())).toBe(true);
    // The other keys did not move.
    expect(read('hash.key')).toBe(before['hash.key']);
    expect(read('oprf.key')).toBe(before['oprf.key']);

    const oprf = await cli('keygen', '--out', 'keys', '--rotate', 'oprf');
    expect(oprf.code).toBe(0);
    expect(oprf.stdout).toMatch(/--full-rebuild/);
    expect(read('oprf.key')).not.toBe(before['oprf.key']);
    expect(existsSync(join(dir, 'keys', aside[1]!.replace('signing.pub', 'oprf.key')))).toBe(true);

    const timestamp = await cli('keygen', '--out', 'keys', '--rotate', 'timestamp');
    expect(timestamp.code, timestamp.stderr).toBe(0);
    expect(timestamp.stdout).toMatch(/QUIETLIST_TIMESTAMP_KEY, QUIETLIST_TIMESTAMP_CERT/);
    expect(read('timestamp.key')).not.toBe(before['timestamp.key']);
    expect(certificateOf().key.publicKey).toBe(read('timestamp.pub').trim());
    expect(certifiedBy(certificateOf(), signingPub())).toBe(true);

    expect((await cli('keygen', '--out', 'keys', '--rotate', 'everything')).code).toBe(1);
  });
});
