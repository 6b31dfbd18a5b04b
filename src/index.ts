/**
 * The quietlist library: the runtime-neutral core (normalisation, keyed hash, filters, manifests), the
 * client (pull, scrub, checks) and the OPRF protocol. The builder and the API are used through the CLI
 * and `createApp` (src/api/app.ts).
 */
export * from './client/index.ts';
export * from './core/index.ts';
export * from './oprf/index.ts';
