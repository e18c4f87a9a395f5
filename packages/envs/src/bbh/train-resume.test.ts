import { backward, type Optimizer } from '@trace/core';
import { describe, expect, it } from 'vitest';
import { BbhError } from './bbh-error.js';
import type { BbhExample } from './parse-task-file.js';
import { trainBbhWorkflow } from './train-workflow.js';
import type { BbhTrainingCheckpoint, BbhTrainingStep } from './training-checkpoint.js';
import { BbhWorkflow } from './workflow.js';

const goodExtractor =
  'function extractAnswer(response) { const all = response.match(/\\([A-Z]\\)/g); return all ? all[all.length - 1] : ""; }';
const brokenExtractor = 'function extractAnswer(response) { return response.nothing.here; }';
const worseExtractor = 'function extractAnswer(response) { return "(A)"; }';

/** Step k's update (from 0): nothing, a better extractor, a broken one (undone), a worse one. */
const plan: Array<(workflow: BbhWorkflow) => void> = [
  () => {},
  (w) => {
    w.extractAnswer.parameter!.data = goodExtractor;
  },
  (w) => {
    w.extractAnswer.parameter!.data = brokenExtractor;
  },
  (w) => {
    w.extractAnswer.parameter!.data = worseExtractor;
  },
];

const example = (target: string): BbhExample => ({ input: 'Which one?', target });
const train = [example('(B)'), example('(B)'), example('(B)'), example('(B)')];
const validation = [example('(B)'), example('(B)'), example('(A)')];

/**
 * A fresh workflow with a scripted model and a scripted optimizer whose only state is how many
 * steps it took (`stepsTaken`, as a restored optimizer state would give). Records every prompt and
 * the names of the outputs the optimizer gets feedback on.
 */
function setup(stepsTaken = 0) {
  const prompts: string[] = [];
  const outputNames: string[] = [];
  const workflow = new BbhWorkflow({
    model: async (prompt) => {
      prompts.push(prompt);
      return 'Between (A) and (B), I pick (B).\nAnswer: B';
    },
  });
  let taken = stepsTaken;
  const optimizer: Optimizer = {
    parameters: workflow.parameters(),
    zeroFeedback: () => {
      for (const parameter of workflow.parameters()) parameter.zeroFeedback();
    },
    backward: (output, feedback) => {
      outputNames.push(output.name);
      return backward(output, feedback);
    },
    step: async () => {
      plan[taken]?.(workflow);
      taken += 1;
      return undefined;
    },
  };
  return { workflow, optimizer, prompts, outputNames };
}

const values = (workflow: BbhWorkflow) =>
  [...workflow.namedParameters()].map(([name, parameter]) => [name, parameter.data]);

/** A JSON round trip, as a checkpoint saved to disk and read back. */
const throughJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

async function uninterrupted() {
  const run = setup();
  const checkpoints: BbhTrainingCheckpoint[] = [];
  const records: BbhTrainingStep[] = [];
  const result = await trainBbhWorkflow({
    workflow: run.workflow,
    optimizer: run.optimizer,
    train,
    validation,
    onStep: (record) => records.push(record),
    onCheckpoint: (checkpoint) => {
      checkpoints.push(throughJson(checkpoint));
    },
  });
  return { ...run, checkpoints, records, result };
}

