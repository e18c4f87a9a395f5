import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared.ts';

export default defineConfig([
  packageBuild(['src/index.ts'], { shims: true }),
  // The sandbox worker thread's entry: ESM only (both builds of the package start this file).
  {
    entry: { 'sandbox-worker': 'src/sandbox/worker-main.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
    sourcemap: true,
    target: 'node20',
  },
]);
