import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { ancestorsOrSelf } from '../backward/random-graph.test-helper.js';
import { bundle } from '../bundle/bundle.js';
import { node } from '../graph/create-node.js';
import type { Node } from '../graph/node.js';
import { ops } from '../ops/index.js';
import { scope } from './scope.js';

const slowAdd = bundle(async function slowAdd(a: number, b: number) {
  await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 5)));
  return a + b;
});

async function workflow(weight: Node<number>, input: number): Promise<Node<number>> {
  const x = node(input, { name: 'input' });
  const scaled = ops.multiply(x, weight);
  const shifted = await slowAdd(scaled, 1);
  return ops.abs(await slowAdd(shifted, x));
}

describe('concurrent workflows', () => {
  test('16 workflows traced with Promise.all never see each other and get the same names', async () => {
    const weight = node(2, { name: 'weight', trainable: true });
    const outputs = await Promise.all(
      Array.from({ length: 16 }, (_, index) => scope(() => workflow(weight, index))),
    );
    const namesOf = (output: Node) => [...ancestorsOrSelf(output)].map((item) => item.name).sort();
    const expectedNames = namesOf(outputs[0]!);
    expect(expectedNames).toContain('slowAdd:1');
    outputs.forEach((output, index) => {
      expect(output.data).toBe(Math.abs(index * 2 + 1 + index));
      expect(namesOf(output)).toEqual(expectedNames);
      const mine = ancestorsOrSelf(output);
      outputs.forEach((other, otherIndex) => {
        if (otherIndex === index) return;
        const shared = [...ancestorsOrSelf(other)].filter((item) => mine.has(item));
        expect(shared).toEqual([weight]); // only the shared parameter
      });
    });
  });

  test('names restart in each scope run but continue after nodes created outside', () => {
    node(0, { name: 'add' });
    const first = scope(() => ops.add(1, 2).name);
    const second = scope(() => ops.add(1, 2).name);
    expect(first).toBe(second);
  });
});

describe('memory', () => {
  test('a graph no longer referenced is garbage-collected even though its parameter lives on', async () => {
    setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as () => void;
    const parameter = node(1, { name: 'p', trainable: true });
    // Build each iteration's graph in its own function so no local variable keeps it alive.
    const iterate = (): WeakRef<Node> => {
      let value: Node<number> = parameter;
      for (let step = 0; step < 100; step += 1) value = ops.add(value, step);
      value.backward('feedback');
      parameter.zeroFeedback(); // the trace graph held by the parameter references the pass
      return new WeakRef(value);
    };
    const references = [iterate(), iterate(), iterate()];
    for (
      let attempt = 0;
      attempt < 10 && references.some((reference) => reference.deref());
      attempt += 1
    ) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      collect();
    }
    expect(references.map((reference) => reference.deref())).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});
