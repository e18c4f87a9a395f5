import { describe, expect, test } from 'vitest';
import { noTrace } from '../context/no-trace.js';
import { scope } from '../context/scope.js';
import { TraceError } from '../errors/trace-error.js';
import { TraceExecutionError } from '../errors/trace-execution-error.js';
import { node } from '../graph/create-node.js';
import { ExceptionNode } from '../graph/exception-node.js';
import { MessageNode } from '../graph/message-node.js';
import { Node } from '../graph/node.js';
import { bundle } from './bundle.js';

function executionError(work: () => unknown): TraceExecutionError {
  try {
    work();
  } catch (error) {
    if (TraceExecutionError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a TraceExecutionError');
}

describe('bundle()', () => {
  const greet = bundle(
    function greet(greeting: string, name: string) {
      return `${greeting}, ${name}!`;
    },
    { description: '[greet] Greets someone.' },
  );

  test('records inputs by parameter name, the description and the source', () => {
    const result = scope(() => greet(node('Hello', { name: 'greeting' }), 'Ada'));
    expect(result).toBeInstanceOf(MessageNode);
    expect(result.data).toBe('Hello, Ada!');
    expect(result.name).toBe('greet:0');
    expect(Object.keys(result.inputs)).toEqual(['greeting', 'name']);
    expect(result.inputs.greeting?.name).toBe('greeting:0');
    expect(result.inputs.name?.data).toBe('Ada');
    expect(result.inputs.name?.name).toBe('string:0');
    expect(result.description).toBe('[greet] Greets someone.');
    expect(result.operator.source).toContain('function greet(greeting, name)');
    expect(greet.operator.inputNames).toEqual(['greeting', 'name']);
  });

  test('generates a description from the signature when none is given', () => {
    const scale = bundle(function scale(value: number, factor: number) {
      return value * factor;
    });
    expect(scale.operator.description).toBe('[scale] Computes scale(value, factor).');
  });

  test('handles arrow functions, defaults, destructuring and rest parameters', () => {
    const summarize = bundle(
      ({ a }: { a: number }, b: number = 2, ...rest: number[]) => a + b + rest.length,
      {
        name: 'summarize',
      },
    );
    const out = summarize({ a: 1 }, 3, 7, 8);
    expect(out.data).toBe(6);
    expect(out.inputNames).toEqual(['arg0', 'b', 'rest_0', 'rest_1']);
  });

  test('async functions return a promise of a message node', async () => {
    const slowDouble = bundle(async function slowDouble(value: number) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return value * 2;
    });
    const pending = slowDouble(node(21));
    expect(pending).toBeInstanceOf(Promise);
    const result = await pending;
    expect(result.data).toBe(42);
    expect(result.parents[0]?.data).toBe(21);
  });

  test('an exception becomes an ExceptionNode with the failing line marked', () => {
    const risky = bundle(function risky(value: number) {
      const half = value / 2;
      if (half > 1) throw new RangeError(`half is ${half}`);
      return half;
    });
    const x = node(4, { name: 'x', trainable: true });
    const error = executionError(() => risky(x));
    const exception = error.exceptionNode;
    expect(exception).toBeInstanceOf(ExceptionNode);
    expect(exception.parents).toEqual([x]);
    expect(exception.name).toMatch(/^exception_risky:/);
    expect(exception.data).toContain("Error in operator 'risky', line 3: RangeError: half is 2");
    expect(exception.data).toMatch(/>> 3 \|.*throw new RangeError/);
    expect(error.message).toBe(exception.data);
    expect(error.code).toBe('EXECUTION');
    expect((exception.error as Error).message).toBe('half is 2');
  });

  test('async failures become exception nodes too', async () => {
    const failing = bundle(async function failing(value: number) {
      await Promise.resolve();
      throw new Error(`cannot use ${value}`);
    });
    await expect(failing(3)).rejects.toSatisfy(
      (error: unknown) =>
        TraceExecutionError.isInstance(error) &&
        error.exceptionNode.data.includes('Error: cannot use 3'),
    );
  });

  test('catchExecutionError: false rethrows the original error', () => {
    const failing = bundle(
      function failing() {
        throw new TypeError('plain');
      },
      { catchExecutionError: false },
    );
    expect(() => failing()).toThrow(TypeError);
  });

  test('reading a node not passed in is a clear error', () => {
    const hidden = node(5, { name: 'hidden' });
    const leaky = bundle(function leaky(value: number) {
      return value + hidden.data;
    });
    expect(() => leaky(1)).toThrow(TraceError);
    expect(() => leaky(1)).toThrow(/read node 'hidden:\d+' without receiving it as an argument/);
  });

  test('allowExternalDependencies records external reads as inputs', () => {
    const hidden = node(5, { name: 'hidden' });
    const leaky = bundle(
      function leaky(value: number) {
        return value + hidden.data;
      },
      { allowExternalDependencies: true },
    );
    const out = leaky(1);
    expect(out.data).toBe(6);
    expect(out.parents).toContain(hidden);
    expect(out.inputNames).toEqual(['value', hidden.label]);
  });

  test('operators called inside an operator run as plain functions', () => {
    const inner = bundle(function inner(value: number) {
      return value + 1;
    });
    const outer = bundle(function outer(value: number) {
      return (inner(value) as unknown as number) * 10;
    });
    const out = outer(node(1));
    expect(out.data).toBe(20);
    expect(out.parents.map((parent) => parent.data)).toEqual([1]);
  });

  test('noTrace computes without recording parents', () => {
    const x = node(2);
    const double = bundle(function double(value: number) {
      return value * 2;
    });
    const out = noTrace(() => double(x));
    expect(out).toBeInstanceOf(Node);
    expect(out).not.toBeInstanceOf(MessageNode);
    expect(out.data).toBe(4);
    expect(out.parents).toEqual([]);
  });
});

describe('trainable operators (code parameters)', () => {
  test('the source is a trainable parameter and outputs depend on it', () => {
    const act = bundle(
      function act(position: number) {
        return position + 1;
      },
      { trainable: true, execution: 'trusted' },
    );
    const code = act.parameter!;
    expect(code.trainable).toBe(true);
    expect(code.data).toContain('function act(position)');
    const out = act(1);
    expect(out.data).toBe(2);
    expect(out.parents).toContain(code);
    expect(out.inputNames).toEqual(['position', '__code']);
  });

  test('after the code parameter changes, the next call runs the new code', () => {
    const act = bundle(
      function act(position: number) {
        return position + 1;
      },
      { trainable: true, execution: 'trusted' },
    );
    expect(act(1).data).toBe(2);
    act.parameter!.data = 'function act(position) {\n  return position * 100;\n}';
    expect(act(2).data).toBe(200);
  });

  test('code that does not compile becomes an exception node that depends on the code', () => {
    const act = bundle(
      function act(position: number) {
        return position + 1;
      },
      { trainable: true, execution: 'trusted' },
    );
    act.parameter!.data = 'function act(position) { return position +; }';
    const error = executionError(() => act(1));
    expect(error.exceptionNode.parents).toContain(act.parameter);
    expect(error.exceptionNode.data).toMatch(
      /^Error in operator 'act': the code does not compile: SyntaxError at line 1/,
    );
    // Fixing the code makes the operator work again.
    act.parameter!.data = 'function act(position) { return position - 1; }';
    expect(act(1).data).toBe(0);
  });
});

describe('code proposals', () => {
  test('checkCodeProposal compiles with the operator runner and reports why code is rejected', async () => {
    const { checkCodeProposal, isCodeParameter, codeParameterOperatorName } = await import(
      './code-parameters.js'
    );
    const act = bundle(
      function act(position: number) {
        return position + 1;
      },
      { trainable: true, execution: 'trusted' },
    );
    const code = act.parameter!;
    expect(isCodeParameter(code)).toBe(true);
    expect(isCodeParameter(node('x', { trainable: true }))).toBe(false);
    expect(codeParameterOperatorName(code)).toBe('act');
    expect(checkCodeProposal(code, 'function act(p) { return p * 2; }')).toEqual({ ok: true });
    const broken = checkCodeProposal(code, 'function act(p) { return p *; }');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.reason).toMatch(/does not compile/);
    expect(checkCodeProposal(code, 42)).toEqual({
      ok: false,
      reason: 'the new code must be a non-empty string holding one function',
    });
    // Checking a proposal does not change the parameter.
    expect(code.data).toContain('position + 1');
    expect(act(1).data).toBe(2);
    // Checking a proposal after the operator ran leaves the live version working, and the checked
    // version is used once the parameter takes it.
    expect(checkCodeProposal(code, 'function act(p) { return p * 3; }')).toEqual({ ok: true });
    expect(act(1).data).toBe(2);
    code.data = 'function act(p) { return p * 3; }';
    expect(act(2).data).toBe(6);
  });
});

describe('names under transpilers that rename functions', () => {
  test('the operator takes fn.name and the source header gets the real name back', () => {
    // What esbuild emits for `const act = bundle(function act() {})` next to another `act`.
    const renamed = new Function(
      'const f = function act2(x) { return x + 1; }; Object.defineProperty(f, "name", { value: "act" }); return f;',
    )() as (x: number) => number;
    const act = bundle(renamed, { trainable: true, execution: 'trusted' });
    expect(act.operator.name).toBe('act');
    expect(act.parameter!.data).toBe('function act(x) { return x + 1; }');
    expect(act(1).data).toBe(2);
  });

  test('a recursive function keeps its renamed header (its body refers to it)', () => {
    const renamed = new Function(
      'const f = function count2(n) { return n <= 0 ? 0 : 1 + count2(n - 1); }; Object.defineProperty(f, "name", { value: "count" }); return f;',
    )() as (n: number) => number;
    const count = bundle(renamed);
    expect(count.operator.name).toBe('count');
    expect(count.operator.source).toContain('function count2(n)');
    expect(count(3).data).toBe(3);
  });
});
