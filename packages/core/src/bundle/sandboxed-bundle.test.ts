import { describe, expect, test } from 'vitest';
import { TraceExecutionError } from '../errors/trace-execution-error.js';
import { node } from '../graph/create-node.js';
import { Module } from '../module/module.js';
import { bundle } from './bundle.js';

function exceptionText(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (TraceExecutionError.isInstance(error)) return error.exceptionNode.data;
    throw error;
  }
  throw new Error('expected a TraceExecutionError');
}

describe('trainable operators run in the sandbox by default', () => {
  test('the ordinary path: data in, data out, synchronously', () => {
    const act = bundle(
      function act(map: string[][], plan: number[]) {
        for (let row = 0; row < map.length; row += 1) {
          for (let column = 0; column < map[row]!.length; column += 1) {
            if (map[row]![column] === '.') return [row + plan[0]!, column];
          }
        }
        return [0, 0];
      },
      { trainable: true },
    );
    const board = node([
      ['X', 'O'],
      ['.', '.'],
    ]);
    const shot = act(board, [0]);
    expect(shot.data).toEqual([1, 0]);
    expect(shot.parents).toContain(act.parameter);
  });

  test('host globals are not reachable; the failure becomes feedback and the next version works', () => {
    const probe = bundle(
      function probe(x: number) {
        return x;
      },
      { trainable: true },
    );
    probe.parameter!.data = 'function probe(x) { return process.env.HOME; }';
    const text = exceptionText(() => probe(1));
    expect(text).toMatch(/^Error in operator 'probe': /);
    expect(text).toMatch(/process/);
    expect(text).not.toContain(process.env.HOME ?? '/root');
    probe.parameter!.data = 'function probe(x) { return x * 2; }';
    expect(probe(21).data).toBe(42);
  });

  test('the time limit is configurable per operator and an endless loop becomes feedback', () => {
    const spin = bundle(
      function spin(x: number) {
        return x;
      },
      { trainable: true, sandbox: { timeoutMs: 50 } },
    );
    spin.parameter!.data = 'function spin(x) { while (true) {} }';
    const text = exceptionText(() => spin(1));
    expect(text).toMatch(/Timeout: the code ran longer than the 50 ms limit/);
  });

  test('inputs are copies: code cannot change the host value it was given', () => {
    const mutate = bundle(
      function mutate(record: { count: number }) {
        record.count = 99;
        return record.count;
      },
      { trainable: true },
    );
    const record = { count: 1 };
    expect(mutate(record).data).toBe(99);
    expect(record.count).toBe(1);
  });

  test('a module method runs sandboxed without `this` (the module stays on the host side)', () => {
    class Policy extends Module {
      act = this.operator(
        function act(position: number) {
          return position + 1;
        },
        { trainable: true },
      );
    }
    const policy = new Policy();
    expect(policy.act(1).data).toBe(2);
  });
});

describe('a sandboxed async operator keeps its promise', () => {
  test('returns a Promise of the node, and failures reject instead of throwing', async () => {
    const lookup = bundle(
      async function lookup(key: string) {
        if (key === 'bad') throw new Error('unknown key');
        return key.toUpperCase();
      },
      { trainable: true },
    );
    const pending = lookup('ok');
    expect(pending).toBeInstanceOf(Promise);
    expect((await pending).data).toBe('OK');
    const settled = await Promise.allSettled(['a', 'bad', 'c'].map((key) => lookup(key)));
    expect(settled.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    const failure = (settled[1] as PromiseRejectedResult).reason;
    expect(TraceExecutionError.isInstance(failure)).toBe(true);
    // A proposal that does not compile is a rejection too, not a synchronous throw.
    lookup.parameter!.data = 'async function lookup(key) { return key +; }';
    const broken = lookup('x');
    expect(broken).toBeInstanceOf(Promise);
    await expect(broken).rejects.toSatisfy(TraceExecutionError.isInstance);
  });
});
