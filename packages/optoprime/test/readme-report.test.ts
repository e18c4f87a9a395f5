import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { node, ops, scope } from '@trace/core';
import { MockLLM } from '@trace/llm/test';
import { describe, expect, test } from 'vitest';
import { readmeBlocks } from '../../../test-support/readme-example.js';
import { OptoPrime } from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));

// Its own file (a fresh module): the README example creates x at the top level, and a node made after
// a scope never repeats a name used inside it, so sharing a file would shift the names the README shows.
describe('README', () => {
  test('the report shown is the one OptoPrime renders for that example', async () => {
    const blocks = await readmeBlocks(join(here, '..'));
    const shown = blocks.find((block) => block.startsWith('text\n#Instruction'))!.slice(5);
    const x = scope(() =>
      node(-1, { name: 'x', trainable: true, description: 'The input to find.' }),
    );
    const optimizer = new OptoPrime([x], { model: new MockLLM() });
    const y = scope(() => ops.add(ops.multiply(x, 3), 1));
    optimizer.backward(y, `y is ${y.data}; it should be 10.`);
    expect(optimizer.render()?.report.text).toBe(shown.trimEnd());
  });
});
