import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { lineAndColumn, readJsonValue } from './json-reader.js';

describe('readJsonValue', () => {
  test('reads the same values as JSON.parse', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        const read = readJsonValue(text);
        expect(read.ok).toBe(true);
        if (read.ok) {
          expect(read.value).toEqual(JSON.parse(text));
          expect(read.end).toBe(text.length);
        }
      }),
    );
  });

  test('stops at the end of the value so prose may follow', () => {
    const read = readJsonValue('  {"a": [1, 2.5e1, "x\\n\\u0041"]} and more', 0);
    expect(read).toMatchObject({ ok: true, value: { a: [1, 25, 'x\nA'] }, end: 32 });
  });

  test('reports keys given twice with all their values, keeping the last', () => {
    const read = readJsonValue('{"s": {"x0": 1, "x0": 2, "x0": 3}, "s": {}}');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value).toEqual({ s: {} });
    expect(read.duplicates).toEqual([
      { path: ['s'], key: 'x0', values: [1, 2, 3] },
      { path: [], key: 's', values: [{ x0: 3 }, {}] },
    ]);
  });

  test('keeps __proto__ as an ordinary key', () => {
    const read = readJsonValue('{"__proto__": {"polluted": true}}');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const value = read.value as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('accepts trailing commas unless told not to', () => {
    expect(readJsonValue('{"a": [1, 2,],}')).toMatchObject({ ok: true, value: { a: [1, 2] } });
    expect(readJsonValue('[1,]', 0, { allowTrailingCommas: false }).ok).toBe(false);
    expect(readJsonValue('{,}').ok).toBe(false);
  });

  test('fails with the position, line and column of the problem', () => {
    const read = readJsonValue('{\n  "a": 1\n  "b": 2\n}');
    expect(read).toEqual({
      ok: false,
      position: 13,
      message: `Expected ',' or '}' after the value of "a" but found '"' at line 3, column 3`,
    });
    expect(readJsonValue("{'a': 1}")).toMatchObject({ ok: false, position: 1 });
    expect(readJsonValue('{"a": "line\nbreak"}')).toMatchObject({ ok: false });
    expect(readJsonValue('{"a": tru}')).toMatchObject({ ok: false });
    expect(readJsonValue('{"a": 01}')).toMatchObject({ ok: false });
    expect(readJsonValue('{"a": "\\x"}')).toMatchObject({ ok: false });
    expect(readJsonValue('{"a": "open')).toMatchObject({ ok: false, position: 11 });
  });

  test('refuses nesting deeper than the limit instead of overflowing the stack', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const read = readJsonValue(deep);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.message).toMatch(/Nesting deeper than 200 levels/);
    expect(readJsonValue('[[[1]]]', 0, { maxDepth: 2 }).ok).toBe(false);
    expect(readJsonValue('[[[1]]]', 0, { maxDepth: 3 }).ok).toBe(true);
  });

  test('lineAndColumn counts from 1', () => {
    expect(lineAndColumn('ab\ncd', 4)).toBe('line 2, column 2');
  });
});
