import { defineProject } from 'vitest/config';
import { sharedProjectConfig } from '../../vitest.shared.ts';

export default defineProject({
  ...sharedProjectConfig,
  test: { name: '@trace/textgrad', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
