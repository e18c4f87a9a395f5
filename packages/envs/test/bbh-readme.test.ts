import { readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test, vi } from 'vitest';

const packageDirectory = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('the BBH README', () => {
  test('its example runs as written, on the data shipped with the package', async () => {
    const readme = await readFile(join(packageDirectory, 'src/bbh/README.md'), 'utf8');
    const example = readme.match(/```ts\n([\s\S]*?)```/)?.[1];
    expect(example).toBeDefined();
    expect(example).not.toMatch(/shared/);
    const generated = join(packageDirectory, 'test', `.bbh-readme-${process.pid}.tmp.ts`);
    const lines: unknown[][] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args);
    });
    try {
      await writeFile(generated, example!.replaceAll("'@trace/envs'", "'../src/index.js'"));
      await import(/* @vite-ignore */ generated);
    } finally {
      log.mockRestore();
      await rm(generated, { force: true });
    }
    expect(lines).toHaveLength(1);
    const [feedback, accuracy] = lines[0]!;
    expect(String(feedback)).toMatch(/^(Correct\.|Wrong\. The expected answer is)/);
    expect(accuracy).toBeGreaterThanOrEqual(0);
    expect(accuracy).toBeLessThanOrEqual(1);
  });
});
