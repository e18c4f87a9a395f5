/**
 * Attack corpus, escapes: code that reaches for the host (process, require, fetch, prototypes,
 * host objects) or returns what cannot leave. Each case asserts containment and the feedback text.
 */
import { describe, expect, it } from 'vitest';
import { corpusCompiler, failureOf } from './attack-corpus.test-helper.js';

const compile = corpusCompiler();
const compileWithLookup = corpusCompiler({
  hostFunctions: {
    lookup: function secretHostFunction() {
      return 'value';
    },
  },
});

describe('attack corpus: escapes', () => {
  it.each([
    ['process', 'function act() {\n  return process.env.HOME;\n}'],
    ['require', 'function act() {\n  return require("fs").readFileSync("/etc/passwd", "utf8");\n}'],
    ['fetch', 'async function act() {\n  return (await fetch("https://example.com")).status;\n}'],
    ['fs', 'function act() {\n  return fs.readdirSync("/");\n}'],
    [
      'setTimeout',
      'function act() {\n  return new Promise((resolve) => setTimeout(resolve, 10));\n}',
    ],
  ])('8. %s is unavailable and the message lists what exists', (name, source) => {
    const failure = failureOf(compile(source));
    expect(failure.kind).toBe('unavailable-global');
    expect(failure.line).toBe(2);
    expect(failure.message).toContain(`\`${name}\` is not available in the sandbox`);
    expect(failure.message).toContain('no host functions were provided');
    expect(failure.message).toContain('Only these globals exist');
  });

  it('9. import() loads nothing', () => {
    const code = compile(
      'async function act() {\n  const fs = await import("node:fs");\n  return fs.readFileSync("/etc/hostname", "utf8");\n}',
    );
    const failure = failureOf(code);
    expect(failure.kind).toBe('unavailable-global');
    expect(failure.message).toContain('import()');
  });

  it('10. globalThis holds no host objects, and writing to it does not reach the host', () => {
    const code = compile(`function act() {
  globalThis.process = { exit: () => 'replaced' };
  return Object.getOwnPropertyNames(globalThis);
}`);
    const names = code.call([]) as string[];
    for (const hostName of ['require', 'fetch', 'Buffer', 'module', 'setTimeout', '__dirname']) {
      expect(names).not.toContain(hostName);
    }
    expect(names).toContain('JSON');
    expect(typeof process.exit).toBe('function');
  });

  it("11. this.constructor.constructor('return process')() finds no process", () => {
    // \`this\` is undefined in sandboxed code; the Function constructor is reached through globalThis.
    const code = compile(`function act(board) {
  const viaGlobal = globalThis.constructor.constructor('return typeof process')();
  const viaArgument = board.constructor.constructor('return typeof globalThis.process')();
  return [viaGlobal, viaArgument, globalThis.constructor.constructor('return process')()];
}`);
    const failure = failureOf(code, [{ cells: [] }]);
    expect(failure.kind).toBe('unavailable-global');
    expect(failure.message).toContain('`process` is not available');
    const probe = compile(`function act(board) {
  return [globalThis.constructor.constructor('return typeof process')(), board.constructor.constructor('return typeof require')()];
}`);
    expect(probe.call([{}])).toEqual(['undefined', 'undefined']);
  });

  it('12. prototype pollution through arguments leaves the host prototypes unchanged', () => {
    const input = JSON.parse('{"__proto__": {"admin": true}, "cells": [1]}') as Record<
      string,
      unknown
    >;
    const code = compile(`function act(value) {
  value.__proto__.polluted = 'yes';
  Object.prototype.hacked = 'yes';
  value.constructor.prototype.evil = 'yes';
  Array.prototype.push = function () { return 'hijacked'; };
  JSON.parse = () => 'hijacked';
  return { __proto__: { viaResult: true }, ['__proto__']: { own: true }, ok: [].push(1) };
}`);
    const result = code.call([input]) as Record<string, unknown>;
    const plain: Record<string, unknown> = {};
    expect(plain.polluted).toBeUndefined();
    expect(plain.hacked).toBeUndefined();
    expect(plain.evil).toBeUndefined();
    expect(plain.admin).toBeUndefined();
    expect([1].push(2)).toBe(2);
    expect(JSON.parse('1')).toBe(1);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.hasOwn(result, '__proto__')).toBe(true);
    expect(result.viaResult).toBeUndefined();
    expect(result.ok).toBe('hijacked');
    expect(Object.getPrototypeOf(input)).toBe(Object.prototype);
    expect(input).toEqual(JSON.parse('{"__proto__": {"admin": true}, "cells": [1]}'));
    expect(code.call([{ cells: [] }])).toMatchObject({ ok: 'hijacked' });
  });

  it('13. mutating an input object changes only the sandbox copy', () => {
    const board = [
      ['.', '.'],
      ['.', 'X'],
    ];
    const plan = { shots: 0, history: [[0, 0]] };
    const code = compile(`function act(map, plan) {
  map[0][0] = 'O';
  map.push(['new']);
  plan.shots = 999;
  plan.history.length = 0;
  delete plan.history;
  return [map.length, plan.shots];
}`);
    expect(code.call([board, plan])).toEqual([3, 999]);
    expect(board).toEqual([
      ['.', '.'],
      ['.', 'X'],
    ]);
    expect(plan).toEqual({ shots: 0, history: [[0, 0]] });
  });

  it('14. a result containing a function cannot leave, and the message gives the path', () => {
    const code = compile(
      'function act() {\n  return { move: [1, 2], explain: () => "because" };\n}',
    );
    const failure = failureOf(code);
    expect(failure.kind).toBe('unserializable-result');
    expect(failure.message).toContain('result.explain is a function');
    expect(failure.message).toContain('JSON-like data');
  });

  it('15. a result containing a cycle cannot leave, and the message names both ends', () => {
    const code = compile(
      'function act() {\n  const node = { next: { value: 1 } };\n  node.next.next = node;\n  return [node];\n}',
    );
    const failure = failureOf(code);
    expect(failure.kind).toBe('unserializable-result');
    expect(failure.message).toContain(
      'result[0].next.next is a circular reference back to result[0]',
    );
  });

  it('19. BigInt, symbol and Map results are refused with advice', () => {
    expect(failureOf(compile('() => ({ total: 10n })')).message).toContain(
      'result.total is a BigInt',
    );
    expect(failureOf(compile('() => [Symbol("s")]')).message).toContain('result[0] is a symbol');
    expect(failureOf(compile('() => new Map([[1, 2]])')).message).toContain('Object.fromEntries');
  });

  it('20. host functions expose no host source or objects to the code', () => {
    const code = compileWithLookup(`function act() {
  return [String(lookup), lookup.constructor.constructor('return typeof process')()];
}`);
    const [text, processType] = code.call([]) as [string, string];
    expect(text).not.toContain('secretHostFunction');
    expect(text).not.toContain("return 'value'");
    expect(processType).toBe('undefined');
    const escapeAttempt = compileWithLookup(
      "function act() { return lookup.constructor.constructor('return process')(); }",
    );
    const failure = failureOf(escapeAttempt);
    expect(failure.kind).toBe('unavailable-global');
  });

  it('21. console output never reaches the host terminal', () => {
    const written: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    try {
      compile(
        'function act() {\n  console.log("leak?");\n  console.error("leak?");\n  return 1;\n}',
      ).call([]);
    } finally {
      process.stdout.write = original;
    }
    expect(written.join('')).not.toContain('leak?');
  });
});
