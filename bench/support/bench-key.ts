/** The fixed 32-byte HMAC key of every bench build (bytes 1..32): results are reproducible. */
export const BENCH_HASH_KEY = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
