/**
 * The WebAssembly backend: the shared RFC 9497 protocol (../group-backend.ts) over libsodium's
 * WebAssembly build. Runs wherever WebAssembly does (Node, browsers; Workers with the precompiled module).
 */
import { createGroupBackend } from '../group-backend.ts';
import type { OprfBackend } from '../types.ts';
import { type LoadSodiumOptions, loadSodiumModule } from './sodium-module.ts';
import { SodiumRistretto } from './sodium-ristretto.ts';

/** One loaded libsodium as a group; `createOprfBackend` (../backend.ts) shares it per module. */
export async function loadSodiumGroup(options: LoadSodiumOptions = {}): Promise<SodiumRistretto> {
  return new SodiumRistretto(await loadSodiumModule(options));
}

export async function createSodiumBackend(options: LoadSodiumOptions = {}): Promise<OprfBackend> {
  return createGroupBackend('libsodium', await loadSodiumGroup(options));
}
