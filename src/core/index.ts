/** Runtime-neutral core: no `node:` imports, so Node, Workers and browsers share it. */
export * from './base64.ts';
export * from './bloom-filter.ts';
export * from './bloom-sizing.ts';
export * from './canonical-json.ts';
export * from './crc32.ts';
export * from './epoch-hasher.ts';
export * from './epoch-pointer.ts';
export * from './errors.ts';
export * from './filter-format.ts';
export * from './filter-set.ts';
export * from './keyed-hash.ts';
export * from './manifest.ts';
export * from './membership.ts';
export * from './phone.ts';
export * from './sharding.ts';
export * from './signing.ts';
