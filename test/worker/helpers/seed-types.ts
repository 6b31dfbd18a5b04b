/** What the worker tests' global setup (in Node) builds and hands to the tests (inside workerd). */
export interface SeedEpoch {
  epoch: string;
  /** Every object the builder wrote, key → base64 body. */
  objects: Record<string, string>;
}

export interface WorkerSeed {
  /** Ed25519 public key, base64: the worker's QUIETLIST_PUBLIC_KEY. */
  publicKey: string;
  /** The hash key, base64 (secret-mode epochs). */
  hashKey: string;
  /** Numbers listed in `first`, then those listed in `second` (synthetic). */
  listedFirst: string[];
  listedSecond: string[];
  /** Open mode, several shards. */
  first: SeedEpoch;
  /** The next epoch after `first` (different numbers), for the epoch-switch test. */
  second: SeedEpoch;
  /** Secret mode: the hash key is not in the manifest. */
  secret: SeedEpoch;
  /** OPRF mode (re-signed manifest over `first`'s shards): checks answer 501. */
  oprf: SeedEpoch;
  /** Secret mode over `listedFirst`, 8 shards: the shard-resident Durable Object tests alone use it. */
  resident: SeedEpoch;
  /** Secret mode, es-robinson's channels and sectors (docs/FORMAT.md §1.3): `robinson`'s registrations. */
  scoped: SeedEpoch;
  robinson: { phone: string; channels: string; sectors: string }[];
  /** Secret mode, us-dnc's area codes 212, 646 and 718 (§1.4): `registeredNanp`. */
  partitioned: SeedEpoch;
  registeredNanp: string[];
  /** A store whose signing key rotated (test/helpers/rotation-fixture.ts), and what could follow it. */
  rotation: RotationSeed;
  /** The additions key (base64 secret): the worker's QUIETLIST_ADDITIONS_KEY. */
  additionsKey: string;
  /** A live list (`lists/do-acme/…`, secret mode, keys derived from `listSeed`): its objects at the bucket root. */
  live: SeedEpoch;
  /** The list seed (base64): the worker's QUIETLIST_LIST_SEED. */
  listSeed: string;
  /**
   * Lists `w-robinson` (es-robinson's channels and sectors: `listRobinson`) and `w-objections` (no
   * scopes: `listObjections`), secret mode, keys derived from `listSeed`: their objects at the bucket root.
   */
  scopedLists: SeedEpoch;
  listRobinson: { phone: string; channels: string; sectors: string }[];
  listObjections: string[];
}

export interface RotationSeed {
  /** K1 (base64): the key the worker is configured with, retired by the rotation. */
  oldPublicKey: string;
  /** Fingerprints of K1 and of its successor K2. */
  oldFingerprint: string;
  successorFingerprint: string;
  /** E1…E4 with K1's retirement record and latest.json at E4. */
  chain: SeedEpoch;
  /** What the holder of the retired K1 adds: an epoch signed by K1 on top of E4, and its latest.json. */
  retiredLate: SeedEpoch;
  /** An epoch signed by a key nobody announced, and its latest.json. */
  unannounced: SeedEpoch;
}

declare module 'vitest' {
  export interface ProvidedContext {
    workerSeed: WorkerSeed;
  }
}
