import { join } from 'node:path';
import { node, ops, scope } from '@trace/core';
import { MockLLM } from '@trace/llm/test';
import { OPRO } from '@trace/opro';
import { OptoPrime } from '@trace/optoprime';
import { describe, expect, it } from 'vitest';
import { bestOfN, numericTarget, readRunDirectory, train } from '../src/index.js';
import { useTemporaryDirectories } from './temporary-directory.js';

const freshDirectory = useTemporaryDirectories();

/** A model whose n-th reply proposes slope = n (so proposals of one step differ). */
function countingModel(): MockLLM {
  return new MockLLM({
    responses: (_request, index) =>
      JSON.stringify({ reasoning: 'r', suggestion: { slope0: index + 1 } }),
  });
}

function task() {
  const slope = scope(() => node(0, { name: 'slope', trainable: true }));
  const reading = (x: number) => ({ x, target: 3 * x });
  return {
    slope,
    options: {
      workflow: (example: { x: number; target: number }) => ops.multiply(slope, example.x),
      guide: numericTarget(),
      train: [1, 2, 3, 4].map(reading),
      validation: [5, 6].map(reading),
      batchSize: 2,
      steps: 2,
      progress: 'silent' as const,
    },
  };
}

describe('train with the LLM optimizers', () => {
  it('runs best-of-n with OptoPrime: n proposals a step, the best on validation applied', async () => {
    const { slope, options } = task();
    const runDirectory = join(await freshDirectory(), 'run');
    const result = await train({
      ...options,
      optimizer: new OptoPrime([slope], { model: countingModel() }),
      search: bestOfN({ n: 3 }),
      runDirectory,
    });
    expect(result.steps).toBe(2);
    const { events } = await readRunDirectory(runDirectory);
    const steps = events.filter((event) => event.type === 'step');
    expect(steps).toHaveLength(2);
    for (const step of steps) {
      expect(step.proposals).toHaveLength(3);
      expect(step.proposals.filter((proposal) => proposal.accepted)).toHaveLength(1);
    }
    // Proposal values 1, 2, 3 on step 1: slope 3 is exact, so it is kept.
    expect(slope.data).toBe(3);
  }, 60_000);

  it('runs the same loop with OPRO through step()', async () => {
    const { slope, options } = task();
    const result = await train({
      ...options,
      optimizer: new OPRO([slope], { model: countingModel() }),
    });
    expect(result.steps).toBe(2);
    expect(slope.data).not.toBe(0);
  }, 60_000);
});
