import { describe, expect, it } from 'vitest';
import { FileStore } from '../../../src/storage/file-store.ts';
import { describeLocation, openStore, parseLocation } from '../../../src/storage/open-store.ts';
import { S3Store } from '../../../src/storage/s3-store.ts';

describe('parseLocation', () => {
  it.each([
    ['file://.quietlist/store', '/work/app/.quietlist/store'],
    ['file:///srv/quietlist', '/srv/quietlist'],
    ['file:///srv/quiet%20list', '/srv/quiet list'],
    ['.quietlist/store', '/work/app/.quietlist/store'],
    ['/srv/quietlist/', '/srv/quietlist'],
    ['./data', '/work/app/data'],
  ])('reads %j as a directory', (location, directory) => {
    expect(parseLocation(location, '/work/app')).toEqual({ kind: 'file', directory });
  });

  it.each([
    ['s3://quietlist-prod', 'quietlist-prod', ''],
    ['s3://quietlist-prod/', 'quietlist-prod', ''],
    ['s3://quietlist-prod/fr/registry/', 'quietlist-prod', 'fr/registry'],
  ])('reads %j as bucket and prefix', (location, bucket, prefix) => {
    expect(parseLocation(location)).toEqual({ kind: 's3', bucket, prefix });
  });

  it.each([
    ['', /empty/],
    ['gs://bucket/x', /unsupported storage scheme "gs:\/\/".*s3:\/\/BUCKET\/PREFIX/],
    ['https://example.com/x', /unsupported storage scheme "https:\/\/"/],
    ['s3://', /no valid bucket/],
    ['s3://Bad_Bucket/x', /no valid bucket/],
    ['file://', /no directory/],
    ['localhost:9000/bucket', /not a path or a supported URL/],
  ])('rejects %j with INVALID_CONFIG', (location, message) => {
    expect(() => parseLocation(location)).toThrow(message);
    expect(() => parseLocation(location)).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
  });

  it('rejects credentials in the location without repeating them', () => {
    const attempt = () => parseLocation('s3://AKIAEXAMPLE:very-secret@bucket/prefix');
    expect(attempt).toThrow(/contains credentials/);
    expect(attempt).not.toThrow(/very-secret|AKIAEXAMPLE/);
  });
});

describe('openStore', () => {
  it('opens a FileStore for file locations and bare paths', () => {
    const store = openStore('file://.quietlist/store', { cwd: '/work/app' });
    expect(store).toBeInstanceOf(FileStore);
    expect(store.description).toBe('file:///work/app/.quietlist/store');
    expect(openStore('/srv/ql')).toBeInstanceOf(FileStore);
  });

  it('opens an S3Store with the options, described without credentials', () => {
    const store = openStore('s3://quietlist-prod/fr', {
      endpoint: 'https://account.r2.cloudflarestorage.com',
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'very-secret',
    });
    expect(store).toBeInstanceOf(S3Store);
    expect(store.description).toBe('s3://quietlist-prod/fr');
    (store as S3Store).close();
  });

  it('insists on both halves of a key pair', () => {
    expect(() => openStore('s3://quietlist-prod', { accessKeyId: 'AKIAEXAMPLE' })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG' }),
    );
  });
});

describe('describeLocation', () => {
  it.each([
    ['s3://key:secret@bucket/prefix', 's3://bucket/prefix'],
    ['s3://bucket/prefix?X-Amz-Signature=abc#frag', 's3://bucket/prefix'],
    ['https://user:pw@host:9000/path', 'https://host:9000/path'],
    ['file:///srv/ql', 'file:///srv/ql'],
    ['.quietlist/store', '.quietlist/store'],
  ])('describes %j as %j', (location, description) => {
    expect(describeLocation(location)).toBe(description);
  });
});
