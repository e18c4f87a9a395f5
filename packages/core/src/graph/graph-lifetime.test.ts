import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { scope } from '../context/scope.js';
import { ops } from '../ops/index.js';
import { Adam } from '../optim/adam.js';
import { node } from './create-node.js';
import type { Node } from './node.js';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** Heap in use after full collections, in MB. */
function heapAfterGc(): number {
  for (let round = 0; round < 3; round += 1) collect();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** One Adam step on a 60-node graph of `x` and a fresh constant per operation. */
async function adamStep(x: Node<number>, temperature: Node<number>, optimizer: Adam) {
  const y = scope(() => {
    let value: Node<number> = ops.multiply(x, temperature);
    for (let term = 0; term < 30; term += 1) value = ops.add(value, ops.multiply(x, term));
    return value;
  });
  optimizer.zeroFeedback();
  optimizer.backward(y, 1);
  await optimizer.step();
}

describe('graph lifetime', () => {
  // Issue 16: roots used to hold children through WeakRefs, whose targets V8 keeps until the microtask
  // queue drains; a loop that only awaits resolved promises never lets it drain.
  test('a loop that never yields to the event loop keeps the heap flat (no graph outlives its step)', async () => {
    const x = node(-1, { name: 'x', trainable: true });
    const temperature = node(0.2, { name: 'temperature' }); // long-lived, not trainable
    const optimizer = new Adam([x], { learningRate: 0.01 });
    for (let step = 0; step < 500; step += 1) await adamStep(x, temperature, optimizer);
    const before = heapAfterGc();
    // 4,000 steps of ~120 nodes: about 500,000 nodes, 50+ MB if the graphs were kept.
    for (let step = 0; step < 4000; step += 1) await adamStep(x, temperature, optimizer);
    const growth = heapAfterGc() - before;
    expect(growth).toBeLessThan(4);
    expect(Number.isFinite(x.data)).toBe(true);
  });

  test('a non-trainable root keeps no feedback after a pass; a parameter keeps its own', () => {
    const temperature = node(0.2, { name: 'temperature' });
    const x = node(1, { name: 'x', trainable: true });
    const y = ops.multiply(ops.add(x, temperature), 2);
    y.backward('smaller');
    expect(temperature.feedback).toEqual([]);
    expect(x.feedback).toHaveLength(1);
    y.backward('still smaller', { retainGraph: true });
    expect(temperature.feedback).toHaveLength(1); // asked for: kept
    expect(x.feedback).toHaveLength(2);
  });

  test('the trace graph a parameter received lists the nodes of its pass only', () => {
    const x = node(1, { name: 'x', trainable: true });
    const first = ops.add(x, 1);
    const second = ops.multiply(x, 3);
    second.backward('about second');
    const [graph] = x.feedback as { nodes: readonly Node[] }[];
    expect(graph!.nodes).toEqual([x, second.inputNodes[1]!, second]);
    expect(graph!.nodes).not.toContain(first);
  });
});
