/**
 * `pnpm example examples/src/adam.ts`: Adam tunes two numbers of a traced computation from its
 * gradient (no LLM). The loss is the squared distance of a * 3 + b from 10.
 */
import { Adam, node, ops, scope } from '@trace/core';

const a = node(0, { name: 'a', trainable: true });
const b = node(0, { name: 'b', trainable: true });
const optimizer = new Adam([a, b], { learningRate: 0.1 });
const loss = () =>
  scope(() => {
    const error = ops.subtract(ops.add(ops.multiply(a, 3), b), 10);
    return ops.multiply(error, error);
  });
for (let step = 1; step <= 100; step += 1) {
  optimizer.zeroFeedback();
  const value = loss();
  optimizer.backward(value, 1);
  await optimizer.step();
  if (step % 25 === 0)
    console.log(`step ${step}: loss ${value.data.toFixed(6)} (before this step)`);
}
console.log(
  `a = ${a.data.toFixed(4)}, b = ${b.data.toFixed(4)}, a * 3 + b = ${(a.data * 3 + b.data).toFixed(4)}`,
);
