/**
 * Test support: runs the first TypeScript example of a package README the way a user would, with a
 * scripted MockLLM in place of `resolveModel()`, and returns what it printed.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { vi } from 'vitest';

/** The fenced blocks of the README in `packageDirectory`, each starting with its language tag. */
export async function readmeBlocks(packageDirectory: string): Promise<string[]> {
  const readme = await readFile(join(packageDirectory, 'README.md'), 'utf8');
  return [...readme.matchAll(/```([\s\S]*?)```/g)].map((match) => match[1]!);
}

/** Options of {@link runReadmeExample}. */
export interface ReadmeExampleOptions {
  /** The package folder (holds README.md and src/). */
  readonly packageDirectory: string;
  /** The package name the example imports, replaced by its src/index.ts. */
  readonly packageName: string;
  /** What the scripted model answers: one reply, or one per call. */
  readonly responses: string | readonly string[];
  /** Which `ts` block to run, from 0 (default 0: the first). */
  readonly block?: number;
}

/** Runs the README's first (or `block`-th) `ts` block and returns the lines it logged. */
export async function runReadmeExample(options: ReadmeExampleOptions): Promise<string[]> {
  const first = (await readmeBlocks(options.packageDirectory)).filter((block) =>
    block.startsWith('ts\n'),
  )[options.block ?? 0];
  if (first === undefined)
    throw new Error(
      `${options.packageDirectory}/README.md has no ts example ${options.block ?? 0}`,
    );
  const source = first
    .slice(3)
    .replace(
      "import { resolveModel } from '@trace/llm';",
      "import { MockLLM } from '@trace/llm/test';",
    )
    .replace('resolveModel()', `new MockLLM({ responses: ${JSON.stringify(options.responses)} })`)
    .replaceAll(`'${options.packageName}'`, "'../src/index.js'");
  if (!source.includes('new MockLLM')) throw new Error('the example does not call resolveModel()');
  // One file per block: a module is imported once per path, so a second block needs its own.
  const generated = join(
    options.packageDirectory,
    'test',
    `.readme-example-${process.pid}-${options.block ?? 0}.tmp.ts`,
  );
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(args.join(' '));
  });
  try {
    await writeFile(generated, source);
    await import(/* @vite-ignore */ generated);
  } finally {
    log.mockRestore();
    await rm(generated, { force: true });
  }
  return lines;
}
