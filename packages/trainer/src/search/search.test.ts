import { bundle, type Node, node } from '@trace/core';
import { describe, expect, test } from 'vitest';
import { linearExamples, linearSetup } from '../../test/linear-task.js';
import { ScriptedOptimizer } from '../../test/scripted-optimizer.js';
import { useTemporaryDirectories } from '../../test/temporary-directory.js';
import { numericTarget } from '../guides/numeric-target.js';
import type { RunEvent } from '../run-directory/schemas.js';
import { train } from '../training/train.js';
import { beamSearch } from './beam-search.js';
import { bestOfN } from './best-of-n.js';
import { ucbSearch } from './ucb-search.js';

const temporary = useTemporaryDirectories();

/** One numeric parameter whose score is its value; proposals add `deltas` in call order. */
function scripted(deltas: readonly number[]) {
  const value = node(0, { name: 'value', trainable: true }) as Node<number>;
  let call = 0;
  const optimizer = new ScriptedOptimizer(value, (_step, _index, current) => {
    const delta = deltas[call] ?? 0;
    call += 1;
    return (current as number) + delta;
  });
  const identity = bundle((x: number) => x, { name: 'identity' });
  return {
    value,
    optimizer,
    options: {
      workflow: (_example: { target: number }) => identity(value),
      guide: (_example: unknown, output: number) => ({
        score: output,
        feedback: `value ${output}`,
      }),
      train: [{ target: 0 }],
      validation: [{ target: 0 }],
      progress: 'silent' as const,
    },
  };
}

describe('search', () => {
  test('best-of-n applies the best-scoring proposal and records every one', async () => {
    const { value, optimizer, options } = scripted([3, 7, 5]);
    const events: RunEvent[] = [];
    await train({
      ...options,
      optimizer,
      steps: 1,
      search: bestOfN({ n: 3 }),
      onEvent: (event) => events.push(event),
    });
    expect(value.data).toBe(7);
    expect(optimizer.memory).toEqual([7]);
    const step = events.find((event) => event.type === 'step');
    expect(
      step?.type === 'step' &&
        step.proposals.map((proposal) => [proposal.score, proposal.accepted]),
    ).toEqual([
      [3, false],
      [7, true],
      [5, false],
    ]);
    expect(step?.type === 'step' && step.proposals[1]?.record).toMatchObject({
      prompt: 'feedback: value 0',
      reply: '7',
    });
  });

  test('best-of-n with requireImprovement keeps the parameters when no proposal beats them', async () => {
    const { value, optimizer, options } = scripted([-1, -2]);
    const result = await train({
      ...options,
      optimizer,
      steps: 1,
      search: bestOfN({ n: 2, requireImprovement: true }),
    });
    expect(value.data).toBe(0);
    expect(optimizer.memory).toEqual([]);
    expect(result.steps).toBe(1);
  });

  test('beam search keeps the width best per level and leaves the optimizer on the best path', async () => {
    // Level 0 from 0: +1, +5 -> beam [5, 1]. Level 1: from 5: +2, -1 -> 7, 4; from 1: +10, +0 -> 11, 1.
    const { value, optimizer, options } = scripted([1, 5, 2, -1, 10, 0]);
    const events: RunEvent[] = [];
    await train({
      ...options,
      optimizer,
      steps: 1,
      search: beamSearch({ width: 2, depth: 2 }),
      onEvent: (event) => events.push(event),
    });
    expect(value.data).toBe(11);
    expect(optimizer.memory).toEqual([1, 11]);
    const step = events.find((event) => event.type === 'step');
    expect(step?.type === 'step' && step.proposals.map((proposal) => proposal.score)).toEqual([
      1, 5, 7, 4, 11, 1,
    ]);
    expect(
      step?.type === 'step' && step.proposals.filter((proposal) => proposal.accepted).length,
    ).toBe(1);
  });

  test('UCB search with Adam improves the fit, and its pool survives an abort and resume exactly', async () => {
    const common = {
      guide: numericTarget({ feedback: 'gradient' }),
      train: linearExamples(6),
      validation: linearExamples(6),
      batchSize: 2,
      steps: 12,
      seed: 5,
      progress: 'silent' as const,
    };
    const reference = linearSetup(0.3);
    const referenceResult = await train({
      ...common,
      workflow: reference.workflow,
      optimizer: reference.optimizer,
      search: ucbSearch({ poolSize: 4, sampleSize: 3 }),
    });
    expect(Math.abs(reference.slope.data - 3)).toBeLessThan(3);
    expect(referenceResult.steps).toBe(12);

    const directory = await temporary();
    const controller = new AbortController();
    const first = linearSetup(0.3);
    await train({
      ...common,
      workflow: first.workflow,
      optimizer: first.optimizer,
      search: ucbSearch({ poolSize: 4, sampleSize: 3 }),
      runDirectory: directory,
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'step' && event.step === 6) controller.abort();
      },
    });
    const second = linearSetup(0.3);
    await train({
      ...common,
      workflow: second.workflow,
      optimizer: second.optimizer,
      search: ucbSearch({ poolSize: 4, sampleSize: 3 }),
      runDirectory: directory,
      resume: true,
    });
    expect(second.slope.data).toBe(reference.slope.data);
  });

  test('a search needs a ProposingOptimizer and sane options', async () => {
    const { optimizer, workflow } = linearSetup();
    const plain = {
      parameters: optimizer.parameters,
      zeroFeedback() {},
      backward: optimizer.backward.bind(optimizer),
      step: () => optimizer.step(),
    };
    await expect(
      train({
        workflow,
        optimizer: plain,
        guide: numericTarget({ feedback: 'gradient' }),
        train: linearExamples(2),
        search: bestOfN({ n: 2 }),
        progress: 'silent',
      }),
    ).rejects.toThrow(/needs an optimizer with propose\/apply/);
    expect(() => bestOfN({ n: 0 })).toThrow(/n >= 1/);
    expect(() => beamSearch({ width: 0 })).toThrow(/width must be/);
    expect(() => ucbSearch({ poolSize: 1 })).toThrow(/poolSize must be/);
  });
});
