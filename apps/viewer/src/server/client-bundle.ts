import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

let bundle: Promise<string> | undefined;

/**
 * The viewer's browser code as one script (esbuild, in memory, once per process): the client and
 * vega/vega-lite, nothing fetched from a CDN.
 */
export function clientBundle(): Promise<string> {
  bundle ??= build({
    entryPoints: [fileURLToPath(new URL('../client/main.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]!.text);
  return bundle;
}
