import { describe, expect, test } from 'vitest';
import { node } from '../graph/create-node.js';
import { Module } from '../module/module.js';
import { bundle } from './bundle.js';
import { stripNameHelpers } from './strip-name-helpers.js';

/** What esbuild's keepNames (tsx) makes of a function with named helpers inside: the run-time text. */
const transpiled =
  'function act(x){const helper=__name(y=>y+1,"helper");function inner(z){return z*2}__name(inner,"inner");return inner(helper(x))}';

/** A function whose run-time source is `text`, with esbuild's helper in its scope. */
function compiled(text: string): (x: number) => number {
  const keepName = (target: object, value: string) =>
    Object.defineProperty(target, 'name', { value, configurable: true });
  return new Function('__name', `return ${text}`)(keepName);
}

describe("esbuild's __name helper in run-time sources (tsx)", () => {
  test('is removed from the source, which then compiles on its own', () => {
    const text = stripNameHelpers(transpiled);
    expect(text).toBe(
      'function act(x){const helper=y=>y+1;function inner(z){return z*2}return inner(helper(x))}',
    );
    expect(new Function(`return ${text}`)()(2)).toBe(6);
  });

  test('a trainable operator with named helpers inside runs, and exports code without the helper', () => {
    const act = bundle(compiled(transpiled), { trainable: true, execution: 'trusted' });
    expect(act(node(2)).data).toBe(6);
    expect(act.parameter!.data).not.toContain('__name');
    class Agent extends Module {
      readonly step = act;
    }
    expect(new Agent().exportCode()).toBe(
      '// step\nfunction act(x){const helper=y=>y+1;function inner(z){return z*2}return inner(helper(x))}\n',
    );
  });

  test('in the sandbox too', () => {
    const act = bundle(compiled(transpiled), { trainable: true });
    expect(act(node(5)).data).toBe(12);
  });

  test('line breaks are kept, so error lines still match', () => {
    const text =
      'function f(x) {\n  __name(g, "g");\n  function g() {\n    return __name(\n() => 1,\n "h");\n  }\n  return x;\n}';
    const stripped = stripNameHelpers(text);
    expect(stripped.split('\n')).toHaveLength(text.split('\n').length);
    expect(stripped).not.toContain('__name');
    expect(new Function(`return ${stripped}`)()(7)).toBe(7);
  });

  test("a function's own __name, other calls of it, and unparsable text are left alone", () => {
    const own = 'function f(x) { const __name = (a, b) => a + b; return __name(x, "!"); }';
    expect(stripNameHelpers(own)).toBe(own);
    const threeArguments = 'function f(x) { return __name(x, "a", 1); }';
    expect(stripNameHelpers(threeArguments)).toBe(threeArguments);
    const notNamed = 'function f(x) { return __name(x, name); }';
    expect(stripNameHelpers(notNamed)).toBe(notNamed);
    expect(stripNameHelpers('function (__name(')).toBe('function (__name(');
    expect(stripNameHelpers('(x) => x')).toBe('(x) => x');
  });

  test('nested helpers are all removed', () => {
    const text = 'function f(){return __name(()=>__name(function g(){},"g"),"outer")}';
    expect(stripNameHelpers(text)).toBe('function f(){return ()=>function g(){}}');
  });
});
