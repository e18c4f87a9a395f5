/**
 * Failures are reported truthfully and in bounded size (issue 11), arguments too large for the
 * sandbox are the input's fault (issue 16, item 13), and SharedArrayBuffer/Atomics are absent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CodeExecutionError } from '../code/code-execution-error.js';
import type { CompiledCode } from '../code/code-runner.js';
import { cutMark, failureCaps } from './failure-caps.js';
import { createSandboxRunner } from './sandbox-runner.js';

const megabyte = 1024 * 1024;
const compiled: CompiledCode[] = [];
afterEach(() => {
  for (const code of compiled.splice(0)) code.dispose();
});

function compile(source: string, options: Parameters<typeof createSandboxRunner>[0] = {}) {
  const code = createSandboxRunner({ timeoutMs: 20_000, ...options }).compile({
    name: 'act',
    source,
  });
  compiled.push(code);
  return code;
}

function failureOf(run: () => unknown): CodeExecutionError {
  try {
    run();
  } catch (error) {
    if (CodeExecutionError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

const messageCap = failureCaps.failureMessageChars + cutMark.length;

describe('failure reports are bounded', () => {
  it('cuts a 20 MB error name, message and a huge thrown string', { timeout: 120_000 }, () => {
    const cases = [
      "() => { const error = new Error('boom'); error.name = 'N'.repeat(20e6); throw error; }",
      "() => { throw new RangeError('m'.repeat(10e6)); }",
      "() => { throw 's'.repeat(10e6); }",
      "() => { throw { name: 'n'.repeat(5e6), message: 'x'.repeat(5e6), stack: 'at '.repeat(1e6) }; }",
    ];
    for (const source of cases) {
      const failure = failureOf(() => compile(source).call([]));
      expect(failure.kind).toBe('thrown');
      expect(failure.message.length).toBeLessThanOrEqual(messageCap);
      expect(failure.message).toContain(cutMark);
    }
  });

  it('cuts console output to the documented lines and characters', { timeout: 120_000 }, () => {
    const code = compile(
      "() => { for (let i = 0; i < 500; i++) console.log('y'.repeat(1e5)); throw new Error('after'); }",
    );
    const failure = failureOf(() => code.call([]));
    const lines = failure.message.split('\n').filter((line) => line.startsWith('  log:'));
    expect(lines.length).toBe(failureCaps.consoleLines);
    for (const line of lines) {
      expect(line.length).toBeLessThanOrEqual(failureCaps.consoleLineChars + cutMark.length + 2);
    }
    expect(failure.message.length).toBeLessThanOrEqual(messageCap);
  });

  it('reports a result too large to copy out as a memory failure, never internal', {
    timeout: 120_000,
  }, () => {
    for (const size of [6e6, 9e6, 12e6, 20e6]) {
      const code = compile(`() => 'x'.repeat(${size})`, { memoryBytes: 32 * megabyte });
      let kind = 'no failure';
      try {
        expect((code.call([]) as string).length).toBe(size);
      } catch (error) {
        kind = CodeExecutionError.isInstance(error) ? error.kind : 'foreign';
        if (kind === 'memory') expect((error as Error).message).toMatch(/memory|too large/i);
      }
      expect(['no failure', 'memory']).toContain(kind);
    }
  });
});

describe('inputs too large for the sandbox', () => {
  it('blames the input, not the code, and keeps the engine', { timeout: 120_000 }, () => {
    const code = compile(
      'function act(text) { globalThis.calls = (globalThis.calls ?? 0) + 1; return [calls, text.length]; }',
      { memoryBytes: 8 * megabyte },
    );
    expect(code.call(['small'])).toEqual([1, 5]);
    for (const size of [6 * megabyte, 20 * megabyte]) {
      const failure = failureOf(() => code.call(['z'.repeat(size)]));
      expect(failure.kind).toBe('unserializable-argument');
      expect(failure.message).toContain('too large to enter the sandbox');
      expect(failure.message).toContain('not caused by the code');
    }
    // Same engine: the global the code keeps is still there.
    expect(code.call(['again'])).toEqual([2, 5]);
  });
});

describe('what the sandbox has', () => {
  it('has neither SharedArrayBuffer nor Atomics, and says so when code uses them', () => {
    expect(compile('() => [typeof SharedArrayBuffer, typeof Atomics]').call([])).toEqual([
      'undefined',
      'undefined',
    ]);
    const failure = failureOf(() => compile('() => new SharedArrayBuffer(8)').call([]));
    expect(failure.kind).toBe('unavailable-global');
    expect(failure.message).toContain('`SharedArrayBuffer` is not available');
    const atomics = failureOf(() => compile('() => Atomics.add(new Int32Array(1), 0, 1)').call([]));
    expect(atomics.kind).toBe('unavailable-global');
  });
});

describe('code nested too deeply for the parser', () => {
  it('says the code is nested too deeply instead of a syntax error at line 1', () => {
    const depth = 100_000;
    const source = `function act() {\n  return ${'['.repeat(depth)}${']'.repeat(depth)};\n}`;
    const failure = failureOf(() => compile(source));
    expect(failure.kind).toBe('syntax');
    expect(failure.message).toContain('the code is nested too deeply');
  });
});
