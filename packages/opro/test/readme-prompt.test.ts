import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { node, ops, scope } from '@trace/core';
import { MockLLM } from '@trace/llm/test';
import { describe, expect, test } from 'vitest';
import { readmeBlocks } from '../../../test-support/readme-example.js';
import { OPRO } from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));

// Its own file (a fresh module): the README example creates x at the top level, and a node made after
// a scope never repeats a name used inside it, so sharing a file would shift the names the README shows.
describe('README', () => {
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
});
