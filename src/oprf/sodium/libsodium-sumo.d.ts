/** The raw Emscripten build of libsodium (a dependency of libsodium-wrappers-sumo); no types ship with it. */
declare module 'libsodium-sumo' {
  const factory: (options: Record<string, unknown>) => Promise<unknown>;
  export default factory;
}
