import { describe, expect, test } from 'vitest';
import { noTrace } from '../context/no-trace.js';
import { TraceError } from '../errors/trace-error.js';
import { TraceExecutionError } from '../errors/trace-execution-error.js';
import { node } from '../graph/create-node.js';
import { MessageNode } from '../graph/message-node.js';
import type { Node } from '../graph/node.js';
import { ops } from '../ops/index.js';
import { bundle } from './bundle.js';
import { checkCodeProposal } from './code-parameters.js';

const inner = bundle(function inner(value: number) {
  return value + 5;
});
const outer = bundle(function outer(value: number) {
  return (inner(value) as unknown as number) + 0;
});

function missingInput(work: () => unknown): TraceError {
  try {
    work();
  } catch (error) {
    if (TraceError.isInstance(error) && error.code === 'MISSING_INPUT') return error;
    throw error;
  }
  throw new Error('expected MISSING_INPUT');
}

describe('noTrace runs operators like traced calls, without the graph', () => {
  test('nested operators run as plain functions on plain values under noTrace too', () => {
    expect(outer(3).data).toBe(8);
    const untraced = noTrace(() => outer(3));
    expect(untraced.data).toBe(8);
    expect(untraced).not.toBeInstanceOf(MessageNode);
    expect(untraced.parents).toEqual([]);
  });

  test('async nested operators under noTrace: plain values after awaits too', async () => {
    const slowInner = bundle(async function slowInner(value: number) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return value * 2;
    });
    const slowOuter = bundle(async function slowOuter(value: number) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      const doubled = (await slowInner(value)) as unknown as number;
      return doubled + 1;
    });
    expect((await slowOuter(4)).data).toBe(9);
    expect((await noTrace(() => slowOuter(4))).data).toBe(9);
  });

  test('a hidden read fails under noTrace as it does when traced', () => {
    const hidden = node(10, { name: 'hidden' });
    const reads = bundle(function reads(value: number) {
      return value + hidden.data;
    });
    missingInput(() => reads(1));
    missingInput(() => noTrace(() => reads(1)));
  });
});

describe('returning a node the call did not receive is a read', () => {
  test('fails with MISSING_INPUT, traced and under noTrace, and names the node', () => {
    const captured = node(7, { name: 'captured', trainable: true });
    const leak = bundle(function leak(_value: number) {
      return captured;
    });
    expect(missingInput(() => leak(1)).message).toMatch(/returned node 'captured:0'/);
    missingInput(() => noTrace(() => leak(1)));
  });

  test('with allowExternalDependencies, it is recorded as an extra input and gets feedback', () => {
    const captured = node(7, { name: 'captured', trainable: true });
    const leak = bundle(
      function leak(_value: number) {
        return captured;
      },
      { allowExternalDependencies: true },
    );
    const out = leak(1);
    expect(out.data).toBe(7);
    expect(out.parents).toContain(captured);
    out.backward('too high');
    expect(captured.feedback).toHaveLength(1);
  });

  test('a captured node returned inside an array or record is a read too', () => {
    const captured = node(7, { name: 'captured', trainable: true });
    const inArray = bundle(function inArray(value: number) {
      return [value, captured];
    });
    const inRecord = bundle(function inRecord(value: number) {
      return { value, captured };
    });
    expect(missingInput(() => inArray(1)).message).toMatch(/returned node 'captured:\d+'/);
    missingInput(() => inRecord(1));
    const allowed = bundle(
      function allowed(value: number) {
        return { value, captured };
      },
      { allowExternalDependencies: true },
    );
    const out = allowed(1);
    expect(out.data).toEqual({ value: 1, captured: 7 });
    expect(out.parents).toContain(captured);
  });

  test('returning an input node keeps its value, as before', () => {
    const passThrough = bundle(function passThrough(value: Node<number>) {
      return value;
    });
    const x = node(3);
    expect((passThrough as unknown as (x: Node<number>) => MessageNode<number>)(x).data).toBe(3);
  });

  test('an async operator returning a captured node rejects with MISSING_INPUT', async () => {
    const captured = node('secret', { name: 'captured' });
    const leak = bundle(async function leak(_value: number) {
      await Promise.resolve();
      return captured;
    });
    await expect(leak(1)).rejects.toMatchObject({ code: 'MISSING_INPUT' });
  });
});

