import { defineProject } from 'vitest/config';
import { sharedProjectConfig } from '../../vitest.shared.ts';

export default defineProject({
  ...sharedProjectConfig,
  test: {
    name: '@trace/viewer',
    include: ['src/**/*.test.ts'],
    // The browser tests launch Chromium (the first launch extracts it to the temp folder).
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
