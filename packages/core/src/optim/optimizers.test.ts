import { describe, expect, test } from 'vitest';
import { node } from '../graph/create-node.js';
import type { Node } from '../graph/node.js';
import { ops } from '../ops/index.js';
import { Adam } from './adam.js';
import type { NumericOptimizer } from './numeric-optimizer.js';
import { collectParameters } from './optimizer.js';
import { SGD } from './sgd.js';

/** Loss (x - 3)^2 + (y + 1)^2, minimized at (3, -1). */
function loss(x: Node<number>, y: Node<number>) {
  return ops.add(ops.power(ops.subtract(x, 3), 2), ops.power(ops.add(y, 1), 2));
}

describe('numeric optimizers', () => {
  test.each([
    ['SGD', (parameters: Node[]) => new SGD(parameters, { learningRate: 0.1 }), 100],
    [
      'SGD with momentum',
      (parameters: Node[]) => new SGD(parameters, { learningRate: 0.05, momentum: 0.9 }),
      200,
    ],
    ['Adam', (parameters: Node[]) => new Adam(parameters, { learningRate: 0.1 }), 300],
  ])('%s minimizes a quadratic through the Optimizer interface', async (_name, create, steps) => {
    const x = node(0, { trainable: true });
    const y = node(0, { trainable: true });
    const optimizer = create([x, y]);
    for (let step = 0; step < steps; step += 1) {
      optimizer.zeroFeedback();
      optimizer.backward(loss(x, y), 1);
      await optimizer.step();
    }
    expect(x.data).toBeCloseTo(3, 2);
    expect(y.data).toBeCloseTo(-1, 2);
  });

  test('the step record lists updates with gradients and skips parameters without feedback', async () => {
    const x = node(1, { name: 'x', trainable: true });
    const unused = node(5, { name: 'unused', trainable: true });
    const optimizer = new SGD([x, unused], { learningRate: 0.5 });
    optimizer.backward(ops.multiply(x, 4), 1);
    const record = await optimizer.step();
    expect(record).toEqual({
      step: 1,
      updates: [{ name: x.name, before: 1, after: -1, gradient: 4 }],
      skipped: [{ name: unused.name, reason: 'received no feedback' }],
    });
  });

  test('Adam takes a first step of learningRate in the direction against the gradient', async () => {
    const x = node(1, { trainable: true });
    const adam = new Adam([x], { learningRate: 0.1 });
    adam.backward(ops.multiply(x, 7), 1);
    await adam.step();
    expect(x.data).toBeCloseTo(0.9, 6);
  });

  test('non-trainable nodes are refused', () => {
    expect(() => collectParameters([node(1)])).toThrow(/not trainable/);
  });

  describe.each([
    ['Adam', (parameters: Node[]) => new Adam(parameters, { learningRate: 0.1 })],
    [
      'SGD with momentum',
      (parameters: Node[]) => new SGD(parameters, { learningRate: 0.1, momentum: 0.9 }),
    ],
  ] as const)('%s', (_name, create: (parameters: Node[]) => NumericOptimizer) => {
    test('one non-finite gradient skips that step only: later finite gradients update as if it never happened', async () => {
      const x = node(0, { name: 'x', trainable: true });
      const optimizer = create([x]);
      // d sqrt(x)/dx at 0 is infinite.
      optimizer.backward(ops.sqrt(x), 1);
      const skippedStep = await optimizer.step();
      expect(skippedStep.updates).toEqual([]);
      expect(skippedStep.skipped[0]?.reason).toMatch(/not finite; value and state kept/);
      expect(x.data).toBe(0);

      const reference = node(0, { name: 'x', trainable: true });
      const fresh = create([reference]);
      for (const [parameter, opt] of [
        [x, optimizer],
        [reference, fresh],
      ] as const) {
        opt.zeroFeedback();
        opt.backward(ops.multiply(parameter, 2), 1);
        await opt.step();
        opt.zeroFeedback();
        opt.backward(ops.multiply(parameter, 3), 1);
        await opt.step();
      }
      expect(x.data).not.toBe(0);
      expect(x.data).toBe(reference.data);
      expect(optimizer.exportState().slots.map((entry) => entry.slot)).toEqual(
        fresh.exportState().slots.map((entry) => entry.slot),
      );
    });

    test('propose changes nothing; apply commits values, state and the step count', async () => {
      const x = node(1, { name: 'x', trainable: true });
      const optimizer = create([x]);
      optimizer.backward(ops.multiply(x, 4), 1);
      const before = optimizer.exportState();
      const first = await optimizer.propose();
      const second = await optimizer.propose();
      expect(x.data).toBe(1);
      expect(optimizer.exportState()).toEqual(before);
      expect(first.step).toBe(1);
      expect(second.values.get(x)).toBe(first.values.get(x));
      const record = await optimizer.apply(first);
      expect(record).toBe(first.record);
      expect(x.data).toBe(first.values.get(x));
      expect(optimizer.exportState().step).toBe(1);
      expect((await optimizer.propose()).step).toBe(2);
    });

    test('exportState/loadState resume a run exactly, through JSON', async () => {
      const run = async (split: boolean) => {
        const x = node(0, { name: 'x', trainable: true });
        const y = node(0, { name: 'y', trainable: true });
        let optimizer = create([x, y]);
        for (let step = 0; step < 6; step += 1) {
          if (split && step === 3) {
            const saved = JSON.parse(JSON.stringify(optimizer.exportState()));
            optimizer = create([x, y]);
            optimizer.loadState(saved);
          }
          optimizer.zeroFeedback();
          optimizer.backward(loss(x, y), 1);
          await optimizer.step();
        }
        return [x.data, y.data, optimizer.exportState().slots.map((entry) => entry.slot)];
      };
      expect(await run(true)).toEqual(await run(false));
    });

    test('loadState refuses a foreign or corrupt state and keeps its own', async () => {
      const x = node(0, { name: 'x', trainable: true });
      const optimizer = create([x]);
      const good = optimizer.exportState();
      const other = create([node(0, { name: 'other', trainable: true })]).exportState();
      expect(() => optimizer.loadState(null)).toThrow(/Cannot load this state/);
      expect(() => optimizer.loadState({ ...good, version: 2 })).toThrow(/version 2/);
      expect(() => optimizer.loadState({ ...good, optimizer: 'opro' })).toThrow(
        /written by 'opro'/,
      );
      expect(() => optimizer.loadState(other)).toThrow(/is for 'other:\d+'/);
      const slots = good.slots.map((entry) => ({
        ...entry,
        slot: Object.fromEntries(Object.keys(entry.slot).map((key) => [key, Number.NaN])),
      }));
      expect(() => optimizer.loadState({ ...good, slots })).toThrow(/not a finite number/);
      expect(optimizer.exportState()).toEqual(good);
    });

    test('apply refuses a proposal made by another optimizer', async () => {
      const x = node(1, { name: 'x', trainable: true });
      const a = create([x]);
      const b = create([x]);
      a.backward(ops.multiply(x, 2), 1);
      const proposal = await a.propose();
      await expect(b.apply(proposal)).rejects.toThrow(/did not make/);
      expect(x.data).toBe(1);
    });
  });
});
