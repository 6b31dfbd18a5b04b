/** Turns `--from` into a source: an http(s) URL is the worker, anything else a store location. */
import { type OpenStoreOptions, openStore } from '../../storage/open-store.ts';
import type { EpochSource } from './epoch-source.ts';
import { HttpEpochSource, type HttpSourceOptions } from './http-source.ts';
import { StoreEpochSource } from './store-source.ts';

export interface OpenSourceOptions {
  http?: HttpSourceOptions;
  store?: OpenStoreOptions;
}

export function isHttpLocation(location: string): boolean {
  return /^https?:\/\//i.test(location.trim());
}

export function openEpochSource(location: string, options: OpenSourceOptions = {}): EpochSource {
  if (isHttpLocation(location)) return new HttpEpochSource(location.trim(), options.http);
  return new StoreEpochSource(openStore(location, options.store));
}
