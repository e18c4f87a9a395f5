import { Adam, node, ops } from '@trace/core';
import { numericTarget, train } from '@trace/trainer';

// The quickstart's workflow: Fahrenheit = slope * Celsius + intercept, both numbers trainable.
const slope = node(1, { name: 'slope', trainable: true });
const intercept = node(0, { name: 'intercept', trainable: true });
const workflow = (example: { celsius: number; target: number }) =>
  ops.add(ops.multiply(slope, example.celsius), intercept);

const reading = (celsius: number) => ({ celsius, target: celsius * 1.8 + 32 });
const trainSet = [-40, -10, 0, 5, 15, 20, 30, 37, 60, 100].map(reading);
const validationSet = [-20, 25, 80].map(reading);

const result = await train({
  workflow,
  optimizer: new Adam([slope, intercept], { learningRate: 3 }),
  guide: numericTarget({ feedback: 'gradient' }), // score -|F - target|; Adam minimizes the distance
  train: trainSet,
  validation: validationSet,
  batchSize: 4,
  epochs: 30,
  seed: 1,
  progress: 'silent',
});
console.log(`${result.reason} after ${result.steps} steps`);
console.log(`best validation ${result.best?.score.toFixed(2)} at step ${result.best?.step}`);
console.log(`slope ${slope.data.toFixed(2)}, intercept ${intercept.data.toFixed(2)}`);
