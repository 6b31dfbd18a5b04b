/** The README's run command (`npm start`, here with --once) works on a fresh directory, offline. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const DEMO = fileURLToPath(new URL('../../../scripts/demo.ts', import.meta.url));

it('builds the sample into local R2, serves it with wrangler dev and answers a check', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'quietlist-demo-'));
  const result = spawnSync(process.execPath, [DEMO, '--once'], { cwd, encoding: 'utf8', timeout: 120_000 });
  expect(result.stderr).not.toMatch(/error/i);
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/published epoch \S+ to s3:\/\/quietlist/);
  expect(result.stdout).toMatch(/curl -s http:\/\/127\.0\.0\.1:\d+\/v1\/check -H 'authorization: Bearer ql_/);
  expect(result.stdout).toContain('{"status":"listed"},{"status":"not_listed"},{"status":"invalid"');
  expect(existsSync(join(cwd, '.quietlist/keys/signing.key'))).toBe(true);
}, 150_000);
