import { setTimeout as sleep } from 'node:timers/promises';
import { numericTarget } from '../src/guides/numeric-target.js';
import { train } from '../src/training/train.js';
import { type LinearExample, linearExamples, linearSetup } from './linear-task.js';

/** The run the kill -9 test interrupts: Adam on the linear task, 120 steps, resumable. */
export async function runLinearTraining(runDirectory: string): Promise<number> {
  const { slope, optimizer, workflow } = linearSetup(0.05);
  await train({
    workflow: async (example: LinearExample) => {
      await sleep(1);
      return workflow(example);
    },
    optimizer,
    guide: numericTarget({ feedback: 'gradient' }),
    train: linearExamples(8),
    validation: linearExamples(2),
    validateEvery: 5,
    batchSize: 3,
    steps: 120,
    seed: 11,
    runDirectory,
    resume: true,
    progress: 'silent',
  });
  return slope.data;
}
