/**
 * `pnpm bench:perf [--check] [suite ...]`: runs the library's performance suites and prints each
 * figure with its target. Suites live beside this file as `<name>.bench.ts` and default-export a
 * BenchmarkSuite. Exits 1 when a target is missed or a suite fails, 2 for an unknown suite or option.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSuites } from './run-suites.js';

process.exitCode = await runSuites({
  directory: dirname(fileURLToPath(import.meta.url)),
  args: process.argv.slice(2),
});
