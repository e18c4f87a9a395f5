import {
  Adam,
  isProposingOptimizer,
  type Node,
  node,
  type Optimizer,
  ops,
  SGD,
  scope,
} from '@trace/core';
import { MockLLM } from '@trace/llm/test';
import { OptoPrime } from '@trace/optoprime';
import { describe, expect, test } from 'vitest';
import { OPRO } from '../src/index.js';

// Research code swaps optimizers in one line. This loop drives every optimizer of the project through
// the shared interfaces only (Optimizer, ProposingOptimizer, and for the LLM ones SuggestionOptimizer);
// an optimizer that does not implement ProposingOptimizer yet is reported as skipped.

interface Candidate {
  readonly name: string;
  /** A fresh optimizer over `x`, replying `replies` (LLM optimizers) in order. */
  readonly make: (x: Node<number>, replies: readonly string[]) => Optimizer;
  /** The feedback this optimizer reads: text for LLM optimizers, a gradient for numeric ones. */
  readonly feedback: (output: number) => unknown;
}

const reply = (value: number) => JSON.stringify({ suggestion: { x0: value } });
const text = (output: number) => `The output is ${output}; it should be 10.`;

const candidates: readonly Candidate[] = [
  {
    name: 'OptoPrime',
    make: (x, replies) => new OptoPrime([x], { model: new MockLLM({ responses: [...replies] }) }),
    feedback: text,
  },
  {
    name: 'OPRO',
    make: (x, replies) => new OPRO([x], { model: new MockLLM({ responses: [...replies] }) }),
    feedback: text,
  },
  {
    name: 'SGD',
    make: (x) => new SGD([x], { learningRate: 0.1 }),
    feedback: (output) => output - 10,
  },
  {
    name: 'Adam',
    make: (x) => new Adam([x], { learningRate: 0.1 }),
    feedback: (output) => output - 10,
  },
];

describe.each(candidates)('$name behind the shared interface', ({ make, feedback }) => {
  test('propose twice changes nothing; apply installs the chosen one; state round-trips', async (context) => {
    const x = scope(() => node(1, { name: 'x', trainable: true }));
    const optimizer = make(x, [reply(2), reply(3), reply(4)]);
    if (!isProposingOptimizer(optimizer)) {
      context.skip('does not implement ProposingOptimizer on this branch');
      return;
    }
    const forward = () => scope(() => ops.add(ops.multiply(x, 3), 1));
    optimizer.zeroFeedback();
    const y = forward();
    optimizer.backward(y, feedback(y.data));

    const state = JSON.stringify(optimizer.exportState());
    const first = await optimizer.propose();
    const second = await optimizer.propose();
    expect(x.data).toBe(1);
    expect(JSON.stringify(optimizer.exportState())).toBe(state);
    expect(first.step).toBe(1);
    expect(second.values.has(x)).toBe(true);

    await optimizer.apply(second);
    expect(x.data).toBe(second.values.get(x));

    const saved = JSON.parse(JSON.stringify(optimizer.exportState())) as unknown;
    const restored = make(x, [reply(5)]);
    if (!isProposingOptimizer(restored)) throw new Error('unreachable');
    restored.loadState(saved);
    expect(restored.exportState()).toEqual(saved);

    // The next step is the same whether taken by the original or by the restored optimizer.
    optimizer.zeroFeedback();
    const again = forward();
    optimizer.backward(again, feedback(again.data));
    const next = await restored.propose();
    expect(next.step).toBe(2);
  });
});

describe('the LLM optimizers offer the same calls', () => {
  const publicCalls = (value: object): string[] => {
    const names = new Set<string>();
    for (let prototype = value; prototype !== Object.prototype; ) {
      for (const name of Object.getOwnPropertyNames(prototype)) {
        if (name !== 'constructor' && !name.startsWith('_')) names.add(name);
      }
      prototype = Object.getPrototypeOf(prototype) as object;
    }
    return [...names].sort();
  };

  test('OptoPrime and OPRO have the same public members, apart from their deprecated aliases of entries', () => {
    const x = scope(() => node(1, { name: 'x', trainable: true }));
    const optoprime = new OptoPrime([x], { model: new MockLLM() });
    const opro = new OPRO([x], { model: new MockLLM() });
    const without = (names: string[], alias: string) => names.filter((name) => name !== alias);
    expect(without(publicCalls(optoprime), 'memory')).toEqual(
      without(publicCalls(opro), 'history'),
    );
    expect(publicCalls(opro)).toEqual(
      expect.arrayContaining(['render', 'propose', 'apply', 'step', 'entries', 'steps', 'onStep']),
    );
  });

  test.each([
    ['OptoPrime', (x: Node) => new OptoPrime([x], { model: new MockLLM({ responses: reply(2) }) })],
    ['OPRO', (x: Node) => new OPRO([x], { model: new MockLLM({ responses: reply(2) }) })],
  ] as const)('%s: render() shows exactly the prompt the step then sends', async (_name, make) => {
    const x = scope(() => node(1, { name: 'x', trainable: true }));
    const optimizer: OptoPrime | OPRO = make(x);
    expect(optimizer.render()).toBeUndefined();
    const y = scope(() => ops.add(x as Node<number>, 1));
    optimizer.backward(y, 'larger');
    const shown = optimizer.render();
    const record = await optimizer.step();
    expect(record.prompt).toEqual({ system: shown?.system, user: shown?.user });
  });
});
