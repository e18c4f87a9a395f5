/**
 * What the fast path between the host and the sandbox worker (shared memory, a bounded spin before
 * sleeping) must not break: messages larger than the shared buffer, Unicode, failures in the middle
 * of a run of calls, host functions inside calls, a worker stopped in the middle, an idle worker.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CodeExecutionError } from '../code/code-execution-error.js';
import type { CompiledCode } from '../code/code-runner.js';
import { createSandboxRunner } from './sandbox-runner.js';
import { inlineCapacityBytes } from './sync-channel.js';

const compiled: CompiledCode[] = [];
afterEach(() => {
  for (const code of compiled.splice(0)) code.dispose();
});

function compile(source: string, options: Parameters<typeof createSandboxRunner>[0] = {}) {
  const code = createSandboxRunner({ timeoutMs: 2_000, ...options }).compile({
    name: 'act',
    source,
  });
  compiled.push(code);
  return code;
}

/** The failure kind of a call, or 'ok:<JSON of the result>'. */
function outcome(code: CompiledCode, args: unknown[]): string {
  try {
    return `ok:${JSON.stringify(code.call(args))}`;
  } catch (error) {
    if (CodeExecutionError.isInstance(error)) return error.kind;
    throw error;
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the channel to the sandbox worker', () => {
  it('carries arguments and results larger than the shared buffer, in any script', () => {
    // The guest copies large data slowly on a loaded machine: a patient limit.
    const echo = compile('(value) => value', { timeoutMs: 30_000 });
    const text = `${'héllo 世界 😀 '.repeat(inlineCapacityBytes / 16)}end`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(inlineCapacityBytes);
    expect(echo.call([text])).toBe(text);
    const build = compile(
      '(count) => ({ rows: Array.from({ length: count }, (_, i) => "€" + i) })',
      { timeoutMs: 30_000 },
    );
    const built = build.call([120_000]) as { rows: string[] };
    expect(JSON.stringify(built).length).toBeGreaterThan(inlineCapacityBytes);
    expect(built.rows).toHaveLength(120_000);
    expect(built.rows[119_999]).toBe('€119999');
    // Small calls right after the large ones still go through shared memory correctly.
    expect(echo.call(['small'])).toBe('small');
  }, 120_000);

  it('keeps lone surrogates in source, arguments, results and host-function errors', () => {
    const code = compile('(value) => [value, "\ud800", echo("\\udc00"), failing()]', {
      hostFunctions: {
        echo: (value: string) => value,
        failing: () => {
          throw new Error('bad \udfff');
        },
      },
    });
    const failure = (() => {
      try {
        code.call(['a\ud83d']);
      } catch (error) {
        return error as CodeExecutionError;
      }
      throw new Error('expected a failure');
    })();
    expect(failure.message).toContain('bad \udfff');
    const fine = compile('(value) => [value, "\ud800", echo("\\udc00")]', {
      hostFunctions: { echo: (value: string) => value },
    });
    expect(fine.call(['a\ud83d'])).toEqual(['a\ud83d', '\ud800', '\udc00']);
  });

  it('runs 100 calls in a row with failures of every kind in between', () => {
    const code = compile(
      `function act(i) {
        switch (i % 5) {
          case 1: throw new Error('odd ' + i);
          case 2: return { f() {} };
          case 3: return undefined.property;
          case 4: if (i % 25 === 4) for (;;) {} return [i, -0, NaN];
          default: return i * 2;
        }
      }`,
      { timeoutMs: 100 },
    );
    for (let index = 0; index < 100; index += 1) {
      const expected = [
        `ok:${index * 2}`,
        'thrown',
        'unserializable-result',
        'thrown',
        index % 25 === 4 ? 'timeout' : `ok:[${index},0,null]`,
      ][index % 5];
      expect(`${index}: ${outcome(code, [index])}`).toBe(`${index}: ${expected}`);
    }
  }, 60_000);

  it('serves 100 calls that each call host functions, one of which fails every third time', () => {
    let calls = 0;
    const code = compile(
      '(x) => { let total = 0; for (let k = 0; k < 3; k++) { try { total += twice(x + k); } catch (e) { total -= 1000; } } return total; }',
      {
        hostFunctions: {
          twice: (value: number) => {
            calls += 1;
            if (calls % 3 === 0) throw new Error('every third');
            return 2 * value;
          },
        },
      },
    );
    for (let index = 0; index < 100; index += 1) {
      // The third host call of each guest call fails.
      expect(code.call([index])).toBe(2 * index + 2 * (index + 1) - 1000);
    }
    expect(calls).toBe(300);
  });

  it('stops a stalled call in the middle of a run; the calls after it work', () => {
    const steady = compile('(x) => x + 1');
    const stall = compile("(n) => n === 5 ? 'a'.repeat(6e4).indexOf('a'.repeat(3e4) + 'b') : n", {
      timeoutMs: 200,
    });
    const results: string[] = [];
    for (let index = 0; index < 10; index += 1) {
      results.push(outcome(stall, [index]), outcome(steady, [index]));
    }
    expect(results).toEqual(
      Array.from({ length: 10 }, (_, index) => [
        index === 5 ? 'timeout' : `ok:${index}`,
        `ok:${index + 1}`,
      ]).flat(),
    );
  }, 60_000);

  it('answers after the worker has been idle long enough to sleep, and does not spin while idle', async () => {
    const code = compile('(x) => x * 3');
    expect(code.call([1])).toBe(3);
    const before = process.cpuUsage();
    const idleMs = 400;
    await pause(idleMs);
    const used = process.cpuUsage(before);
    // A worker spinning while idle would use about as much CPU as the idle time.
    expect((used.user + used.system) / 1000).toBeLessThan(idleMs / 4);
    expect(code.call([2])).toBe(6);
    for (let round = 0; round < 5; round += 1) {
      await pause(20);
      expect(code.call([round])).toBe(round * 3);
    }
  });

  it('runs async functions and host calls after an await', () => {
    const code = compile(
      'async (x) => { await null; const y = twice(x); await Promise.resolve(); return y + 1; }',
      {
        hostFunctions: { twice: (value: number) => 2 * value },
      },
    );
    for (let index = 0; index < 50; index += 1) expect(code.call([index])).toBe(2 * index + 1);
  });
});
