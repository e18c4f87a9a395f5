import { defineConfig } from 'vitest/config';

/** When TRACE_TEST_REPORT names a file, a JSON report is written there too (CI reads it). */
const jsonReport = process.env.TRACE_TEST_REPORT;

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'benchmarks', 'checks', 'examples'],
    ...(jsonReport ? { reporters: ['default', 'json'], outputFile: { json: jsonReport } } : {}),
  },
});
