import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared.ts';

export default defineConfig([
  packageBuild(['src/index.ts'], { shims: true }),
  // The command line is ESM only (top-level await); `bin` points at it.
  {
    ...packageBuild({ 'cli/main': 'src/cli/main.ts' }, { shims: true }),
    format: ['esm'],
    dts: false,
    clean: false,
  },
]);
