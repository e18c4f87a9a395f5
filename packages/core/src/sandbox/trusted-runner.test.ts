import { describe, expect, it } from 'vitest';
import { CodeExecutionError } from '../code/code-execution-error.js';
import { createTrustedRunner } from './trusted-runner.js';

function failureOf(run: () => unknown): CodeExecutionError {
  try {
    run();
  } catch (error) {
    if (CodeExecutionError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a CodeExecutionError');
}

async function asyncFailureOf(run: () => unknown): Promise<CodeExecutionError> {
  try {
    await run();
  } catch (error) {
    if (CodeExecutionError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a CodeExecutionError');
}

describe('createTrustedRunner', () => {
  const runner = createTrustedRunner({ timeoutMs: 100 });

  it('runs code in-process, passing host objects by reference', () => {
    expect(runner.kind).toBe('trusted');
    const code = runner.compile({
      name: 'act',
      source:
        'function act(map: string[][], counter: { calls: number }) {\n  counter.calls++;\n  return [map.length, 0];\n}',
    });
    const counter = { calls: 0 };
    expect(code.call([[['.']], counter])).toEqual([1, 0]);
    expect(counter.calls).toBe(1);
  });

  it('puts host functions in scope by name', () => {
    const trusted = createTrustedRunner({
      hostFunctions: { double: (value: number) => value * 2 },
    });
    const code = trusted.compile({ name: 'act', source: '(x) => double(x) + 1' });
    expect(code.call([20])).toBe(41);
  });

  it('reports a thrown error with its line in the submitted source', () => {
    const code = runner.compile({
      name: 'act',
      source:
        'function act(map) {\n  const size = map.length;\n  return helper(size);\n  function helper(n) {\n    return n.missing.value;\n  }\n}',
    });
    const failure = failureOf(() => code.call([[]]));
    expect(failure.kind).toBe('thrown');
    expect(failure.line).toBe(5);
    expect(failure.message).toContain('TypeError');
    expect(failure.message).toContain('called from line 3 (act)');
    expect(failure.message).toContain('5 |     return n.missing.value;');
  });

  it('reports syntax errors with the line before running anything', () => {
    const failure = failureOf(() =>
      runner.compile({ name: 'act', source: 'function act() {\n\n  return 1 +;\n}' }),
    );
    expect(failure.kind).toBe('syntax');
    expect(failure.line).toBe(3);
    expect(failure.message).not.toMatch(/\.\./);
  });

  it('reports deep recursion as a stack overflow', () => {
    const code = runner.compile({
      name: 'act',
      source: 'function act(n) {\n  return act(n + 1) + 1;\n}',
    });
    expect(failureOf(() => code.call([0])).kind).toBe('stack-overflow');
  });

  it('returns a promise for async code and classifies its rejection', async () => {
    const code = runner.compile({
      name: 'act',
      source:
        'async function act(x) {\n  await null;\n  if (x < 0) throw new RangeError("negative");\n  return x;\n}',
    });
    await expect(code.call([3])).resolves.toBe(3);
    const failure = await asyncFailureOf(() => code.call([-1]));
    expect(failure.kind).toBe('thrown');
    expect(failure.line).toBe(3);
    expect(failure.message).toContain('RangeError: negative');
  });

  it('rejects a promise that does not settle within the time limit', async () => {
    const code = runner.compile({
      name: 'act',
      source: 'async function act() { await new Promise(() => {}); }',
    });
    const failure = await asyncFailureOf(() => code.call([]));
    expect(failure.kind).toBe('timeout');
    expect(failure.message).toContain('100 ms');
  });

  it('refuses calls after dispose', () => {
    const code = runner.compile({ name: 'act', source: '() => 1' });
    code.dispose();
    expect(failureOf(() => code.call([])).kind).toBe('internal');
  });
});
