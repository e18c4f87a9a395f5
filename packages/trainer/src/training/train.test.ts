import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundle, type Node, node } from '@trace/core';
import { complete, createBudget, withBudget } from '@trace/llm';
import { MockLLM } from '@trace/llm/test';
import { describe, expect, test } from 'vitest';
import { linearExamples, linearSetup } from '../../test/linear-task.js';
import { ScriptedOptimizer } from '../../test/scripted-optimizer.js';
import { useTemporaryDirectories } from '../../test/temporary-directory.js';
import { numericTarget } from '../guides/numeric-target.js';
import { readLatestCheckpoint, readRunDirectory } from '../run-directory/run-reader.js';
import type { RunEvent } from '../run-directory/schemas.js';
import { train } from './train.js';

const temporary = useTemporaryDirectories();
const guide = numericTarget({ feedback: 'gradient' });

/** A text parameter trained by a scripted optimizer; the score is the value itself (a number). */
function scriptedSetup(script: (step: number, proposal: number, current: unknown) => unknown) {
  const value = node(0, { name: 'value', trainable: true }) as Node<number>;
  const optimizer = new ScriptedOptimizer(value, script);
  const identity = bundle((x: number) => x, { name: 'identity' });
  const workflow = (_example: { target: number }) => identity(value);
  const scoreGuide = (_example: unknown, output: number) => ({
    score: output,
    feedback: `value ${output}`,
  });
  return { value, optimizer, workflow, guide: scoreGuide };
}

