import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import { ops } from '../ops/index.js';
import { node } from './create-node.js';

describe('console.log(node)', () => {
  test('shows class, name, value and inputs by name, never private fields', () => {
    const x = node(2, { name: 'x', trainable: true, description: 'the input' });
    const sum = ops.add(x, 1);
    const rootText = inspect(x);
    expect(rootText).toBe("Node x:0 { data: 2, trainable: true, description: 'the input' }");
    const sumText = inspect(sum);
    expect(sumText).toMatch(
      /^MessageNode add:\d+ \{ data: 3, operator: 'add', inputs: \{ a: 'x:0', b: 'number:\d+' \} \}$/,
    );
    expect(sumText).not.toMatch(/_data|_children|_stamp|_inputs/);
  });

  test('a long or deep value is cut by inspect as usual; nested nodes print briefly', () => {
    const big = node({ level1: { level2: { level3: { level4: 'deep' } } } }, { name: 'big' });
    expect(inspect(big)).toContain('[Object]');
    const holder = node([node('inner', { name: 'inner' })], { name: 'holder' });
    expect(inspect(holder)).toContain("Node inner:0 { data: 'inner' }");
    expect(inspect({ a: { b: { c: holder } } })).toContain('[Node holder:0]');
  });
});
