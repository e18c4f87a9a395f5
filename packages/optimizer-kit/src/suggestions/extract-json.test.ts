import { describe, expect, test } from 'vitest';
import { extractJsonObjects } from './extract-json.js';

const values = (text: string) => extractJsonObjects(text).candidates.map((item) => item.value);

describe('extractJsonObjects', () => {
  test('finds an object alone, in a fence, or in prose', () => {
    expect(values('{"a": 1}')).toEqual([{ a: 1 }]);
    expect(values('Here:\n```json\n{"a": 1}\n```\nThanks')).toEqual([{ a: 1 }]);
    expect(values('I think {braces} matter. {"a": {"b": 2}} ok {')).toEqual([{ a: { b: 2 } }]);
  });

  test('follows strings, so fences inside values do not cut the object', () => {
    const reply = '```json\n{"code": "```js\\nfunction f() { return 1; }\\n```"}\n```';
    expect(values(reply)).toEqual([{ code: '```js\nfunction f() { return 1; }\n```' }]);
  });

  test('lists several top-level objects in order, not the ones nested inside', () => {
    expect(values('{"a": {"b": 1}} then {"c": 2}')).toEqual([{ a: { b: 1 } }, { c: 2 }]);
  });

  test('never reads a fragment of a broken object as the answer', () => {
    const broken = extractJsonObjects('{"reasoning": "r", "suggestion": {"x0": 5}');
    expect(broken.candidates).toEqual([]);
    expect(broken.syntaxError).toMatch(/the end of the text/);
    expect(values('Use {name: value}. {"b": 2}')).toEqual([{ b: 2 }]);
  });

  test('unwraps a reply that is one JSON string holding the object', () => {
    expect(values(JSON.stringify('{"a": 1}'))).toEqual([{ a: 1 }]);
  });

  test('explains the syntax error that got furthest when no object reads', () => {
    const result = extractJsonObjects('{"a": 1, "b": [1, 2}');
    expect(result.candidates).toEqual([]);
    expect(result.syntaxError).toMatch(/Expected ',' or '\]' in an array but found '}'/);
    expect(extractJsonObjects('no json here').syntaxError).toBeUndefined();
  });

  test('bounds the work on hostile text', () => {
    const hostile = '{"a":'.repeat(40_000);
    const result = extractJsonObjects(hostile, { maxAttempts: 10 });
    expect(result.candidates).toEqual([]);
    expect(result.syntaxError).toBeDefined();
  });
});