describe('train', () => {
  test('minibatches with validation: Adam fits the slope, every step and evaluation is in events.jsonl', async () => {
    const directory = await temporary();
    const { slope, optimizer, workflow } = linearSetup();
    const result = await train({
      workflow,
      optimizer,
      guide,
      train: linearExamples(8),
      validation: linearExamples(3),
      batchSize: 4,
      epochs: 15,
      seed: 7,
      runDirectory: directory,
      progress: 'silent',
    });
    expect(result.status).toBe('completed');
    expect(result.steps).toBe(30);
    expect(slope.data).toBeCloseTo(3, 1);
    const run = await readRunDirectory(directory);
    const steps = run.events.filter((event) => event.type === 'step');
    expect(steps.map((event) => event.step)).toEqual(Array.from({ length: 30 }, (_v, i) => i + 1));
    expect(steps[0]?.examples).toHaveLength(4);
    expect(steps[0]?.changes[0]).toMatchObject({ name: slope.name, before: 0 });
    expect(steps[0]?.proposals[0]?.record).toMatchObject({
      step: 1,
      updates: [{ gradient: expect.any(Number) }],
    });
    expect(run.events.filter((event) => event.type === 'evaluation')).toHaveLength(31);
    expect(run.final).toMatchObject({ status: 'completed', steps: 30, resumable: false });
    expect(run.manifest).toMatchObject({
      seeds: { shuffle: 7 },
      datasets: { train: 8, validation: 3 },
      optimizer: { name: 'adam' },
    });
    expect(run.events.map((event) => event.seq)).toEqual(run.events.map((_event, index) => index));
  });

  test('the data order follows the seed: the same seed gives the same batches, another seed others', async () => {
    const order = async (seed: number) => {
      const batches: number[][] = [];
      const { optimizer, workflow } = linearSetup();
      await train({
        workflow,
        optimizer,
        guide,
        train: linearExamples(10),
        batchSize: 3,
        epochs: 2,
        seed,
        progress: 'silent',
        onEvent: (event) => {
          if (event.type === 'step') batches.push(event.examples.map((example) => example.index));
        },
      });
      return batches;
    };
    const first = await order(1);
    expect(await order(1)).toEqual(first);
    expect(await order(2)).not.toEqual(first);
    expect(first.map((batch) => batch.length)).toEqual([3, 3, 3, 1, 3, 3, 3, 1]);
    expect([...first.slice(0, 4).flat()].sort((a, b) => a - b)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
  });

  test('keeps the best validated parameters and restores them; rejectWorse rolls back a worse step', async () => {
    // Scores are the value itself: steps propose 5, 2 (worse), 9, 1 (worse).
    const script = [5, 2, 9, 1];
    const kept = scriptedSetup((step) => script[step - 1]);
    const keptResult = await train({
      workflow: kept.workflow,
      optimizer: kept.optimizer,
      guide: kept.guide,
      train: [{ target: 0 }],
      validation: [{ target: 0 }],
      steps: 4,
      progress: 'silent',
    });
    expect(keptResult.best).toEqual({ score: 9, step: 3 });
    expect(kept.value.data).toBe(9);

    let call = 0;
    const rejecting = scriptedSetup((_step, _proposal, current) => {
      call += 1;
      return (current as number) + [5, -3, 4, -1][call - 1]!;
    });
    const events: RunEvent[] = [];
    await train({
      workflow: rejecting.workflow,
      optimizer: rejecting.optimizer,
      guide: rejecting.guide,
      train: [{ target: 0 }],
      validation: [{ target: 0 }],
      steps: 4,
      rejectWorse: true,
      progress: 'silent',
      onEvent: (event) => events.push(event),
    });
    const steps = events.filter((event) => event.type === 'step');
    expect(steps.map((event) => event.accepted)).toEqual([true, false, true, false]);
    expect(steps[1]?.rejectedReason).toMatch(/validation fell from 5 to 2/);
    // The rejected steps' optimizer state was rolled back too: its memory holds accepted values only.
    expect(rejecting.optimizer.memory).toEqual([5, 9]);
    expect(rejecting.value.data).toBe(9);
  });

  test('an iteration whose forward raised is retried without being counted', async () => {
    const { slope, optimizer } = linearSetup();
    let calls = 0;
    const { ops } = await import('@trace/core');
    const events: RunEvent[] = [];
    const result = await train({
      workflow: (example: { input: number; target: number }) => {
        calls += 1;
        if (calls === 2 || calls === 3) throw new Error(`flaky ${calls}`);
        return ops.multiply(slope, example.input);
      },
      optimizer,
      guide,
      train: linearExamples(1),
      steps: 3,
      forwardRetries: 2,
      progress: 'silent',
      onEvent: (event) => events.push(event),
    });
    expect(result.steps).toBe(3);
    expect(
      events.filter((event) => event.type === 'retry').map((event) => [event.step, event.attempt]),
    ).toEqual([
      [2, 1],
      [2, 2],
    ]);
    expect(events.filter((event) => event.type === 'step').map((event) => event.step)).toEqual([
      1, 2, 3,
    ]);
    expect(calls).toBe(5);
  });

  test('early stop on a target score and on patience', async () => {
    const target = scriptedSetup((step) => step * 2);
    const reached = await train({
      workflow: target.workflow,
      optimizer: target.optimizer,
      guide: target.guide,
      train: [{ target: 0 }],
      validation: [{ target: 0 }],
      steps: 10,
      target: 6,
      progress: 'silent',
    });
    expect([reached.reason, reached.steps]).toEqual(['target', 3]);
    const flat = scriptedSetup(() => 1);
    const patient = await train({
      workflow: flat.workflow,
      optimizer: flat.optimizer,
      guide: flat.guide,
      train: [{ target: 0 }],
      validation: [{ target: 0 }],
      steps: 10,
      patience: 2,
      progress: 'silent',
    });
    expect([patient.reason, patient.steps]).toEqual(['patience', 3]);
  });

  test('an abort stops between steps; resuming gives the same parameters as an uninterrupted run', async () => {
    const options = {
      train: linearExamples(6),
      batchSize: 2,
      epochs: 4,
      seed: 3,
      progress: 'silent' as const,
    };
    const reference = linearSetup();
    await train({
      ...options,
      workflow: reference.workflow,
      optimizer: reference.optimizer,
      guide,
    });

    const directory = await temporary();
    const first = linearSetup();
    const controller = new AbortController();
    const stopped = await train({
      ...options,
      workflow: first.workflow,
      optimizer: first.optimizer,
      guide,
      runDirectory: directory,
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'step' && event.step === 5) controller.abort();
      },
    });
    expect([stopped.status, stopped.reason, stopped.steps]).toEqual(['stopped', 'aborted', 5]);
    const second = linearSetup();
    const resumed = await train({
      ...options,
      workflow: second.workflow,
      optimizer: second.optimizer,
      guide,
      runDirectory: directory,
      resume: true,
    });
    expect(resumed.steps).toBe(12);
    expect(second.slope.data).toBe(reference.slope.data);
    const run = await readRunDirectory(directory);
    expect(run.events.filter((event) => event.type === 'step').map((event) => event.step)).toEqual(
      Array.from({ length: 12 }, (_v, i) => i + 1),
    );
    // Resuming a finished run runs nothing and loads its final parameters.
    const third = linearSetup();
    const again = await train({
      ...options,
      workflow: third.workflow,
      optimizer: third.optimizer,
      guide,
      runDirectory: directory,
      resume: true,
    });
    expect(again.message).toMatch(/^Already finished/);
    expect(third.slope.data).toBe(reference.slope.data);
  });

  test('a budget stops cleanly before a step it cannot pay for; a larger budget resumes to the same end', async () => {
    const run = async (maxTokens: number, directory?: string, resume = false) => {
      const setup = linearSetup();
      const budget = createBudget({ maxTokens });
      // Each call reports more than its reserved worst case, so only the trainer's check stops the run.
      const model = withBudget(
        new MockLLM({ responses: { text: 'ok', usage: { inputTokens: 100, outputTokens: 10 } } }),
        { budget },
      );
      const { ops } = await import('@trace/core');
      const result = await train({
        workflow: async (example: { input: number; target: number }) => {
          await complete(model, { messages: [{ role: 'user', content: 'hi' }], maxTokens: 10 });
          return ops.multiply(setup.slope, example.input);
        },
        optimizer: setup.optimizer,
        guide,
        train: linearExamples(4),
        batchSize: 2,
        epochs: 3,
        seed: 1,
        progress: 'silent',
        budget,
        ...(directory === undefined ? {} : { runDirectory: directory, resume }),
      });
      return { result, slope: setup.slope.data, budget };
    };
    const reference = await run(1_000_000);
    const perStep = reference.result.usage.inputTokens + reference.result.usage.outputTokens;
    const directory = await temporary();
    expect(perStep).toBe(6 * 2 * 110);
    const limited = await run(550, directory);
    expect([limited.result.status, limited.result.reason, limited.result.steps]).toEqual([
      'stopped',
      'budget',
      2,
    ]);
    expect(limited.result.message).toMatch(
      /Stopped before step 3: the next step may use \d+ tokens but only \d+ of \d+ remain\. Spent \d+ tokens/,
    );
    expect((await readRunDirectory(directory)).final).toMatchObject({
      status: 'stopped',
      reason: 'budget',
      resumable: true,
    });
    const resumed = await run(perStep, directory, true);
    expect(resumed.result.steps).toBe(6);
    expect(resumed.slope).toBe(reference.slope);
    expect(resumed.result.usage.inputTokens + resumed.result.usage.outputTokens).toBe(perStep);
  });

  test('a budget error in the middle of a step rolls the step back and stops', async () => {
    const setup = linearSetup();
    const budget = createBudget({ maxTokens: 100 });
    const model = withBudget(new MockLLM({ responses: 'ok' }), { budget });
    const { ops } = await import('@trace/core');
    const result = await train({
      workflow: async (example: { input: number; target: number }) => {
        await complete(model, { messages: [{ role: 'user', content: 'hi' }], maxTokens: 200 });
        return ops.multiply(setup.slope, example.input);
      },
      optimizer: setup.optimizer,
      guide,
      train: linearExamples(2),
      steps: 2,
      progress: 'silent',
      budget,
    });
    expect([result.reason, result.steps]).toEqual(['budget', 0]);
    expect(result.message).toMatch(/Stopped in step 1 \(rolled back\): Budget exceeded/);
    expect(setup.slope.data).toBe(0);
  });

  test('bad input: empty data, a plain output, a corrupt or foreign checkpoint; nothing written is damaged', async () => {
    const { optimizer, workflow } = linearSetup();
    await expect(
      train({ workflow, optimizer, guide, train: [], progress: 'silent' }),
    ).rejects.toThrow(/training dataset is empty/);
    await expect(
      train({
        workflow: (example: { input: number; target: number }) => example.input * 2,
        optimizer,
        guide,
        train: linearExamples(2),
        progress: 'silent',
      }),
    ).rejects.toThrow(/returned a plain value for training example \d, not a node/);

    const directory = await temporary();
    await train({
      workflow,
      optimizer,
      guide,
      train: linearExamples(4),
      steps: 2,
      runDirectory: directory,
      progress: 'silent',
      checkpointEvery: 1,
    });
    const checkpoint = await readLatestCheckpoint(directory);
    const path = join(directory, 'checkpoints', 'step-000002.json');
    // Make the run resumable again, then damage its checkpoint.
    const finalPath = join(directory, 'final.json');
    const final = JSON.parse(await readFile(finalPath, 'utf8'));
    await writeFile(
      finalPath,
      JSON.stringify({ ...final, resumable: true, status: 'stopped', reason: 'aborted' }),
    );
    await writeFile(path, '{"format":"trace-checkpoint", "formatVer');
    const other = linearSetup();
    await expect(
      train({
        workflow: other.workflow,
        optimizer: other.optimizer,
        guide,
        train: linearExamples(4),
        steps: 4,
        runDirectory: directory,
        resume: true,
        progress: 'silent',
      }),
    ).rejects.toThrow(/step-000002\.json is not valid JSON/);
    await writeFile(
      path,
      JSON.stringify({ ...checkpoint, parameters: [{ name: 'temperature:0', value: 1 }] }),
    );
    const eventsBefore = await readFile(join(directory, 'events.jsonl'), 'utf8');
    await expect(
      train({
        workflow: other.workflow,
        optimizer: other.optimizer,
        guide,
        train: linearExamples(4),
        steps: 4,
        runDirectory: directory,
        resume: true,
        progress: 'silent',
      }),
    ).rejects.toThrow(
      /holds parameter 'temperature:0' at position 0 where the optimizer has 'slope:\d+'\. It belongs to another workflow/,
    );
    await writeFile(path, JSON.stringify({ ...checkpoint, formatVersion: 9 }));
    await expect(
      train({
        workflow: other.workflow,
        optimizer: other.optimizer,
        guide,
        train: linearExamples(4),
        steps: 4,
        runDirectory: directory,
        resume: true,
        progress: 'silent',
      }),
    ).rejects.toThrow(/format version 9; this @trace\/trainer reads versions up to 1/);
    expect(await readFile(join(directory, 'events.jsonl'), 'utf8')).toBe(eventsBefore);
    expect(other.slope.data).toBe(0);
    await expect(
      train({
        workflow,
        optimizer,
        guide,
        train: linearExamples(4),
        runDirectory: directory,
        progress: 'silent',
      }),
    ).rejects.toThrow(/already holds a run/);
  });

  test('plain progress lines when not a TTY', async () => {
    const { optimizer, workflow } = linearSetup();
    let text = '';
    const stream = {
      isTTY: false,
      write: (chunk: string) => {
        text += chunk;
        return true;
      },
    } as unknown as NodeJS.WriteStream;
    await train({
      workflow,
      optimizer,
      guide,
      train: linearExamples(2),
      validation: linearExamples(1),
      steps: 2,
      progress: 'auto',
      progressStream: stream,
    });
    expect(text).toMatch(/^evaluation after step 0: -3 ± 0 \(best\)\nstep 1\/2 batch /);
    expect(text).toMatch(/stopped after step 2 \(completed\)/);
  });

  test('a guide that throws mid-run fails the run clearly; completed steps stay checkpointed and resumable', async () => {
    const directory = await temporary();
    const { optimizer, workflow } = linearSetup();
    let calls = 0;
    const flaky = (example: { input: number; target: number }, output: number) => {
      calls += 1;
      if (calls === 3) throw new Error('judge unavailable');
      return guide(example, output, {});
    };
    const error = await train({
      workflow,
      optimizer,
      guide: flaky,
      train: linearExamples(2),
      steps: 4,
      runDirectory: directory,
      progress: 'silent',
    }).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(
      /The guide threw on training example \d: Error: judge unavailable/,
    );
    const run = await readRunDirectory(directory);
    expect(run.final).toMatchObject({
      status: 'failed',
      reason: 'error',
      resumable: true,
      steps: 2,
    });
    expect(run.checkpoints).toContain('step-000002.json');
    expect(run.events.filter((event) => event.type === 'step').map((event) => event.step)).toEqual([
      1, 2,
    ]);
    const again = linearSetup();
    const resumed = await train({
      workflow: again.workflow,
      optimizer: again.optimizer,
      guide,
      train: linearExamples(2),
      steps: 4,
      runDirectory: directory,
      resume: true,
      progress: 'silent',
    });
    expect([resumed.status, resumed.steps]).toEqual(['completed', 4]);
  });

  test('an abort or a budget refusal during the first validation stops cleanly, not as an error', async () => {
    const { optimizer, workflow } = linearSetup();
    const controller = new AbortController();
    controller.abort();
    const aborted = await train({
      workflow,
      optimizer,
      guide,
      train: linearExamples(2),
      validation: linearExamples(2),
      steps: 2,
      signal: controller.signal,
      progress: 'silent',
    });
    expect([aborted.status, aborted.reason, aborted.steps]).toEqual(['stopped', 'aborted', 0]);
    const budget = createBudget({ maxTokens: 10 });
    const model = withBudget(new MockLLM({ responses: 'ok' }), { budget });
    const { ops } = await import('@trace/core');
    const setup = linearSetup();
    const refused = await train({
      workflow: async (example: { input: number; target: number }) => {
        await complete(model, { messages: [{ role: 'user', content: 'hi' }], maxTokens: 100 });
        return ops.multiply(setup.slope, example.input);
      },
      optimizer: setup.optimizer,
      guide,
      train: linearExamples(2),
      validation: linearExamples(2),
      steps: 2,
      budget,
      progress: 'silent',
    });
    expect([refused.status, refused.reason, refused.steps]).toEqual(['stopped', 'budget', 0]);
  });
});
