import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

let bundle: Promise<string> | undefined;
let workerBundle: Promise<string> | undefined;

function bundleOf(entry: string): Promise<string> {
  return build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]!.text);
}

/**
 * The viewer's browser code as one script (esbuild, in memory, once per process): the client and
 * vega/vega-lite, nothing fetched from a CDN.
 */
export function clientBundle(): Promise<string> {
  bundle ??= bundleOf('../client/main.ts');
  return bundle;
}

/**
 * The graph worker's script (esbuild, in memory, once per process): Graphviz compiled to
 * WebAssembly (`@hpcc-js/wasm-graphviz`, ~0.8 MB with its WebAssembly inlined), loaded only when a
 * step with a graph is shown.
 */
export function graphvizWorkerBundle(): Promise<string> {
  workerBundle ??= bundleOf('../client/graphviz-worker.ts');
  return workerBundle;
}
