import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { runReadmeExample } from '../../../test-support/readme-example.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('README', () => {
  test('the first example runs (with a scripted model in place of resolveModel)', async () => {
    const lines = await runReadmeExample({
      packageDirectory: join(here, '..'),
      packageName: '@trace/optoprime',
      responses: '{"suggestion": {"x0": 3}}',
    });
    expect(lines).toEqual(['step 1: updated x0 -1 -> 3', 'x = 3']);
  });
});
