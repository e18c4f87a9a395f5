import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type WasmModule, webAssembly } from './web-assembly.js';

let compiled: WasmModule | undefined;

/**
 * Where `quickjs-wasi` ships its engine binary, resolved from this file. It runs in the sandbox
 * worker, which is ESM both from `src/` and from the build (`dist/sandbox-worker.js`).
 */
function wasmPath(): string {
  return createRequire(import.meta.url).resolve('quickjs-wasi/quickjs.wasm');
}

/**
 * The QuickJS engine compiled to a `WebAssembly.Module`: compiled synchronously on first use and
 * then shared by every sandbox VM of this worker (each VM is its own instance with its own memory).
 */
export function quickJsModule(): WasmModule {
  compiled ??= new webAssembly.Module(readFileSync(wasmPath()));
  return compiled;
}

/** Uses a module compiled earlier (by a previous worker of this process) instead of compiling. */
export function useCompiledModule(module: WasmModule): void {
  compiled = module;
}
