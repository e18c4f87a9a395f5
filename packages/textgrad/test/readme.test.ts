import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { runReadmeExample } from '../../../test-support/readme-example.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('README', () => {
  test('the first example runs (with a scripted model in place of resolveModel)', async () => {
    const lines = await runReadmeExample({
      packageDirectory: join(here, '..'),
      packageName: '@trace/textgrad',
      responses: [
        '<feedback>add0 is 8 too small; multiply0 should be 9.</feedback>',
        '<feedback>x0 times 3 should be 9, so x0 should be 3.</feedback>',
        '{"reasoning": "3 * 3 + 1 = 10", "suggestion": {"x0": 3}}',
      ],
    });
    expect(lines).toEqual([
      'step 1: updated x0 -1 -> 3',
      '3 model calls in 3 backward levels',
      'x = 3',
    ]);
  });
});
