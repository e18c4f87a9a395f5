import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Node, node, ops, SGD, scope } from '@trace/core';
import { complete } from '@trace/llm';
import { MockLLM } from '@trace/llm/test';
import { type Guide, RunWriter, readLatestCheckpoint, train } from '@trace/trainer';
import { type BenchmarkSuite, type Figure, timeMs } from './figure.js';
import { fullGc } from './gc.js';

interface Example {
  readonly input: number;
}

/** A 50-node workflow: a chain of additions from one parameter. */
function fiftyNodeWorkflow(parameter: Node<number>) {
  return (example: Example) => {
    let value: Node<number> = ops.multiply(parameter, example.input);
    for (let index = 0; index < 48; index += 1) value = ops.add(value, 1);
    return value;
  };
}

const lossGuide: Guide<Example, number> = (_example, output) => ({ score: -output, feedback: 1 });
const examples = (count: number): Example[] =>
  Array.from({ length: count }, (_value, index) => ({ input: index + 1 }));

async function stepOverhead(report: (figure: Figure) => void) {
  const steps = 100;
  const batch = examples(8);
  // The same work written by hand: zeroFeedback, forward in scopes, backward, step.
  const handParameter = node(0, { name: 'p', trainable: true }) as Node<number>;
  const handOptimizer = new SGD([handParameter], { learningRate: 1e-6 });
  const handWorkflow = fiftyNodeWorkflow(handParameter);
  const handLoop = async () => {
    for (let step = 0; step < steps; step += 1) {
      handOptimizer.zeroFeedback();
      const outputs = await Promise.all(
        batch.map((example) => scope(async () => handWorkflow(example))),
      );
      for (const output of outputs) handOptimizer.backward(output, 1);
      await handOptimizer.step();
    }
  };
  const parameter = node(0, { name: 'p', trainable: true }) as Node<number>;
  const optimizer = new SGD([parameter], { learningRate: 1e-6 });
  const trainerLoop = () =>
    train({
      workflow: fiftyNodeWorkflow(parameter),
      optimizer,
      guide: lossGuide,
      train: batch,
      batchSize: 8,
      steps,
      progress: 'silent',
    });
  // The machine may be shared: alternate the two loops, pair each trainer round with the hand round
  // just before it, and report the median difference.
  const differences: number[] = [];
  const handRounds: number[] = [];
  for (let round = 0; round < 12; round += 1) {
    fullGc();
    const hand = await timeMs(handLoop);
    fullGc();
    const trainer = await timeMs(trainerLoop);
    handRounds.push(hand);
    differences.push(trainer - hand);
  }
  const median = (values: number[]) =>
    [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
  const handMs = median(handRounds);
  const overhead = median(differences) / steps;
  report({
    name: 'hand-written loop step, batch 8, 50-node workflow (reference)',
    value: handMs / steps,
    unit: 'ms/step',
  });
  report({
    name: 'trainer overhead per step, batch 8, 50-node workflow',
    value: Math.max(0, overhead),
    unit: 'ms/step',
    target: '<= 1 ms',
    met: overhead <= 1,
  });
}

async function modelBoundStep(report: (figure: Figure) => void) {
  const parameter = node(0, { name: 'p', trainable: true }) as Node<number>;
  const optimizer = new SGD([parameter], { learningRate: 1e-6 });
  const model = new MockLLM({ responses: 'ok', latencyMs: 50 });
  const steps = 3;
  const ms = await timeMs(() =>
    train({
      workflow: async (example: Example) => {
        await complete(model, 'answer');
        return ops.multiply(parameter, example.input);
      },
      optimizer,
      guide: lossGuide,
      train: examples(64),
      batchSize: 64,
      steps,
      concurrency: 16,
      progress: 'silent',
    }),
  );
  report({
    name: 'step over 64 examples, 50 ms mock model, concurrency 16',
    value: ms / steps / 1000,
    unit: 's/step',
    target: '<= 0.3 s',
    met: ms / steps <= 300,
  });
}

async function checkpointOf1000Steps(report: (figure: Figure) => void) {
  const directory = await mkdtemp(join(tmpdir(), 'trace-trainer-bench-'));
  try {
    const usage = { calls: 1, inputTokens: 900, outputTokens: 200, costUsd: 0.001 };
    const writer = await RunWriter.create(directory, {
      runId: 'bench',
      createdAt: new Date().toISOString(),
      kind: 'train',
      packages: {},
      node: process.version,
      options: {},
      seeds: { shuffle: 0 },
      datasets: { train: 1000 },
      parameters: [{ name: 'prompt:0', value: 'Be brief.' }],
    });
    for (let step = 1; step <= 1000; step += 1) {
      await writer.append({
        type: 'step',
        step,
        epoch: 0,
        examples: [{ index: step - 1, score: 1, feedback: 'Correct.', durationMs: 1 }],
        meanScore: 1,
        proposals: [
          {
            index: 0,
            record: { prompt: 'x'.repeat(2000), reply: 'y'.repeat(300) },
            accepted: true,
          },
        ],
        accepted: true,
        changes: [{ name: 'prompt:0', before: `v${step - 1}`, after: `v${step}` }],
        usage,
        totalUsage: usage,
        durationMs: 10,
      });
    }
    // An optimizer memory of 1,000 entries (e.g. OPRO's history) and the trainer's state.
    const history = Array.from({ length: 1000 }, (_value, index) => ({
      value: `prompt number ${index} `.repeat(10),
      score: index / 1000,
    }));
    const checkpoint = {
      parameters: [{ name: 'prompt:0', value: 'Be brief.' }],
      optimizer: { name: 'opro', state: { history } },
      trainer: {
        epoch: 1,
        cursor: 0,
        order: Array.from({ length: 1000 }, (_value, index) => index),
        rng: 1,
        best: null,
        sinceBest: 0,
        lastValidation: null,
        usage,
        elapsedMs: 1,
      },
    };
    let step = 1000;
    await writer.checkpoint({ step: step++, ...checkpoint });
    const writes: number[] = [];
    for (let round = 0; round < 10; round += 1) {
      writes.push(await timeMs(() => writer.checkpoint({ step: step++, ...checkpoint })));
    }
    await writer.close();
    writes.sort((a, b) => a - b);
    const writeMs = writes[Math.floor(writes.length / 2)]!;
    report({
      name: 'checkpoint write, 1,000 steps of history (median of 10)',
      value: writeMs,
      unit: 'ms',
      target: '<= 20 ms',
      met: writeMs <= 20,
    });
    const resumes: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      resumes.push(
        await timeMs(async () => {
          const latest = await readLatestCheckpoint(directory);
          const resumed = await RunWriter.resume(directory, latest);
          await resumed.close();
        }),
      );
    }
    resumes.sort((a, b) => a - b);
    const resumeMs = resumes[Math.floor(resumes.length / 2)]!;
    report({
      name: 'resume (read checkpoint, check 1,000 events), median of 5',
      value: resumeMs,
      unit: 'ms',
      target: '<= 100 ms',
      met: resumeMs <= 100,
    });
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

const suite: BenchmarkSuite = {
  name: 'trainer',
  async run(report) {
    await stepOverhead(report);
    await modelBoundStep(report);
    await checkpointOf1000Steps(report);
  },
};

export default suite;
