import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { runReadmeExample } from '../../../test-support/readme-example.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('README', () => {
  test('the custom optimizer example runs (with a scripted model in place of resolveModel)', async () => {
    const lines = await runReadmeExample({
      packageDirectory: join(here, '..'),
      packageName: '@trace/optimizer-kit',
      responses: '{"suggestion": {"x": 3}}',
    });
    expect(lines).toEqual(['step 1: updated x -1 -> 3']);
    // The example compiles the kit's sources on first import, which takes seconds on a busy machine.
  }, 30_000);
});
