import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { node } from '../graph/create-node.js';
import { Module } from './module.js';

async function temporaryFile(name: string): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'trace-persist-')), name);
}

class Holder extends Module {
  readonly slots: ReturnType<typeof node<unknown>>[];
  constructor(values: unknown[]) {
    super();
    this.slots = values.map((value, index) =>
      node(value, { name: `slot${index}`, trainable: true }),
    );
  }
}

describe('saveParameters / loadParameters round-trip every value a parameter may hold', () => {
  const special = [
    undefined,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    0,
    null,
    '',
    'a "quoted" 😀 text',
    [1, undefined, Number.NaN, -0],
    { nested: { deep: Number.NEGATIVE_INFINITY }, missing: undefined },
    { $trace: 'NaN', other: 1 },
    JSON.parse('{"__proto__": {"polluted": true}, "plain": 1}'),
    true,
  ];

  test('special numbers, undefined, -0, tag-like objects and __proto__ keys come back exactly', async () => {
    const path = await temporaryFile('values.json');
    await new Holder(special).saveParameters(path);
    const restored = new Holder(special.map(() => undefined));
    await restored.loadParameters(path);
    restored.slots.forEach((slot, index) => {
      expect(slot.data).toStrictEqual(special[index]);
    });
    expect(Object.is(restored.slots[4]!.data, -0)).toBe(true);
    expect(Object.is((restored.slots[9]!.data as number[])[3], -0)).toBe(true);
    expect(Object.getPrototypeOf(restored.slots[12]!.data)).toBe(Object.prototype);
    expect(Object.keys(restored.slots[12]!.data as object)).toEqual(['__proto__', 'plain']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('a value a file cannot hold is refused and nothing is written', async () => {
    const path = await temporaryFile('map.json');
    await expect(new Holder([new Map([[1, 2]])]).saveParameters(path)).rejects.toThrow(
      /nothing was written: 'slots\[0\]' holds a Map, which a parameter file cannot store/,
    );
    await expect(readFile(path)).rejects.toThrow(/ENOENT/);
  });
});

describe('loadParameters checks what it loads', () => {
  test('"parameters": null, an array or a missing field give a clear error', async () => {
    const path = await temporaryFile('bad.json');
    for (const parameters of ['null', '[]', '"text"']) {
      await writeFile(path, `{"format":"trace-parameters","version":2,"parameters":${parameters}}`);
      await expect(new Holder([1]).loadParameters(path)).rejects.toThrow(
        /not a parameter file.*an object of parameter values under "parameters"/,
      );
    }
  });

  test('a value of another kind is refused, all or nothing', async () => {
    const path = await temporaryFile('kinds.json');
    await writeFile(
      path,
      JSON.stringify({
        format: 'trace-parameters',
        version: 1,
        parameters: { 'slots[0]': 'changed', 'slots[1]': 'not a number' },
      }),
    );
    const holder = new Holder(['text', 3]);
    await expect(holder.loadParameters(path)).rejects.toThrow(
      /nothing was loaded. slots\[1\] holds a number but the file has a string/,
    );
    expect(holder.slots.map((slot) => slot.data)).toEqual(['text', 3]);
  });

  test('code that does not compile is refused before anything changes', async () => {
    class Coded extends Module {
      prompt = node('keep', { name: 'prompt', trainable: true });
      parse = this.operator(
        function parse(text: string) {
          return text;
        },
        { trainable: true, execution: 'trusted' },
      );
    }
    const path = await temporaryFile('code.json');
    await writeFile(
      path,
      JSON.stringify({
        format: 'trace-parameters',
        version: 2,
        parameters: { prompt: 'new', 'parse.__code': 'function parse(text) { return text +; }' },
      }),
    );
    const coded = new Coded();
    await expect(coded.loadParameters(path)).rejects.toThrow(/parse.__code: .*compile/i);
    expect(coded.prompt.data).toBe('keep');
  });
});

describe('where a Module finds parameters', () => {
  test('plain objects and Maps with string keys are searched; Sets warn once', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      class Containers extends Module {
        config = { prompt: node('p', { trainable: true }) };
        byName = new Map([['critic', node('c', { trainable: true })]]);
        bag = new Set([node('lost', { trainable: true })]);
      }
      const keys = [...new Containers().namedParameters().keys()];
      expect(keys).toEqual(['config.prompt', 'byName["critic"]']);
      new Containers().namedParameters();
      const messages = warn.mock.calls.map((call) => String(call[0]));
      expect(messages.filter((message) => message.includes("'bag' is a Set"))).toHaveLength(1);
    } finally {
      warn.mockRestore();
    }
  });
});
