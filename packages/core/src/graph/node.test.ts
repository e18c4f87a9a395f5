import { describe, expect, test } from 'vitest';
import { scope } from '../context/scope.js';
import { ops } from '../ops/index.js';
import { constraints } from './constraint.js';
import { node } from './create-node.js';
import { isNode } from './node.js';

describe('node()', () => {
  test('wraps a value with a name, level 0, no parents, and options', () => {
    const prompt = scope(() =>
      node('Answer briefly.', {
        name: 'prompt',
        trainable: true,
        description: 'system prompt',
        constraint: 'short',
      }),
    );
    expect(prompt.data).toBe('Answer briefly.');
    expect(prompt.name).toBe('prompt:0');
    expect(prompt.label).toBe('prompt0');
    expect(prompt.level).toBe(0);
    expect(prompt.parents).toEqual([]);
    expect(prompt.trainable).toBe(true);
    expect(prompt.description).toBe('system prompt');
    expect(prompt.constraint?.text).toBe('short');
    expect(prompt.feedback).toEqual([]);
  });

  test('names default to the value kind and count per base', () => {
    const names = scope(() =>
      [node(1), node(2), node('a'), node([1]), node({ a: 1 }), node(null)].map((n) => n.name),
    );
    expect(names).toEqual(['number:0', 'number:1', 'string:0', 'array:0', 'object:0', 'null:0']);
  });

  test('returns an existing node unchanged', () => {
    const x = node(1);
    expect(node(x)).toBe(x);
    expect(isNode(x)).toBe(true);
    expect(isNode({ data: 1 })).toBe(false);
  });

  test('only trainable nodes can be set', () => {
    const parameter = node(1, { trainable: true });
    parameter.data = 5;
    expect(parameter.data).toBe(5);
    const constant = node(1);
    expect(() => {
      constant.data = 2;
    }).toThrow(/not trainable.*trainable: true/);
    expect(constant.data).toBe(1);
  });
});

describe('graph structure', () => {
  test('level is the longest path from the roots; nodes link to their inputs only', () => {
    const x = node(1, { name: 'x' });
    const a = ops.add(x, 1);
    const b = ops.multiply(a, 2);
    const c = ops.add(x, b); // x is at level 0, b at level 2: c is at level 3
    expect([x.level, a.level, b.level, c.level]).toEqual([0, 1, 2, 3]);
    expect(c.parents).toEqual([x, b]);
    expect(b.parents[0]).toBe(a);
    expect('children' in x).toBe(false); // no link from a node to what was computed from it
  });

  test('a node used twice by one operator is one parent but two inputs', () => {
    const x = node(3, { name: 'x' });
    const doubled = ops.add(x, x);
    expect(doubled.data).toBe(6);
    expect(doubled.parents).toEqual([x]);
    expect(doubled.inputs).toEqual({ a: x, b: x });
    expect(doubled.inputNames).toEqual(['a', 'b']);
    expect(doubled.inputNodes).toEqual([x, x]);
  });

  test('ids follow execution order', () => {
    const x = node(1);
    const y = ops.neg(x);
    const z = ops.abs(y);
    expect(x.id).toBeLessThan(y.id);
    expect(y.id).toBeLessThan(z.id);
  });
});

describe('constraints', () => {
  test('range checks type, integrality and bounds', () => {
    const green = constraints.range(15, 90, { integer: true });
    expect(green.text).toBe('an integer between 15 and 90 inclusive');
    expect(green.validate?.(30)).toBeUndefined();
    expect(green.validate?.(30.5)).toMatch(/integer/);
    expect(green.validate?.(91)).toMatch(/outside \[15, 90\]/);
    expect(green.validate?.('30')).toMatch(/got string/);
  });

  test('oneOf and maxLength', () => {
    expect(constraints.oneOf(['a', 'b']).validate?.('c')).toMatch(/not one of "a", "b"/);
    expect(constraints.oneOf(['a', 'b']).validate?.('a')).toBeUndefined();
    expect(constraints.maxLength(3).validate?.('abcd')).toMatch(/4 characters is over 3/);
  });
});

describe('inputs by position, whatever their number', () => {
  test('none, one, two (the same node twice) and more than two', () => {
    const x = node(1, { name: 'x' });
    const y = node(2, { name: 'y' });
    expect(x.inputNodes).toEqual([]);
    const negated = ops.neg(x);
    expect(negated.inputNodes).toEqual([x]);
    expect(negated.parents).toEqual([x]);
    const doubled = ops.add(x, x);
    expect(doubled.inputNodes).toEqual([x, x]);
    expect(doubled.parents).toEqual([x]);
    expect(doubled.inputs).toEqual({ a: x, b: x });
    const list = ops.makeArray(x, y, x, y, 5);
    expect(list.inputNodes.slice(0, 4)).toEqual([x, y, x, y]);
    expect(list.inputNodes).toHaveLength(5);
    expect(list.parents).toEqual([x, y, list.inputNodes[4]]);
    expect(list.level).toBe(1);
    expect(ops.add(doubled, negated).level).toBe(2);
  });
});