describe('trainBbhWorkflow checkpoints and resume', () => {
  it('checkpoints after the initial validation and after every step, JSON-serialisable', async () => {
    const clean = await uninterrupted();
    expect(clean.checkpoints.map((checkpoint) => checkpoint.step)).toEqual([0, 1, 2, 3, 4]);
    const names = [...clean.workflow.namedParameters()].map(([name]) => name);
    for (const checkpoint of clean.checkpoints) {
      expect(Object.keys(checkpoint.best)).toEqual(names);
      expect(Object.keys(checkpoint.parameters)).toEqual(names);
      expect(checkpoint.steps).toEqual(clean.result.steps.slice(0, checkpoint.step));
    }
    // After step 3 (undone) the parameters in effect are step 2's; after step 4 they are worse
    // than the best, which is step 2's.
    expect(clean.checkpoints[3]?.parameters).toEqual(clean.checkpoints[2]?.parameters);
    expect(clean.checkpoints[4]?.parameters['extractAnswer.__code']).toBe(worseExtractor);
    expect(clean.checkpoints[4]?.best).toEqual(clean.checkpoints[2]?.parameters);
    expect(clean.checkpoints[0]?.failing).toEqual([]);
    expect(clean.result.steps.map((step) => step.rolledBack)).toEqual([false, false, true, false]);
  });

  for (const from of [0, 1, 2, 3, 4]) {
    it(`resumed after step ${from} in a fresh workflow, ends exactly as an uninterrupted run`, async () => {
      const clean = await uninterrupted();
      const resumed = setup(from);
      const checkpoints: BbhTrainingCheckpoint[] = [];
      const records: BbhTrainingStep[] = [];
      const result = await trainBbhWorkflow({
        workflow: resumed.workflow,
        optimizer: resumed.optimizer,
        train,
        validation,
        resumeFrom: clean.checkpoints[from]!,
        onStep: (record) => records.push(record),
        onCheckpoint: (checkpoint) => {
          checkpoints.push(throughJson(checkpoint));
        },
      });
      expect(result).toEqual(clean.result);
      expect(values(resumed.workflow)).toEqual(values(clean.workflow));
      expect(records).toEqual(clean.records.slice(from));
      expect(checkpoints).toEqual(clean.checkpoints.slice(from + 1));
      // The same prompts and the same node names as the uninterrupted run's remaining steps, although
      // this process already named nodes in the first run (each step runs in its own scope).
      expect(resumed.outputNames).toEqual(clean.outputNames.slice(from));
      const promptsPerStep = 1 + validation.length;
      expect(resumed.prompts).toEqual(
        clean.prompts.slice(validation.length + from * promptsPerStep),
      );
    });
  }

  it('stops when onCheckpoint throws, leaving the best validated parameters', async () => {
    const clean = await uninterrupted();
    for (const [failAt, expected] of [
      [0, values(setup().workflow)],
      [2, values(clean.workflow)],
      [4, values(clean.workflow)],
    ] as const) {
      const run = setup();
      const failure = new Error(`disk full at ${failAt}`);
      const records: BbhTrainingStep[] = [];
      const error = await trainBbhWorkflow({
        workflow: run.workflow,
        optimizer: run.optimizer,
        train,
        validation,
        onStep: (record) => records.push(record),
        onCheckpoint: async (checkpoint) => {
          await Promise.resolve();
          if (checkpoint.step === failAt) throw failure;
        },
      }).catch((caught: unknown) => caught);
      expect(error).toBe(failure);
      expect(records).toHaveLength(failAt);
      expect(values(run.workflow)).toEqual(expected);
      // Nothing ran after the failing hook.
      expect(run.prompts).toHaveLength(validation.length + failAt * (1 + validation.length));
    }
  });

  it('keeps its own copy of the state: a hook that edits its checkpoint changes nothing', async () => {
    const clean = await uninterrupted();
    const run = setup();
    const result = await trainBbhWorkflow({
      workflow: run.workflow,
      optimizer: run.optimizer,
      train,
      validation,
      onCheckpoint: (checkpoint) => {
        const writable = checkpoint as unknown as Record<
          string,
          unknown[] | Record<string, unknown>
        >;
        (writable.failing as unknown[]).push(0, 1, 2);
        (writable.steps as unknown[]).length = 0;
        (writable.best as Record<string, unknown>).extractAnswer = brokenExtractor;
      },
    });
    expect(result).toEqual(clean.result);
    expect(values(run.workflow)).toEqual(values(clean.workflow));
  });

  it('rejects an onCheckpoint that is not a function, before any model call', async () => {
    const run = setup();
    const error = await trainBbhWorkflow({
      workflow: run.workflow,
      optimizer: run.optimizer,
      train,
      validation,
      onCheckpoint: 'save' as unknown as () => void,
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'INVALID_OPTIONS',
      message: /onCheckpoint must be a function/,
    });
    expect(run.prompts).toEqual([]);
  });

  describe('rejects a resumeFrom that does not fit, before changing anything', () => {
    const hostile: Array<[string, (c: Record<string, unknown>) => unknown, RegExp]> = [
      ['null', () => null, /must be an object/],
      ['a string', () => 'step 2', /must be an object/],
      ['a step past the training examples', (c) => ({ ...c, step: 5 }), /step must be .* 0 to 4/],
      ['a negative step', (c) => ({ ...c, step: -1 }), /step must be .* 0 to 4.*got -1/],
      ['a fractional step', (c) => ({ ...c, step: 1.5 }), /step must be an integer/],
      ['a NaN step', (c) => ({ ...c, step: Number.NaN }), /got NaN/],
      [
        'step records that do not match the step',
        (c) => ({ ...c, step: 1 }),
        /records of steps 1 to 1/,
      ],
      [
        'a NaN best accuracy',
        (c) => ({ ...c, bestAccuracy: Number.NaN }),
        /bestAccuracy .* 0 to 1; got NaN/,
      ],
      ['a best accuracy above 1', (c) => ({ ...c, bestAccuracy: 2 }), /bestAccuracy/],
      [
        'a missing initial accuracy',
        (c) => ({ ...c, initialValidationAccuracy: undefined }),
        /initialValidationAccuracy/,
      ],
      [
        'a failing index past the examples',
        (c) => ({ ...c, failing: [3] }),
        /failing .*\(0 to 2\)/,
      ],
      ['a repeated failing index', (c) => ({ ...c, failing: [1, 1] }), /each once/],
      [
        'an unknown parameter name',
        (c) => ({ ...c, best: { ...(c.best as object), 'promptTemplate\u202e': 'x' } }),
        /best names parameter "promptTemplate\\u202e", which the workflow does not have/,
      ],
      [
        'a __proto__ parameter name',
        (c) => ({ ...c, parameters: JSON.parse('{"__proto__": "x"}') }),
        /parameters names parameter "__proto__"/,
      ],
      ['a missing parameter', (c) => ({ ...c, best: {} }), /best has no value for parameter/],
      ['best as an array', (c) => ({ ...c, best: [] }), /best must be an object/],
    ];
    for (const [label, edit, message] of hostile) {
      it(label, async () => {
        const clean = await uninterrupted();
        const checkpoint = clean.checkpoints[2] as unknown as Record<string, unknown>;
        const run = setup(2);
        const before = values(run.workflow);
        const error = await trainBbhWorkflow({
          workflow: run.workflow,
          optimizer: run.optimizer,
          train,
          validation,
          resumeFrom: edit(checkpoint) as BbhTrainingCheckpoint,
        }).catch((caught: unknown) => caught);
        expect(BbhError.isInstance(error)).toBe(true);
        expect(error).toMatchObject({ code: 'INVALID_OPTIONS' });
        expect((error as Error).message).toMatch(message);
        expect((error as Error).message).toMatch(/start without resumeFrom/);
        expect(values(run.workflow)).toEqual(before);
        expect(run.prompts).toEqual([]);
      });
    }
  });
});
