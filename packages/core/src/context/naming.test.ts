import { describe, expect, test } from 'vitest';
import { bundle } from '../bundle/bundle.js';
import type { TraceExecutionError } from '../errors/trace-execution-error.js';
import { node } from '../graph/create-node.js';
import type { Node } from '../graph/node.js';
import { ops } from '../ops/index.js';
import { scope } from './scope.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('names follow call order', () => {
  test('async outputs are named in call order, whatever order they finish in', async () => {
    const ask = bundle(async function ask(question: string, delay: number) {
      await sleep(delay);
      return `answer to ${question}`;
    });
    for (const delays of [
      [30, 0, 15],
      [0, 15, 30],
    ]) {
      const names = await scope(async () => {
        const outputs = await Promise.all(delays.map((delay, index) => ask(`q${index}`, delay)));
        return outputs.map((output) => `${output.name} ${output.data}`);
      });
      expect(names).toEqual(['ask:0 answer to q0', 'ask:1 answer to q1', 'ask:2 answer to q2']);
    }
  });

  test('failed async calls are named in call order too, paired with the call', async () => {
    const check = bundle(async function check(value: number, delay: number) {
      await sleep(delay);
      if (value < 0) throw new Error('negative');
      return value;
    });
    const names = await scope(async () => {
      const settled = await Promise.allSettled([check(-1, 25), check(1, 0), check(-2, 0)]);
      return settled.map((result) =>
        result.status === 'fulfilled'
          ? result.value.name
          : (result.reason as TraceExecutionError).exceptionNode.name,
      );
    });
    expect(names).toEqual(['exception_check:0', 'check:1', 'exception_check:2']);
  });

  test('100 concurrent calls of one operator get 100 distinct names in call order', async () => {
    const echo = bundle(async function echo(value: number) {
      await sleep(value % 7);
      return value;
    });
    const outputs = await scope(() =>
      Promise.all(Array.from({ length: 100 }, (_, index) => echo(index))),
    );
    expect(outputs.map((output) => output.name)).toEqual(
      Array.from({ length: 100 }, (_, index) => `echo:${index}`),
    );
  });
});

describe('scopes change naming only', () => {
  test('a hidden read inside scope() in an async operator is still an error', async () => {
    const captured = node(7, { name: 'captured' });
    const sneaky = bundle(async function sneaky(value: number) {
      await sleep(0);
      return scope(() => value + (captured.data as number));
    });
    await expect(sneaky(1)).rejects.toThrow(/read node 'captured:\d+' without receiving it/);
    const syncSneaky = bundle(function syncSneaky(value: number) {
      return scope(() => value + (captured.data as number));
    });
    expect(() => syncSneaky(1)).toThrow(/read node 'captured:\d+' without receiving it/);
  });

  test('inside scope() in an async operator, nested operators run as plain functions', async () => {
    const double = bundle(function double(value: number) {
      return value * 2;
    });
    const outer = bundle(async function outer(value: number) {
      await sleep(0);
      return scope(() => double(value) as unknown as number) + 1;
    });
    const output = await outer(node(4, { name: 'x' }));
    expect(output.data).toBe(9);
    expect(output.parents.map((parent) => parent.name)).toEqual([expect.stringMatching(/^x:/)]);
  });

  test('a node created after an inner scope does not repeat a name from inside it', () => {
    const names = scope(() => {
      const made: Node[] = [ops.add(1, 2)];
      made.push(scope(() => ops.add(ops.add(3, 4), 5)));
      made.push(ops.add(6, 7));
      made.push(scope(() => scope(() => ops.add(8, 9))));
      made.push(ops.add(10, 11));
      return made.map((item) => item.name);
    });
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(['add:0', 'add:2', 'add:3', 'add:4', 'add:5']);
  });

  test('the same workflow in a scope keeps its names from one run to the next', async () => {
    const slow = bundle(async function slow(value: number) {
      await sleep(1);
      return value;
    });
    const run = () =>
      scope(async () => {
        const first = scope(() => ops.add(1, 2));
        const second = await slow(first);
        return [first.name, second.name, ops.add(second, 1).name];
      });
    const runs = [await run(), await run(), ...(await Promise.all([run(), run()]))];
    for (const names of runs) expect(names).toEqual(runs[0]);
    expect(runs[0]).toEqual(['add:0', 'slow:0', 'add:1']);
  });

  test('a node created after concurrent scopes finish continues after all of them', async () => {
    const names = await scope(async () => {
      const inner = await Promise.all(
        [0, 1, 2].map((index) =>
          scope(async () => {
            await sleep(index);
            return ops.add(index, 1).name;
          }),
        ),
      );
      return [...inner, ops.add(0, 0).name];
    });
    expect(names).toEqual(['add:0', 'add:0', 'add:0', 'add:1']); // concurrent scopes share names by design
  });
});
