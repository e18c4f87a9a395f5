import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, vi } from 'vitest';
import { readmeBlocks } from '../../../test-support/readme-example.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

test('the README shows the example files exactly (they are type-checked with the package)', async () => {
  const blocks = await readmeBlocks(root);
  for (const file of ['fahrenheit.ts', 'swap-optimizer.ts']) {
    const source = await readFile(join(root, 'examples', file), 'utf8');
    expect(blocks).toContain(`ts\n${source}`);
  }
});

test('the first example runs and prints what the README says', async () => {
  const printed = (await readmeBlocks(root)).find((block) => block.startsWith('text\n'))?.slice(5);
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(args.join(' '));
  });
  try {
    await import('../examples/fahrenheit.js');
  } finally {
    log.mockRestore();
  }
  expect(`${lines.join('\n')}\n`).toBe(printed);
}, 60_000);
