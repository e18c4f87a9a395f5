import { Adam, type Node, node, ops, scope } from '@trace/core';
import { seededRandom } from './seeded-random.js';

/** A traced workload: its output and the parameters it depends on. */
export interface Workload {
  readonly output: Node<number>;
  readonly parameters: readonly Node<number>[];
}

/** A chain of `operations` additions, each with a fresh constant (`ops.add(value, 1)`): 2 nodes per op. */
export function chainWithConstants(operations: number): Workload {
  const parameter = node(1, { name: 'x', trainable: true });
  let value: Node<number> = parameter;
  for (let step = 0; step < operations; step += 1) value = ops.add(value, 1);
  return { output: value, parameters: [parameter] };
}

/**
 * A random DAG of `operations` additions over `parameterCount` parameters: each takes one operand from
 * anywhere earlier in the graph (wide dependencies) and one from the last `recent` nodes (depth).
 */
export function wideRandomDag(operations: number, parameterCount = 100, recent = 8): Workload {
  const next = seededRandom(7);
  const parameters = Array.from({ length: parameterCount }, (_, index) =>
    node(index, { name: `p${index}`, trainable: true }),
  );
  const nodes: Node<number>[] = [...parameters];
  for (let step = 0; step < operations; step += 1) {
    const count = nodes.length;
    const anywhere = nodes[Math.floor(next() * count)]!;
    const latest = nodes[count - 1 - Math.floor(next() * Math.min(recent, count))]!;
    nodes.push(ops.add(anywhere, latest));
  }
  return { output: nodes[nodes.length - 1]!, parameters };
}

/**
 * `steps` Adam steps on a 61-operation graph (forward, backward, step, zero), awaiting only settled
 * promises: the event loop never runs in between, as in a synchronous evaluation loop.
 */
export async function synchronousAdamSteps(steps: number): Promise<Node<number>> {
  const x = node(-1, { name: 'x', trainable: true });
  const temperature = node(0.2, { name: 'temperature' }); // a long-lived non-trainable root
  const optimizer = new Adam([x], { learningRate: 0.01 });
  for (let step = 0; step < steps; step += 1) {
    const y = scope(() => {
      let value: Node<number> = ops.multiply(x, temperature);
      for (let term = 0; term < 30; term += 1) value = ops.add(value, ops.multiply(x, term));
      return value;
    });
    optimizer.zeroFeedback();
    optimizer.backward(y, 1);
    await optimizer.step();
  }
  return x;
}