describe('plain functions that return promises keep the operator frame after their awaits', () => {
  test('a hidden read after the first await is caught', async () => {
    const hidden = node(10, { name: 'hidden' });
    const later = bundle((value: number) =>
      new Promise((resolve) => setTimeout(resolve, 1)).then(() => value + hidden.data),
    );
    await expect(later(1)).rejects.toMatchObject({ code: 'MISSING_INPUT' });
  });

  test('nested operators after the first await run as plain functions (no stray nodes)', async () => {
    const later = bundle(function later(value: number) {
      return Promise.resolve().then(() => inner(value));
    });
    const out = await later(1);
    expect(out).toBeInstanceOf(MessageNode);
    expect(out.data).toBe(6);
    expect(out.parents.map((parent) => parent.data)).toEqual([1]);
  });

  test('a failure after the first await is feedback (a rejected promise), like an async function', async () => {
    const later = bundle(function later(_value: number) {
      return Promise.resolve().then(() => {
        throw new Error('no answer');
      });
    });
    const error = await later(1).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(TraceExecutionError.isInstance(error)).toBe(true);
  });

  test('a trusted proposal that turns a synchronous operator async keeps the frame after await', async () => {
    const hidden = node(10, { name: 'hidden' });
    const act = bundle(
      function act() {
        return 1;
      },
      // Trusted code can reach host objects; a host function stands for any such reach.
      {
        trainable: true,
        execution: 'trusted',
        sandbox: { hostFunctions: { peek: () => hidden.data } },
      },
    );
    expect(act().data).toBe(1);
    act.parameter!.data = 'async function act() { await null; return peek(); }';
    const result = act() as unknown as Promise<MessageNode<number>>;
    expect(result).toBeInstanceOf(Promise);
    // The trusted runner reports the host's MISSING_INPUT as the code's failure: the read was caught.
    const error = await result.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(TraceExecutionError.isInstance(error)).toBe(true);
    expect((error as TraceExecutionError).exceptionNode.data).toMatch(
      /read node 'hidden:\d+' without receiving it/,
    );
  });
});

describe('generators are refused with a clear error', () => {
  test('bundle() refuses generator functions, sync and async', () => {
    expect(() =>
      bundle(function* numbers(count: number) {
        for (let index = 0; index < count; index += 1) yield index;
      }),
    ).toThrow(/generator function.*Collect the values inside the operator/);
    expect(() =>
      bundle(async function* numbers() {
        yield 1;
      }),
    ).toThrow(/generator function/);
  });

  test('a proposal that is a generator is refused before it is adopted', () => {
    const act = bundle(
      function act(value: number) {
        return value;
      },
      { trainable: true, execution: 'trusted' },
    );
    const verdict = checkCodeProposal(act.parameter!, 'function* act(value) { yield value; }');
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? '' : verdict.reason).toMatch(/generator function/);
  });
});

describe('operator names', () => {
  test('a bound function is named after its target, without the `bound ` prefix', () => {
    const agent = {
      factor: 3,
      act(value: number) {
        return value * this.factor;
      },
    };
    const act = bundle(agent.act.bind(agent));
    expect(act.operator.name).toBe('act');
    const out = act(2);
    expect(out.data).toBe(6);
    expect(out.name).toMatch(/^act:\d+$/);
    const twice = bundle(agent.act.bind(agent).bind(null));
    expect(twice.operator.name).toBe('act');
  });

  test('a bound function cannot be trainable: it has no source; the error says what to pass', () => {
    const agent = {
      act(value: number) {
        return value;
      },
    };
    expect(() => bundle(agent.act.bind(agent), { trainable: true })).toThrow(
      /'act' cannot be trainable: a bound or native function has no source.*thisArg/,
    );
  });
});

describe('built-in arithmetic and comparisons run in a synchronous frame', () => {
  test('user code they reach (valueOf) is still inside the operator: hidden reads fail', () => {
    const hidden = node(3, { name: 'hidden' });
    const sneaky = { valueOf: () => hidden.data };
    const error = missingInput(() => ops.add(sneaky as unknown as number, 1));
    expect(error.message).toMatch(/Operator 'add' read node 'hidden:\d+'/);
    expect(missingInput(() => ops.lessThan(sneaky as unknown as number, 1)).code).toBe(
      'MISSING_INPUT',
    );
  });

  test('operators called from such code run as plain functions, and the frame ends with the call', () => {
    const counted = node(2, { name: 'counted' });
    const viaInner = { valueOf: () => inner(1) as unknown as number };
    const sum = ops.add(viaInner as unknown as number, counted);
    expect(sum.data).toBe(8);
    expect(sum.inputNodes.map((input) => input.isMessage)).toEqual([false, false]);
    // After the call, reads are free again and operators trace again.
    expect(counted.data).toBe(2);
    expect(inner(counted)).toBeInstanceOf(MessageNode);
  });

  test('a failure inside is the operator feedback, and the frame is released', () => {
    const failing = {
      valueOf(): number {
        throw new RangeError('no number here');
      },
    };
    expect(() => ops.multiply(failing as unknown as number, 2)).toThrow(TraceExecutionError);
    expect(node(4).data).toBe(4);
    expect(ops.add(1, 2).data).toBe(3);
  });
});
