import { afterEach, describe, expect, it } from 'vitest';
import { CodeExecutionError } from '../code/code-execution-error.js';
import type { CompiledCode } from '../code/code-runner.js';
import { TraceError } from '../errors/trace-error.js';
import { createSandboxRunner } from './sandbox-runner.js';

const compiled: CompiledCode[] = [];
afterEach(() => {
  for (const code of compiled.splice(0)) code.dispose();
});

function compile(source: string, options: Parameters<typeof createSandboxRunner>[0] = {}) {
  const code = createSandboxRunner({ timeoutMs: 500, ...options }).compile({ name: 'act', source });
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
  throw new Error('expected a CodeExecutionError');
}

const battleshipSource = `function act(map, plan) {
  // Fire at the first unknown cell next to a hit, else at the first unknown cell in plan order.
  const size = map.length;
  const unknown = (row, col) => row >= 0 && col >= 0 && row < size && col < size && map[row][col] === '.';
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (map[row][col] !== 'X') continue;
      for (const [dr, dc] of [[-1, 0], [1, 0], [0, -1], [0, 1]]) {
        if (unknown(row + dr, col + dc)) return [row + dr, col + dc];
      }
    }
  }
  for (const [row, col] of plan.order) {
    if (unknown(row, col)) return [row, col];
  }
  return null;
}`;

function emptyBoard(): string[][] {
  return Array.from({ length: 8 }, () => Array.from({ length: 8 }, () => '.'));
}

