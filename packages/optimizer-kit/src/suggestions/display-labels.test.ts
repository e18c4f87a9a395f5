import { node, ops, scope } from '@trace/core';
import { describe, expect, test } from 'vitest';
import { assignLabels } from './display-labels.js';
import { sameData, toJsonSafe } from './json-safe.js';
import { fenceCode, renderValue, truncateText } from './render-value.js';

describe('assignLabels', () => {
  test('keeps free labels and numbers clashing ones in order', () => {
    const x = scope(() => node(1, { name: 'x', trainable: true }));
    const [a, b, c] = [1, 2, 3].map((value) => scope(() => ops.add(x, value)));
    const clash = scope(() => node(5, { name: 'add0', trainable: false }));
    const labels = assignLabels([x, a!, b!, c!, a!]);
    expect([...labels.values()]).toEqual(['x0', 'add0', 'add0_2', 'add0_3']);
    expect(clash.label).toBe('add00');
  });
});

describe('values for reports and records', () => {
  test('renderValue is exact and cuts visibly', () => {
    expect(renderValue(-1)).toBe('-1');
    expect(renderValue(Number.NaN)).toBe('NaN');
    expect(renderValue('a "b"\n')).toBe('"a \\"b\\"\\n"');
    expect(renderValue(undefined)).toBe('undefined');
    expect(renderValue({ a: [1, 2n] })).toBe('{"a":[1,"2n"]}');
    expect(renderValue('abcdef', 3)).toBe('"ab…[cut: 5 more characters of 8]');
    expect(truncateText('abc', undefined)).toBe('abc');
  });

  test('fenceCode outgrows backticks inside the code', () => {
    expect(fenceCode('const s = `x```;')).toBe('````js\nconst s = `x```;\n````');
  });

  test('toJsonSafe never throws and sameData ignores key order', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(toJsonSafe(cyclic)).toEqual({ a: 1, self: '[circular]' });
    expect(toJsonSafe(new Map([['k', new Set([1])]]))).toEqual({ k: [1] });
    expect(toJsonSafe([undefined, () => 1])).toEqual([null, '[function anonymous]']);
    expect(sameData({ a: 1, b: [2] }, { b: [2], a: 1 })).toBe(true);
    expect(sameData(Number.NaN, Number.NaN)).toBe(true);
    expect(sameData([1], [1, 2])).toBe(false);
    expect(sameData('1', 1)).toBe(false);
  });
});
