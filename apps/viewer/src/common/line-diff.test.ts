import { describe, expect, it } from 'vitest';
import { sideBySideDiff, valueText } from './line-diff.js';

describe('sideBySideDiff', () => {
  it('pairs a changed line and keeps common lines', () => {
    expect(sideBySideDiff('a\nb\nc', 'a\nB\nc')).toEqual([
      { kind: 'same', left: 'a', right: 'a' },
      { kind: 'changed', left: 'b', right: 'B' },
      { kind: 'same', left: 'c', right: 'c' },
    ]);
  });

  it('shows pure insertions and deletions on one side only', () => {
    expect(sideBySideDiff('a\nc', 'a\nb\nc').map((row) => row.kind)).toEqual([
      'same',
      'added',
      'same',
    ]);
    expect(sideBySideDiff('a\nb\nc', 'a\nc').map((row) => row.kind)).toEqual([
      'same',
      'removed',
      'same',
    ]);
    expect(sideBySideDiff('', 'x')).toEqual([{ kind: 'changed', left: '', right: 'x' }]);
  });

  it('keeps every line of both sides, in order, for Unicode and hostile text', () => {
    const before = 'é\n<script>\n\u0000\n𝔘';
    const after = '<script>\né\n𝔘\n</b>';
    const rows = sideBySideDiff(before, after);
    expect(rows.flatMap((row) => (row.left === undefined ? [] : [row.left])).join('\n')).toBe(
      before,
    );
    expect(rows.flatMap((row) => (row.right === undefined ? [] : [row.right])).join('\n')).toBe(
      after,
    );
  });

  it('does not build a huge table: 5,000 × 5,000 lines come back as one block, fast', () => {
    const big = Array.from({ length: 5000 }, (_, i) => `line ${i}`).join('\n');
    const rows = sideBySideDiff(big, `${big}\nmore`);
    expect(rows).toHaveLength(5001);
  });
});

describe('valueText', () => {
  it('shows strings as they are and other values as JSON', () => {
    expect(valueText('def f():\n  pass')).toBe('def f():\n  pass');
    expect(valueText({ a: [1, null] })).toBe('{\n  "a": [\n    1,\n    null\n  ]\n}');
    expect(valueText(undefined)).toBe('');
    expect(valueText(-0)).toBe('0');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(valueText(cyclic)).toBe('[object Object]');
  });
});
