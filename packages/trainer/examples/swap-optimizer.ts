import { node, ops } from '@trace/core';
import { resolveModel } from '@trace/llm';
import { OPRO } from '@trace/opro';
import { OptoPrime } from '@trace/optoprime';
import { bestOfN, numericTarget, train } from '@trace/trainer';

const slope = node(1, { name: 'slope', trainable: true });
const intercept = node(0, { name: 'intercept', trainable: true });
const workflow = (example: { celsius: number; target: number }) =>
  ops.add(ops.multiply(slope, example.celsius), intercept);
const reading = (celsius: number) => ({ celsius, target: celsius * 1.8 + 32 });

const model = resolveModel();
const loop = {
  workflow,
  guide: numericTarget(), // feedback in words for LLM optimizers
  train: [-40, -10, 0, 15, 37, 100].map(reading),
  validation: [-20, 25, 80].map(reading),
  batchSize: 3,
  steps: 5,
  runDirectory: 'runs/fahrenheit-optoprime',
  resume: true,
};

await train({ ...loop, optimizer: new OptoPrime([slope, intercept], { model }) });
// The same loop with OPRO:
await train({ ...loop, optimizer: new OPRO([slope, intercept], { model }) });
// Best-of-4 proposals a step (needs an optimizer with propose/apply):
await train({
  ...loop,
  optimizer: new OptoPrime([slope, intercept], { model }),
  search: bestOfN({ n: 4 }),
});
