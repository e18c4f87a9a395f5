import { describe, expect, test } from 'vitest';
import { bundle } from '../bundle/bundle.js';
import { TraceExecutionError } from '../errors/trace-execution-error.js';
import { ops } from '../ops/index.js';
import { constraints } from './constraint.js';
import { node } from './create-node.js';

describe('JSON.stringify(node)', () => {
  test('a root: name, value, trainable, description and constraint text; no private fields', () => {
    const x = node(2, {
      name: 'root',
      trainable: true,
      description: 'the input',
      constraint: constraints.range(0, 5),
    });
    const text = JSON.stringify(x);
    expect(JSON.parse(text)).toEqual({
      name: x.name,
      data: 2,
      trainable: true,
      description: 'the input',
      constraint: 'a number between 0 and 5 inclusive',
    });
    expect(text).not.toMatch(/_data|_inputs|_stamp|_slot|_mark|_base|_index|"id"|"level"/);
  });

  test("an operator's output: its operator and inputs by name, not the input nodes", () => {
    const x = node(2, { name: 'x', trainable: true });
    const sum = ops.add(x, 1);
    const parsed = JSON.parse(JSON.stringify(sum));
    expect(parsed).toEqual({
      name: sum.name,
      data: 3,
      trainable: false,
      operator: 'add',
      inputs: { a: x.name, b: sum.inputNodes[1]!.name },
    });
  });

  test('a deep graph serializes in constant size (inputs are names, not nodes)', () => {
    let value = node(0, { name: 'start' });
    for (let step = 0; step < 10_000; step += 1) value = ops.add(value, 1);
    expect(JSON.stringify(value).length).toBeLessThan(200);
  });

  test('nodes inside a value or a record are summarized the same way', () => {
    const inner = node('inner', { name: 'inner' });
    const holder = node([inner], { name: 'holder' });
    expect(JSON.parse(JSON.stringify({ kept: holder }))).toEqual({
      kept: {
        name: holder.name,
        data: [{ name: inner.name, data: 'inner', trainable: false }],
        trainable: false,
      },
    });
  });

  test('hostile input names and special values survive', () => {
    const weird = bundle(function weird(__proto__: number, toJSON: number) {
      return __proto__ + toJSON;
    });
    const out = weird(node(1, { name: 'p' }), Number.NaN);
    const parsed = JSON.parse(JSON.stringify(out));
    expect(Object.keys(parsed.inputs)).toEqual(['__proto__', 'toJSON']);
    expect(Object.getOwnPropertyDescriptor(parsed.inputs, '__proto__')?.value).toBe(
      out.inputNodes[0]!.name,
    );
    expect(parsed.data).toBeNull(); // NaN, as JSON writes it
    const unicode = node('日本 🎌', { name: 'ユニコード' });
    expect(JSON.parse(JSON.stringify(unicode))).toEqual({
      name: unicode.name,
      data: '日本 🎌',
      trainable: false,
    });
  });

  test('an exception node: the error text and the operator that failed', () => {
    const risky = bundle(function risky(value: number) {
      if (value > 0) throw new Error('too big');
      return value;
    });
    let caught: unknown;
    try {
      risky(node(3, { name: 'v' }));
    } catch (error) {
      caught = error;
    }
    if (!TraceExecutionError.isInstance(caught)) throw new Error('expected a TraceExecutionError');
    const parsed = JSON.parse(JSON.stringify(caught.exceptionNode));
    expect(parsed.operator).toBe('exception_risky');
    expect(parsed.inputs).toEqual({ value: caught.exceptionNode.inputNodes[0]!.name });
    expect(parsed.data).toContain('too big');
  });
});
