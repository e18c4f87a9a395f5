/**
 * Importing `@trace/core` defines every built-in operator with `bundle()`; parsing their sources then
 * would load acorn and cost tens of milliseconds at import (issue 12). A named operator that is not
 * trainable is parsed when first used.
 */
import { describe, expect, test, vi } from 'vitest';

const parsed = vi.hoisted(() => ({ count: 0 }));
vi.mock('./acorn-parser.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('./acorn-parser.js')>();
  return {
    ...original,
    parseExpressionAt: (...args: Parameters<typeof original.parseExpressionAt>) => {
      parsed.count += 1;
      return original.parseExpressionAt(...args);
    },
  };
});

const { bundle, node, ops } = await import('../index.js');

describe('operators are parsed when first used', () => {
  test('importing the package parses no function', () => {
    expect(parsed.count).toBe(0);
  });

  test('a named operator is described on its first call, with the same record as before', () => {
    const before = parsed.count;
    const scale = bundle(
      function scale(value: number, factor: number) {
        return value * factor;
      },
      { name: 'scale' },
    );
    expect(parsed.count).toBe(before);
    const y = scale(node(2, { name: 'x' }), 3);
    expect(parsed.count).toBeGreaterThan(before);
    expect(y.data).toBe(6);
    expect(y.operator.inputNames).toEqual(['value', 'factor']);
    expect(y.operator.description).toBe('[scale] Computes scale(value, factor).');
    expect(Object.keys(y.inputs)).toEqual(['value', 'factor']);
  });

  test('reading `operator` describes the operator without calling it', () => {
    const before = parsed.count;
    const shout = bundle((text: string) => text.toUpperCase(), { name: 'shout' });
    expect(shout.operator.inputNames).toEqual(['text']);
    expect(shout.operator.source).toContain('toUpperCase');
    expect(parsed.count).toBeGreaterThan(before);
  });

  test('built-in operators record their input names once used', () => {
    expect(ops.subtract(5, 2).inputNames).toEqual(['a', 'b']);
  });

  test('generators are still refused by bundle() itself, before any call', () => {
    expect(() =>
      bundle(
        function* numbers() {
          yield 1;
        },
        { name: 'numbers' },
      ),
    ).toThrow(/generator function/);
  });
});
