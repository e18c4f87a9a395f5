import { bundle, constraints, type Node, node } from '@trace/core';
import { describe, expect, test } from 'vitest';
import { applySuggestion } from './apply-suggestion.js';
import { setAtomically } from './set-atomically.js';

function variables(...nodes: Node[]): Map<string, Node> {
  return new Map(nodes.map((item) => [item.label, item]));
}

describe('applySuggestion', () => {
  test('applies valid values, rejects unknown names and invalid values with reasons', () => {
    const x = node(-1, { name: 'x', trainable: true });
    const prompt = node('old', { name: 'prompt', trainable: true });
    const outcome = applySuggestion({
      suggestion: { [x.label]: 2.5, [prompt.label]: ['not', 'text'], ghost: 1 },
      variables: variables(x, prompt),
    });
    expect(outcome.applied).toEqual([{ name: x.name, label: x.label, before: -1, after: 2.5 }]);
    expect(outcome.rejected).toEqual([
      {
        key: 'ghost',
        reason: `no variable is named "ghost"; the variables are: ${x.label}, ${prompt.label}`,
        value: 1,
      },
      { key: prompt.label, reason: 'expected a string, got an array', value: ['not', 'text'] },
    ]);
    expect(x.data).toBe(2.5);
    expect(prompt.data).toBe('old');
  });

  test('matches keys by node name and trimmed label', () => {
    const x = node(1, { name: 'x', trainable: true });
    const y = node(1, { name: 'y', trainable: true });
    const outcome = applySuggestion({
      suggestion: { [x.name]: 2, [` ${y.label} `]: 3 },
      variables: variables(x, y),
    });
    expect(outcome.applied.map((update) => update.after)).toEqual([2, 3]);
  });

  test('a variable named twice with different values is rejected, with equal values applied', () => {
    const x = node(1, { name: 'x', trainable: true });
    const y = node(1, { name: 'y', trainable: true });
    const outcome = applySuggestion({
      suggestion: { [x.label]: 2, [x.name]: 3, [y.label]: 5, [y.name]: 5 },
      variables: variables(x, y),
    });
    expect(outcome.rejected.map((item) => item.key)).toEqual([x.label, x.name]);
    expect(outcome.rejected[0]?.reason).toMatch(/both name .* but give different values/);
    expect(outcome.applied).toEqual([{ name: y.name, label: y.label, before: 1, after: 5 }]);
    expect(x.data).toBe(1);
  });

  test('keys repeated with different values in the reply are rejected', () => {
    const x = node(1, { name: 'x', trainable: true });
    const outcome = applySuggestion({
      suggestion: { [x.label]: 3 },
      variables: variables(x),
      duplicates: [{ path: ['suggestion'], key: x.label, values: [2, 3] }],
    });
    expect(outcome.applied).toEqual([]);
    expect(outcome.rejected[0]?.reason).toBe(
      'the key is given more than once with different values',
    );
    const same = applySuggestion({
      suggestion: { [x.label]: 3 },
      variables: variables(x),
      duplicates: [{ path: ['suggestion'], key: x.label, values: [3, 3] }],
    });
    expect(same.applied).toHaveLength(1);
  });

  test('reports values equal to the current one as unchanged', () => {
    const x = node([1, 2], { name: 'x', trainable: true });
    const outcome = applySuggestion({
      suggestion: { [x.label]: '[1, 2]' },
      variables: variables(x),
    });
    expect(outcome).toEqual({ applied: [], rejected: [], unchanged: [x.label] });
  });

  test('constraints and compilation decide before anything is set', () => {
    const x = node(1, { name: 'x', trainable: true, constraint: constraints.range(0, 5) });
    const act = bundle(
      function act(value: number) {
        return value;
      },
      { trainable: true, execution: 'trusted' },
    );
    const code = act.parameter!;
    expect(act(2).data).toBe(2);
    const outcome = applySuggestion({
      suggestion: { [x.label]: 9, [code.label]: 'function act(value) { return value +; }' },
      variables: variables(x, code),
    });
    expect(outcome.applied).toEqual([]);
    expect(outcome.rejected.map((item) => item.key)).toEqual([x.label, code.label]);
    expect(x.data).toBe(1);
    // The operator still runs its current code after a proposal was refused.
    expect(act(3).data).toBe(3);
  });

  test('a failure while setting leaves every parameter as it was', () => {
    const x = node(1, { name: 'x', trainable: true });
    const y = node(2, { name: 'y', trainable: true });
    const z = node(3, { name: 'z', trainable: true });
    Object.defineProperty(z, 'data', {
      get: () => 3,
      set: () => {
        throw new Error('read-only store');
      },
    });
    const outcome = applySuggestion({
      suggestion: { [x.label]: 10, [y.label]: 20, [z.label]: 30 },
      variables: variables(x, y, z),
    });
    expect(outcome.applied).toEqual([]);
    expect(outcome.rejected).toHaveLength(3);
    expect(outcome.rejected[0]?.reason).toMatch(/read-only store.*no variable was changed/);
    expect([x.data, y.data]).toEqual([1, 2]);
  });

  test('an unknown key shows a preview of an enormous value, not all of it', () => {
    const outcome = applySuggestion({
      suggestion: { big: 'x'.repeat(10_000) },
      variables: new Map(),
    });
    expect(outcome.rejected[0]?.reason).toBe(
      'no variable is named "big"; there are no variables to change',
    );
    expect(String(outcome.rejected[0]?.value)).toMatch(/…\[cut: \d+ more characters of 10000\]$/);
  });
});

describe('setAtomically', () => {
  test('restores in reverse order and rethrows the original error', () => {
    const x = node(1, { trainable: true });
    const fixed = node(2);
    expect(() =>
      setAtomically([
        { parameter: x, value: 5 },
        { parameter: fixed, value: 6 },
      ]),
    ).toThrow(/not trainable/);
    expect(x.data).toBe(1);
  });
});
