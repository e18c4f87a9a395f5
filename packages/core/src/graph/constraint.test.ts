import { describe, expect, test } from 'vitest';
import { constraints } from './constraint.js';

describe('constraints.oneOf', () => {
  const pairs = constraints.oneOf([
    [0, 0],
    [1, 1],
    [2, 2],
  ]);

  test('arrays are compared by content', () => {
    expect(pairs.validate?.([1, 1])).toBeUndefined();
    expect(pairs.validate?.([1, 2])).toBe('[1,2] is not one of [0,0], [1,1], [2,2]');
    expect(pairs.validate?.([1, 1, 1])).toMatch(/is not one of/);
    expect(pairs.validate?.({ 0: 1, 1: 1 })).toMatch(/is not one of/);
  });

  test('objects are compared by content, whatever the key order', () => {
    const settings = constraints.oneOf([
      { mode: 'fast', depth: 1 },
      { mode: 'slow', depth: [2] },
    ]);
    expect(settings.validate?.({ depth: 1, mode: 'fast' })).toBeUndefined();
    expect(settings.validate?.({ mode: 'slow', depth: [2] })).toBeUndefined();
    expect(settings.validate?.({ mode: 'fast' })).toMatch(/is not one of/);
    expect(settings.validate?.({ mode: 'fast', depth: 1, extra: undefined })).toMatch(
      /is not one of/,
    );
  });

  test('primitives keep Array.includes semantics (NaN matches NaN, -0 matches 0)', () => {
    expect(constraints.oneOf([Number.NaN]).validate?.(Number.NaN)).toBeUndefined();
    expect(constraints.oneOf([0]).validate?.(-0)).toBeUndefined();
    expect(constraints.oneOf(['1']).validate?.(1)).toMatch(/1 is not one of "1"/);
    expect(constraints.oneOf([null]).validate?.(undefined)).toMatch(/is not one of null/);
  });

  test('cyclic and unserializable values give a message instead of throwing', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(constraints.oneOf([{ self: {} }]).validate?.(cyclic)).toMatch(/is not one of/);
    expect(constraints.oneOf([1n]).validate?.(1n)).toBeUndefined();
    expect(constraints.oneOf([1n]).validate?.(2n)).toBe('2 is not one of 1');
  });
});
