import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { exitMissed, exitOk, exitUsage, listSuites, runSuites } from './run-suites.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, 'fixtures', 'suites');
const repositoryRoot = join(here, '..', '..');

async function run(...args: string[]) {
  const lines: string[] = [];
  const errors: string[] = [];
  const code = await runSuites({
    directory: fixtures,
    args,
    print: (line) => lines.push(line),
    printError: (line) => errors.push(line),
  });
  return { code, out: lines.join('\n'), err: errors.join('\n') };
}

describe('pnpm bench:perf runner', () => {
  test('met targets exit 0 and say so', async () => {
    const result = await run('met');
    expect(result.code).toBe(exitOk);
    expect(result.out).toContain('fixture figure');
    expect(result.out).toContain('(target <= 2 ms: met)');
    expect(result.out).toContain('all targets met (met)');
  });

  test('a missed target exits 1, in a plain run and with --check', async () => {
    for (const args of [['missed'], ['--check', 'missed'], ['missed', 'met']]) {
      const result = await run(...args);
      expect(result.code).toBe(exitMissed);
      expect(result.out).toContain('(target <= 2 ms: MISSED)');
      expect(result.out).toContain('missed: too slow missed its target');
      expect(result.out).not.toContain('all targets met');
    }
  });

  test('a suite that throws fails the run, and the other suites still run', async () => {
    const result = await run('throws', 'met');
    expect(result.code).toBe(exitMissed);
    expect(result.err).toContain('suite throws failed: Error: fixture failure');
    expect(result.out).toContain('# met');
    expect(result.out).toContain('fixture figure');
  });

  test('an unknown suite is an error listing the known suites, and nothing runs', async () => {
    const result = await run('met', 'cor');
    expect(result.code).toBe(exitUsage);
    expect(result.err).toBe(
      'Unknown suite "cor". Known suites: met, misnamed, missed, silent, throws, unjudged. Usage: pnpm bench:perf [--check] [suite ...]',
    );
    expect(result.out).toBe('');
  });

  test('an unknown option is an error (a typo of --check must not run unchecked)', async () => {
    const result = await run('--chek', 'met');
    expect(result.code).toBe(exitUsage);
    expect(result.err).toContain('Unknown option "--chek"');
    expect(result.out).toBe('');
  });

  test('--check also fails a target without a verdict, a NaN figure and a suite with no figure', async () => {
    const plain = await run('unjudged', 'silent');
    expect(plain.code).toBe(exitOk);
    expect(plain.out).toContain('(target <= 2 ms: no verdict)');
    expect(plain.out).toContain('warning: silent: the suite reported no figure');
    expect(plain.out).toContain('warning: unjudged: not a number names a target');
    const checked = await run('--check', 'unjudged', 'silent');
    expect(checked.code).toBe(exitMissed);
    expect(checked.out).toContain('3 failure(s):');
    expect(checked.out).toContain('  unjudged: no verdict names a target (<= 2 ms)');
    expect(checked.out).toContain('  silent: the suite reported no figure');
  });

  test('a suite whose name is not its file name is a failure that says what to fix', async () => {
    const result = await run('misnamed');
    expect(result.code).toBe(exitMissed);
    expect(result.err).toContain('must default-export a BenchmarkSuite named "misnamed"');
  });

  test('the real suites are found by their file names', () => {
    expect(listSuites(here)).toEqual(expect.arrayContaining(['core', 'llm', 'sandbox']));
  });

  test('pnpm bench:perf exits non-zero on an unknown suite without running any suite', () => {
    const child = spawnSync(
      process.execPath,
      [
        join(repositoryRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
        '--conditions=@trace/source',
        'benchmarks/src/main.ts',
        'no-such-suite',
      ],
      { cwd: repositoryRoot, encoding: 'utf8', timeout: 30_000 },
    );
    expect(child.status).toBe(exitUsage);
    expect(child.stderr).toMatch(/Unknown suite "no-such-suite"\. Known suites: .*core.*sandbox/);
    expect(child.stdout).not.toContain('all targets met');
  }, 40_000);
});
