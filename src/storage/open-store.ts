/**
 * Turns a storage location string into an ObjectStore:
 *   file://DIR        a local directory; DIR may be relative ("file://.quietlist/store") or absolute
 *                     ("file:///srv/quietlist")
 *   DIR               a bare path, same as file://DIR
 *   s3://BUCKET/PREFIX  S3 or an S3-compatible service; endpoint and credentials come from options,
 *                     never from the location (locations end up in logs and messages)
 */
import { resolve } from 'node:path';
import { QuietlistError } from '../core/errors.ts';
import { describeLocation } from '../core/location.ts';
import { FileStore, type FileStoreOptions } from './file-store.ts';
import type { ObjectStore } from './object-store.ts';
import { S3Store } from './s3-store.ts';

export interface OpenStoreOptions {
  endpoint?: string;
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle?: boolean;
  /** Base directory for relative file locations (default: the process's working directory). */
  cwd?: string;
  file?: FileStoreOptions;
}

export type ParsedLocation =
  | { kind: 'file'; directory: string }
  | { kind: 's3'; bucket: string; prefix: string };

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

function invalid(message: string): QuietlistError {
  return new QuietlistError('INVALID_CONFIG', message);
}

/** file:// URLs percent-encode (FileStore.description does); a stray '%' is taken literally. */
function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Parses a location without touching the file system or the network. */
export function parseLocation(location: string, cwd: string = process.cwd()): ParsedLocation {
  const trimmed = location.trim();
  if (trimmed === '') throw invalid('storage location is empty');
  const scheme = SCHEME.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !/^[a-z]:[\\/]/i.test(trimmed)) {
      throw invalid(`storage location ${describeLocation(trimmed)} is not a path or a supported URL`);
    }
    return { kind: 'file', directory: resolve(cwd, trimmed) };
  }
  const rest = trimmed.slice(scheme.length + 3);
  if (scheme === 'file') {
    if (rest === '') throw invalid('file:// location has no directory');
    return { kind: 'file', directory: resolve(cwd, decodePath(rest)) };
  }
  if (scheme === 's3') {
    const authority = rest.split('/')[0] ?? '';
    if (authority.includes('@')) {
      throw invalid(
        `storage location ${describeLocation(trimmed)} contains credentials: pass them as options instead`,
      );
    }
    const bucket = authority;
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
      throw invalid(`storage location ${describeLocation(trimmed)} has no valid bucket name`);
    }
    const prefix = rest
      .slice(authority.length)
      .replace(/[?#].*$/, '')
      .replace(/^\/+|\/+$/g, '');
    return { kind: 's3', bucket, prefix };
  }
  throw invalid(
    `unsupported storage scheme "${scheme}://" in ${describeLocation(trimmed)}: ` +
      'use file://DIR, a directory path, or s3://BUCKET/PREFIX',
  );
}

/** Opens the store a location names. Throws QuietlistError('INVALID_CONFIG') for a bad location. */
export function openStore(location: string, options: OpenStoreOptions = {}): ObjectStore {
  const parsed = parseLocation(location, options.cwd);
  if (parsed.kind === 'file') return new FileStore(parsed.directory, options.file);
  return new S3Store({
    bucket: parsed.bucket,
    prefix: parsed.prefix,
    endpoint: options.endpoint,
    region: options.region,
    accessKeyId: options.accessKeyId,
    secretAccessKey: options.secretAccessKey,
    forcePathStyle: options.forcePathStyle,
  });
}

export { describeLocation };
