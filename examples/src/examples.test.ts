import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outside = mkdtempSync(join(tmpdir(), 'trace-example-'));
afterAll(() => rmSync(outside, { recursive: true, force: true }));

/** Runs `pnpm example <file>` as the root script does (scripts/run-example.mjs), without a model. */
async function runExample(file: string, cwd = repositoryRoot) {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', INIT_CWD: cwd };
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(repositoryRoot, 'scripts', 'run-example.mjs'), file],
      { cwd: repositoryRoot, env, timeout: 90_000 },
    );
    return { code: 0, stdout, stderr: '' };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? -1, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
  }
}

const importingFile = `import { node, ops } from '@trace/core';
import { MockLLM } from '@trace/llm/test';
console.log('sum', ops.add(node(1), 2).data, typeof MockLLM);
`;

describe('pnpm example', () => {
  test('runs the examples, and any file outside the workspace that imports @trace/*', async () => {
    writeFileSync(join(outside, 'cjs-style.ts'), importingFile); // no package.json: runs as CommonJS
    const esm = mkdtempSync(join(outside, 'module-'));
    writeFileSync(join(esm, 'package.json'), '{ "type": "module" }');
    writeFileSync(join(esm, 'mine.ts'), importingFile);
    const [adam, optoprime, commonjs, module, relative, missing] = await Promise.all([
      runExample('examples/src/adam.ts'),
      runExample('examples/src/optoprime.ts'),
      runExample(join(outside, 'cjs-style.ts')),
      runExample(join(esm, 'mine.ts')),
      runExample('mine.ts', esm), // relative to where pnpm was started
      runExample('no-such-file.ts'),
    ]);
    expect(adam.code, adam.stderr).toBe(0);
    const final = /a \* 3 \+ b = (\S+)$/m.exec(adam.stdout);
    expect(Number(final?.[1])).toBeCloseTo(10, 1);
    expect(optoprime.code, optoprime.stderr).toBe(0);
    expect(optoprime.stdout).toContain(
      'step 1: updated greeting0 "hello, {name}" -> "HELLO, {name}!"',
    );
    expect(optoprime.stdout).toContain('step 2: "HELLO, Ada!"');
    for (const result of [commonjs, module, relative]) {
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toBe('sum 3 function\n');
    }
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No file');
  }, 120_000);

  test('a file outside the workspace can import every published @trace package', async () => {
    const packagesFolder = join(repositoryRoot, 'packages');
    const published = readdirSync(packagesFolder)
      .map((folder) =>
        JSON.parse(readFileSync(join(packagesFolder, folder, 'package.json'), 'utf8')),
      )
      .filter((manifest: { private?: boolean }) => manifest.private !== true)
      .map((manifest: { name: string }) => manifest.name);
    expect(published).toContain('@trace/trainer');
    const file = join(outside, 'every-package.mts');
    writeFileSync(
      file,
      `${published.map((name, index) => `import * as p${index} from '${name}';`).join('\n')}
console.log([${published.map((_, index) => `Object.keys(p${index}).length > 0`).join(', ')}].join(' '));
`,
    );
    const result = await runExample(file);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(published.map(() => 'true').join(' '));
  }, 120_000);
});
