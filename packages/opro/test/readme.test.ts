import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { node, ops, scope } from '@trace/core';
import { MockLLM } from '@trace/llm/test';
import { describe, expect, test } from 'vitest';
import { readmeBlocks, runReadmeExample } from '../../../test-support/readme-example.js';
import { OPRO } from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('README', () => {
  // Runs before the example, which creates x at the top level and so advances its name counter.
  test('the prompt shown is the one OPRO sends on the second step', async () => {
    const shown = (await readmeBlocks(join(here, '..')))
      .find((block) => block.startsWith('text\n'))
      ?.slice(5);
    const x = scope(() => node(-1, { name: 'x', trainable: true }));
    const model = new MockLLM({ responses: '{"suggestion": {"x0": 2}}' });
    const optimizer = new OPRO([x], { model, historySize: 10 });
    for (let step = 1; step <= 2; step += 1) {
      const y = scope(() => ops.add(ops.multiply(x, 3), 1));
      optimizer.zeroFeedback();
      optimizer.backward(y, `y is ${y.data}; it should be 10.`);
      await optimizer.step();
    }
    expect(model.calls[1]?.messages[0]?.content).toBe(`${shown}\nYour JSON reply:`);
  });

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