describe('createSandboxRunner: ordinary code', () => {
  it('runs a Battleship-style act(map, plan) and returns coordinates', () => {
    const code = compile(battleshipSource);
    const board = emptyBoard();
    board[3]![4] = 'X';
    board[2]![4] = 'O';
    const plan = {
      order: [
        [0, 0],
        [7, 7],
      ],
    };
    expect(code.call([board, plan])).toEqual([4, 4]);
    expect(code.call([emptyBoard(), plan])).toEqual([0, 0]);
    const full = emptyBoard().map((row) => row.map(() => 'O'));
    expect(code.call([full, plan])).toBeNull();
  });

  it('runs a string-processing function', () => {
    const code = compile(`function summarize(text, limit) {
      const words = text.toLowerCase().match(/[a-z']+/g) ?? [];
      const counts = {};
      for (const word of words) counts[word] = (counts[word] ?? 0) + 1;
      return Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit).map(([word]) => word);
    }`);
    expect(code.call(['The cat and the hat; the END. And...', 2])).toEqual(['the', 'and']);
    expect(code.call(['ünïcode ünïcode 🙂', 1])).toEqual(['code']);
    expect(compile('(text) => text + "!"').call(['ünï 🙂 \u0000 \ud800'])).toBe(
      'ünï 🙂 \u0000 \ud800!',
    );
  });

  it('runs an async function synchronously and returns its resolved value', () => {
    const code = compile(`async function act(values) {
      const doubled = await Promise.all(values.map(async (value) => value * 2));
      await null;
      return doubled.reduce((sum, value) => sum + value, 0);
    }`);
    const result = code.call([[1, 2, 3]]);
    expect(result).toBe(12);
  });

  it('reports a rejected async function as a thrown error with its line', () => {
    const code = compile(
      'async function act() {\n  await null;\n  throw new RangeError("no moves left");\n}',
    );
    const failure = failureOf(() => code.call([]));
    expect(failure.kind).toBe('thrown');
    expect(failure.line).toBe(3);
    expect(failure.message).toContain('RangeError: no moves left');
  });

  it('accepts TypeScript: annotations, interfaces, generics, enums, as and non-null', () => {
    const code =
      compile(`function act<T extends string>(map: T[][], plan: { first: [number, number] }): [number, number] {
  interface Cell { row: number; col: number }
  enum Mark { Miss = 'O', Hit = 'X' }
  const cell: Cell = { row: plan.first[0], col: plan.first[1] };
  const hit = (map[cell.row]![cell.col] as string) === Mark.Hit;
  return hit ? [cell.row + 1, cell.col] : [cell.row, cell.col];
}`);
    const board = emptyBoard();
    board[1]![1] = 'X';
    expect(code.call([board, { first: [1, 1] }])).toEqual([2, 1]);
  });

  it('accepts arrow functions, function expressions and method shorthand', () => {
    expect(compile('(a, b) => a + b').call([2, 3])).toBe(5);
    expect(compile('(function (a) { return -a; })').call([2])).toBe(-2);
    expect(compile('act(map) {\n  return map.length;\n}').call([[1, 2, 3]])).toBe(3);
    expect(compile('async act(x: number) { return x + 1; }').call([1])).toBe(2);
  });

  it('keeps undefined, NaN and infinities across the boundary', () => {
    const code = compile('(input) => [input, undefined, NaN, -Infinity, { kept: undefined }]');
    const result = code.call([
      { value: Number.POSITIVE_INFINITY, missing: undefined },
    ]) as unknown[];
    expect(result[0]).toEqual({ value: Number.POSITIVE_INFINITY, missing: undefined });
    expect(Object.hasOwn(result[0] as object, 'missing')).toBe(true);
    expect(result[1]).toBeUndefined();
    expect(result[2]).toBeNaN();
    expect(result[3]).toBe(Number.NEGATIVE_INFINITY);
    expect(Object.hasOwn(result[4] as object, 'kept')).toBe(true);
  });

  it('runs the code with this undefined, and says so when the code reads this', () => {
    const probe = compile('function act() { return typeof this; }');
    expect(probe.call([], { offset: 41 })).toBe('undefined');
    const code = compile('function act(x) { return this.offset + x; }');
    const failure = failureOf(() => code.call([1], { offset: 41 }));
    expect(failure.kind).toBe('thrown');
    expect(failure.message).toContain('TypeError');
    expect(failure.message).toContain('`this` is undefined in sandboxed code');
    const arrow = compile('(x) => typeof this + x');
    expect(arrow.call(['!'])).toBe('undefined!');
  });

  it('compiles once and reuses the VM: state of one version persists across its calls', () => {
    const code = compile(
      'function act() { globalThis.count = (globalThis.count ?? 0) + 1; return count; }',
    );
    expect([code.call([]), code.call([]), code.call([])]).toEqual([1, 2, 3]);
    const other = compile('function act() { return typeof globalThis.count; }');
    expect(other.call([])).toBe('undefined');
  });

  it('serves a host function that calls other sandboxed code, and one that disposes code', () => {
    const inner = compile('(x) => x * 10');
    const doomed = compile('() => "doomed"');
    const outer = compile('(x) => viaInner(x) + viaInner(x + 1) + dropOther()', {
      hostFunctions: {
        viaInner: (x: number) => inner.call([x]),
        dropOther: () => {
          doomed.dispose();
          return 0;
        },
      },
    });
    expect(outer.call([1])).toBe(30);
    expect(inner.call([4])).toBe(40);
    expect(failureOf(() => doomed.call([])).kind).toBe('internal');
    // A stalled nested call stops the worker: the outer call reports it without hanging.
    const stall = compile("() => 'a'.repeat(6e4).indexOf('a'.repeat(3e4) + 'b')", {
      timeoutMs: 200,
    });
    const viaStall = compile('() => callStall()', {
      timeoutMs: 20_000,
      hostFunctions: { callStall: () => stall.call([]) },
    });
    const failure = failureOf(() => viaStall.call([]));
    expect(failure.kind).toBe('internal');
    expect(failure.message).toContain('waited for a host function');
    expect(outer.call([2])).toBe(50);
  }, 60_000);

  it('calls allowed host functions with copies of data', () => {
    const seen: unknown[] = [];
    const table = { a: { score: 1 } };
    const code = compile(
      `function act(key) {
        const entry = lookup(key);
        entry.score = 99;
        return [entry, lookup(key), record({ key, when: 'now' })];
      }`,
      {
        hostFunctions: {
          lookup: (key: string) => table[key as 'a'],
          record: (value: unknown) => {
            seen.push(value);
            return seen.length;
          },
        },
      },
    );
    expect(code.call(['a'])).toEqual([{ score: 99 }, { score: 1 }, 1]);
    expect(table.a.score).toBe(1);
    expect(seen).toEqual([{ key: 'a', when: 'now' }]);
  });

  it('turns a host function failure into an error inside the code', () => {
    const code = compile('function act() {\n  return lookup("missing");\n}', {
      hostFunctions: {
        lookup: () => {
          throw new Error('no such key');
        },
      },
    });
    const failure = failureOf(() => code.call([]));
    expect(failure.kind).toBe('thrown');
    expect(failure.line).toBe(2);
    expect(failure.message).toContain('host function lookup failed: no such key');
  });

  it('refuses asynchronous host functions with an explanation', () => {
    const code = compile('function act() { return lookup(); }', {
      hostFunctions: { lookup: async () => 1 },
    });
    expect(failureOf(() => code.call([])).message).toContain('must be synchronous');
  });

  it('includes console output in failure messages and never prints it', () => {
    const code = compile(
      'function act(x) {\n  console.log("x is", x, { deep: [1] });\n  return x.y.z;\n}',
    );
    const failure = failureOf(() => code.call([{}]));
    expect(failure.kind).toBe('thrown');
    expect(failure.message).toContain('log: x is {} {"deep":[1]}');
  });

  it('rejects invalid options with an INVALID_ARGUMENT error', () => {
    const codeOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return TraceError.isInstance(error) ? error.code : 'other';
      }
      return 'none';
    };
    expect(codeOf(() => createSandboxRunner({ timeoutMs: 0 }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => createSandboxRunner({ memoryBytes: 1024 }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => createSandboxRunner({ hostFunctions: { JSON: () => 1 } }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => createSandboxRunner({ hostFunctions: { 'not-a-name': () => 1 } }))).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it('reports syntax errors at compile time with the line', () => {
    const runner = createSandboxRunner();
    const failure = failureOf(() =>
      runner.compile({ name: 'act', source: 'function act(map) {\n  const x = ;\n}' }),
    );
    expect(failure.kind).toBe('syntax');
    expect(failure.line).toBe(2);
    expect(failure.message).toContain('line 2');
    expect(failure.message).toContain('const x = ;');
    expect(failure.message).not.toMatch(/\.\./);
  });

  it('reports two top-level functions as a syntax problem that says what to do', () => {
    const runner = createSandboxRunner();
    const failure = failureOf(() =>
      runner.compile({ name: 'act', source: 'function helper() {}\nfunction act() {}' }),
    );
    expect(failure.kind).toBe('syntax');
    expect(failure.message).toContain('exactly one function');
    expect(failure.message).toContain('inside its body');
  });

  it('refuses calls after dispose', () => {
    const code = compile('() => 1');
    code.dispose();
    code.dispose();
    const failure = failureOf(() => code.call([]));
    expect(failure.kind).toBe('internal');
    expect(failure.message).toContain('compile the source again');
  });
});
