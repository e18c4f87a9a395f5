import { bundle, constraints, node } from '@trace/core';
import { describe, expect, test } from 'vitest';
import { convertSuggestedValue } from './convert-value.js';
import { valueKindOf } from './value-kind.js';

const convert = (value: unknown, suggested: unknown, kind = valueKindOf(node(value))) =>
  convertSuggestedValue(node(value, { trainable: true }), suggested, { kind });

describe('convertSuggestedValue', () => {
  test('numbers accept finite numbers and decimal strings only', () => {
    expect(convert(1, 2.5)).toEqual({ ok: true, value: 2.5 });
    expect(convert(1, ' -3e2 ')).toEqual({ ok: true, value: -300 });
    expect(convert(1, 'three')).toEqual({
      ok: false,
      reason: 'expected a number, got a string ("three")',
    });
    expect(convert(1, '0x10').ok).toBe(false);
    expect(convert(1, true)).toEqual({
      ok: false,
      reason: 'expected a number, got the boolean true',
    });
    expect(convert(1, null).ok).toBe(false);
    expect(convert(1, [3]).ok).toBe(false);
    expect(convert(1, '1e999')).toEqual({
      ok: false,
      reason: 'expected a finite number, got Infinity',
    });
  });

  test('integers must be whole', () => {
    expect(convert(1, '4', 'integer')).toEqual({ ok: true, value: 4 });
    expect(convert(1, 4.5, 'integer')).toEqual({
      ok: false,
      reason: 'expected an integer, got 4.5',
    });
  });

  test('booleans accept true/false and those words', () => {
    expect(convert(false, true)).toEqual({ ok: true, value: true });
    expect(convert(false, ' FALSE ')).toEqual({ ok: true, value: false });
    expect(convert(false, 1).ok).toBe(false);
    expect(convert(false, 'yes').ok).toBe(false);
  });

  test('strings accept text, numbers and booleans, not structures', () => {
    expect(convert('a', 'b')).toEqual({ ok: true, value: 'b' });
    expect(convert('a', 5)).toEqual({ ok: true, value: '5' });
    expect(convert('a', ['b'])).toEqual({ ok: false, reason: 'expected a string, got an array' });
    expect(convert('a', { b: 1 }).ok).toBe(false);
  });

  test('arrays are never split into characters and keep a uniform item type', () => {
    expect(convert([1, 2], [3, 4, 5])).toEqual({ ok: true, value: [3, 4, 5] });
    expect(convert([1, 2], '[3, 4]')).toEqual({ ok: true, value: [3, 4] });
    expect(convert(['a'], 'abc')).toEqual({
      ok: false,
      reason: 'expected a JSON array, got a string ("abc")',
    });
    expect(convert([1, 2], [1, 'two'])).toEqual({
      ok: false,
      reason: 'item 1 should be a finite number, like the current items; got a string ("two")',
    });
    expect(convert([1, 'a'], [{ x: 1 }])).toEqual({ ok: true, value: [{ x: 1 }] });
  });

  test('records accept objects or a string holding one', () => {
    expect(convert({ a: 1 }, { b: 2 })).toEqual({ ok: true, value: { b: 2 } });
    expect(convert({ a: 1 }, '{"b": 2}')).toEqual({ ok: true, value: { b: 2 } });
    expect(convert({ a: 1 }, [1]).ok).toBe(false);
    expect(convert({ a: 1 }, null).ok).toBe(false);
  });

  test('json kind accepts any value', () => {
    expect(convert(null, { any: [1] })).toEqual({ ok: true, value: { any: [1] } });
  });

  test('checks machine-checkable constraints and size', () => {
    const x = node(1, { trainable: true, constraint: constraints.range(0, 10) });
    expect(convertSuggestedValue(x, 11, { kind: 'number' })).toEqual({
      ok: false,
      reason:
        'violates the constraint "a number between 0 and 10 inclusive": 11 is outside [0, 10]',
    });
    const throwing = node(1, {
      trainable: true,
      constraint: {
        text: 'odd',
        validate: () => {
          throw new Error('boom');
        },
      },
    });
    expect(convertSuggestedValue(throwing, 3, { kind: 'number' })).toEqual({
      ok: false,
      reason: 'violates the constraint "odd": the constraint check failed: boom',
    });
    const text = node('a', { trainable: true });
    expect(convertSuggestedValue(text, 'x'.repeat(11), { kind: 'string', maxLength: 10 })).toEqual({
      ok: false,
      reason: 'the value is 11 characters long, over the limit of 10',
    });
  });

  test('code must compile; one wrapping fence is removed', () => {
    const act = bundle(
      function act(position: number) {
        return position + 1;
      },
      { trainable: true, execution: 'trusted' },
    );
    const code = act.parameter!;
    expect(valueKindOf(code)).toBe('code');
    const fenced = '```javascript\nfunction act(position) { return position * 2; }\n```';
    expect(convertSuggestedValue(code, fenced, { kind: 'code' })).toEqual({
      ok: true,
      value: 'function act(position) { return position * 2; }',
    });
    const broken = convertSuggestedValue(code, 'function act(p) { return p *; }', { kind: 'code' });
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.reason).toMatch(/SyntaxError|does not compile/);
    expect(convertSuggestedValue(code, '   ', { kind: 'code' })).toEqual({
      ok: false,
      reason: 'the new code is empty',
    });
    expect(convertSuggestedValue(code, 42, { kind: 'code' }).ok).toBe(false);
  });
});
