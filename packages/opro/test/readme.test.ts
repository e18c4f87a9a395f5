import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { runReadmeExample } from '../../../test-support/readme-example.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('README', () => {
  test('the first example runs (with a scripted model in place of resolveModel)', async () => {
    const lines = await runReadmeExample({
      packageDirectory: join(here, '..'),
      packageName: '@trace/opro',
      responses: ['{"suggestion": {"x0": 2}}', '{"suggestion": {"x0": 3}}'],
    });
    expect(lines).toEqual(['step 1: updated x0 -1 -> 2', 'step 2: updated x0 2 -> 3', 'x = 3']);
  });

  // Runs after the first example, whose x took the label x0, so this example's x is x1.
  test('the proposal example applies the better of two proposals', async () => {
    const lines = await runReadmeExample({
      packageDirectory: join(here, '..'),
      packageName: '@trace/opro',
      responses: ['{"suggestion": {"x1": 2}}', '{"suggestion": {"x1": 3}}'],
      block: 1,
    });
    expect(lines).toEqual(['updated 3']);
  });
});
