import { describe, expect, test } from 'vitest';
import { TraceExecutionError } from '../errors/trace-execution-error.js';
import { node } from '../graph/create-node.js';
import { ops } from './index.js';

describe('ops: arithmetic', () => {
  test.each([
    ['add', ops.add(2, 3), 5],
    ['subtract', ops.subtract(2, 3), -1],
    ['multiply', ops.multiply(2, 3), 6],
    ['divide', ops.divide(3, 2), 1.5],
    ['floorDivide', ops.floorDivide(-7, 2), -4],
    ['mod', ops.mod(-7, 3), 2],
    ['power', ops.power(2, 10), 1024],
    ['neg', ops.neg(4), -4],
    ['abs', ops.abs(-4), 4],
    ['round', ops.round(2.5), 3],
    ['round negative half', ops.round(-2.5), -3],
    ['round digits', ops.round(1.2345, 2), 1.23],
    ['floor', ops.floor(-1.5), -2],
    ['ceil', ops.ceil(-1.5), -1],
    ['min', ops.min(2, 3), 2],
    ['max', ops.max(2, 3), 3],
    ['exp', ops.exp(0), 1],
    ['log', ops.log(1), 0],
    ['sqrt', ops.sqrt(9), 3],
  ])('%s', (_name, result, expected) => {
    expect(result.data).toBe(expected);
  });

  test('add concatenates strings', () => {
    expect(ops.add('ab', 'cd').data).toBe('abcd');
  });

  test('every operator records its own name, whatever the transpiler does to function names', () => {
    for (const [name, operator] of Object.entries(ops)) {
      const info = (operator as { operator?: { name: string } }).operator;
      if (info) expect(info.name).toBe(name);
    }
  });

  test('every operator has a description naming it', () => {
    for (const [name, operator] of Object.entries(ops)) {
      if (name === 'makeRecord' || name === 'format' || name === 'join') continue;
      expect((operator as { operator: { description: string } }).operator.description).toMatch(
        /^\[\w+\] /,
      );
    }
  });
});

describe('ops: comparison and logic', () => {
  test('compare and combine', () => {
    expect(ops.equal([1, 2], [1, 2]).data).toBe(true);
    expect(ops.notEqual(1, 2).data).toBe(true);
    expect(ops.lessThan(1, 2).data).toBe(true);
    expect(ops.lessOrEqual(2, 2).data).toBe(true);
    expect(ops.greaterThan(1, 2).data).toBe(false);
    expect(ops.greaterOrEqual(3, 2).data).toBe(true);
    expect(ops.and(true, 0).data).toBe(false);
    expect(ops.or(false, 'x').data).toBe(true);
    expect(ops.not(0).data).toBe(true);
    expect(ops.ifElse(false, 'a', 'b').data).toBe('b');
  });
});

describe('ops: containers', () => {
  test('access and construction', () => {
    expect(ops.getItem([10, 20, 30], -1).data).toBe(30);
    expect(ops.getItem({ a: 1 }, 'a').data).toBe(1);
    expect(ops.getItem(new Map([['k', 2]]), 'k').data).toBe(2);
    expect(ops.length('abc').data).toBe(3);
    expect(ops.length({ a: 1, b: 2 }).data).toBe(2);
    expect(ops.keys({ a: 1, b: 2 }).data).toEqual(['a', 'b']);
    expect(ops.values({ a: 1, b: 2 }).data).toEqual([1, 2]);
    expect(ops.items({ a: 1 }).data).toEqual([['a', 1]]);
    expect(ops.concat([1], [2]).data).toEqual([1, 2]);
    expect(ops.slice('abcdef', 1, 3).data).toBe('bc');
    expect(ops.includes([1, 2], 2).data).toBe(true);
    expect(ops.makeArray(1, 'a').data).toEqual([1, 'a']);
  });

  test('makeRecord records each value as an input', () => {
    const question = node('Why?', { name: 'question' });
    const record = ops.makeRecord({ question, count: 3 });
    expect(record.data).toEqual({ question: 'Why?', count: 3 });
    expect(record.parents).toContain(question);
  });

  test('a missing key or index is an execution error the optimizer can read', () => {
    expect(() => ops.getItem([1, 2], 5)).toThrow(TraceExecutionError);
    expect(() => ops.getItem([1, 2], 5)).toThrow(/index 5 is out of range for length 2/);
    expect(() => ops.getItem({ a: 1 }, 'b')).toThrow(/key "b" is not in the record/);
  });
});

describe('ops: strings and objects', () => {
  test('string methods', () => {
    expect(ops.join(', ', ['a', 'b']).data).toBe('a, b');
    expect(ops.split('  a b  c ').data).toEqual(['a', 'b', 'c']);
    expect(ops.split('a,b', ',').data).toEqual(['a', 'b']);
    expect(ops.strip('  hi ').data).toBe('hi');
    expect(ops.strip('xxhixx', 'x').data).toBe('hi');
    expect(ops.replace('a-b-c', '-', '+').data).toBe('a+b+c');
    expect(ops.lower('AbC').data).toBe('abc');
    expect(ops.upper('AbC').data).toBe('ABC');
    expect(ops.capitalize('hELLO').data).toBe('Hello');
    expect(ops.startsWith('hello', 'he').data).toBe(true);
    expect(ops.endsWith('hello', 'lo').data).toBe(true);
    expect(ops.toText({ a: 1 }).data).toBe('{"a":1}');
  });

  test('format fills placeholders and traces node values in a record literal', () => {
    const template = node('Q: {question} ({count})', { name: 'template', trainable: true });
    const question = node('Why?', { name: 'question' });
    const prompt = ops.format(template, { question, count: 2 });
    expect(prompt.data).toBe('Q: Why? (2)');
    expect(prompt.parents[0]).toBe(template);
    expect(prompt.parents[1]?.parents).toContain(question);
    expect(() => ops.format('{missing}', {})).toThrow(/placeholder \{missing\} has no value/);
  });

  test('attribute get and method call', () => {
    expect(ops.getAttr({ size: 3 }, 'size').data).toBe(3);
    expect(ops.callMethod('a,b', 'split', ',').data).toEqual(['a', 'b']);
    expect(() => ops.callMethod({}, 'missing')).toThrow(/no method 'missing'/);
  });
});

describe('fluent methods', () => {
  test('record the same graph as the ops functions', () => {
    const x = node(3, { name: 'x' });
    const y = x.multiply(2).add(1).pow(2).neg().abs();
    expect(y.data).toBe(49);
    expect(y.name).toMatch(/^abs:/);
    expect(x.subtract(1).divide(2).data).toBe(1);
    expect(x.floorDivide(2).data).toBe(1);
    expect(x.mod(2).data).toBe(1);
    expect(x.eq(3).data).toBe(true);
    expect(x.ne(3).data).toBe(false);
    expect(x.lt(4).data).toBe(true);
    expect(x.le(3).data).toBe(true);
    expect(x.gt(4).data).toBe(false);
    expect(x.ge(4).data).toBe(false);
    const list = node(['a', 'b']);
    expect(list.getItem(1).data).toBe('b');
    expect(list.len().data).toBe(2);
    expect(node({ name: 'Ada' }).getAttr('name').data).toBe('Ada');
    expect(node('a b').callMethod('toUpperCase').data).toBe('A B');
  });
});
