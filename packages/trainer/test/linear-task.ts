import { Adam, type Node, node, ops } from '@trace/core';

/** An example of the linear task: find `slope` so that slope * input = target. */
export interface LinearExample {
  readonly input: number;
  readonly target: number;
}

/** Examples of y = 3x for x = 1..count. */
export function linearExamples(count: number, slope = 3): LinearExample[] {
  return Array.from({ length: count }, (_value, index) => ({
    input: index + 1,
    target: slope * (index + 1),
  }));
}

/** A one-parameter workflow (`slope * input`) with its Adam optimizer. */
export function linearSetup(learningRate = 0.5) {
  const slope = node(0, { name: 'slope', trainable: true }) as Node<number>;
  const optimizer = new Adam([slope], { learningRate });
  const workflow = (example: LinearExample) => ops.multiply(slope, example.input);
  return { slope, optimizer, workflow };
}
