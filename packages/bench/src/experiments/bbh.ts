import { scope } from '@trace/core';
import {
  BBH_TASK_FILES,
  BbhError,
  type BbhTrainingCheckpoint,
  BbhWorkflow,
  bbhFeedback,
  bundledBbhDataDirectory,
  evaluateBbhWorkflow,
  loadBbhTask,
  splitBbhExamples,
  trainBbhWorkflow,
} from '@trace/envs';
import { complete, type LanguageModel } from '@trace/llm';
import { BenchError } from '../bench-error.js';
import type { ExperimentDefinition, UnitContext } from './experiment-definition.js';
import { llmMethod } from './llm-method.js';
import { createLlmOptimizer, requireModel } from './llm-optimizer.js';

const sizes = {
  smoke: { files: 2, train: 2, validation: 2, test: 4 },
  paper: { files: BBH_TASK_FILES.length, train: 15, validation: 5, test: Number.POSITIVE_INFINITY },
} as const;

function answerWith(model: LanguageModel) {
  return async (prompt: string): Promise<string> => (await complete(model, prompt)).text;
}

/**
 * One task file: split 15 / 5 / rest (smoke: 2 / 2 / 4), record the test accuracy of the untrained
 * workflow at step 0; LLM methods then train with `trainBbhWorkflow` of `@trace/envs` (the paper's
 * protocol, one example a step), saving its training state with the parameters and the optimizer's
 * state in a unit checkpoint after every step and resuming from the last one; the test accuracy of
 * the best parameters is recorded at the last step.
 */
async function runTask(context: UnitContext): Promise<void> {
  const { method, task } = context.plan;
  const size = sizes[context.size];
  const model = requireModel(context.model, method);
  const examples = (await loadBbhTask(bundledBbhDataDirectory(), task)).examples;
  const splits = splitBbhExamples(examples, { train: size.train, validation: size.validation });
  const test = splits.test.slice(0, size.test);
  const workflow = new BbhWorkflow({
    model: answerWith(model),
    chainOfThought: method === 'trace-cot',
  });
  const signal = context.signal === undefined ? {} : { signal: context.signal };
  const evaluateTest = async () =>
    100 *
    (
      await scope(() =>
        evaluateBbhWorkflow((question) => scope(() => workflow.answer(question)), test, signal),
      )
    ).accuracy;
  const steps = splits.train.length;
  const parameters = [...workflow.parameters()];
  if (method === 'zero-shot') {
    const before = await evaluateTest();
    await context.record(0, before, { split: 'test', examples: test.length });
    await context.record(steps, before, { split: 'test', examples: test.length });
    return;
  }
  const optimizer = createLlmOptimizer(method, parameters, model);
  const resumed = context.restore(parameters, optimizer);
  if (resumed === undefined) {
    await context.record(0, await evaluateTest(), { split: 'test', examples: test.length });
  }
  const result = await trainBbhWorkflow({
    workflow,
    optimizer,
    train: splits.train,
    validation: splits.validation,
    ...signal,
    ...(resumed === undefined ? {} : { resumeFrom: resumed.state as BbhTrainingCheckpoint }),
    onCheckpoint: (state) => context.checkpoint(state.step, { parameters, optimizer, state }),
  }).catch((error: unknown) => {
    // Bench passes nothing else `trainBbhWorkflow` could refuse: the saved state does not fit.
    if (resumed === undefined || !BbhError.isInstance(error) || error.code !== 'INVALID_OPTIONS') {
      throw error;
    }
    throw new BenchError(
      'RUN_DIRECTORY',
      `The checkpoint of step ${resumed.step} holds a BBH training state this version cannot continue (${error.message}) It was probably written by an older @trace/bench: remove that unit folder to run it again from its start.`,
      { cause: error },
    );
  });
  await context.record(steps, await evaluateTest(), {
    split: 'test',
    examples: test.length,
    bestValidationAccuracy: result.bestValidationAccuracy,
  });
}

/** The Big-Bench Hard experiment (Section 5.3, Table 1, Appendix H.4). */
export const bbhExperiment: ExperimentDefinition = {
  name: 'bbh',
  title: 'Big-Bench Hard',
  paperSection: 'Section 5.3, Table 1, Appendix H.4',
  metric: {
    name: 'test accuracy (%)',
    lowerIsBetter: false,
    definition:
      'accuracy on the test examples of each task file (all but the first 20): step 0 is the untrained workflow, the last step the parameters that were best on validation.',
  },
  methods: [
    llmMethod('trace', 'OptoPrime trains the template, create_prompt and extract_answer'),
    llmMethod('trace-cot', 'the same, starting from the chain-of-thought template'),
    llmMethod('opro', 'OPRO on the same three parameters'),
    llmMethod('textgrad', 'TextGrad: textual gradients passed back node by node, then one update'),
    llmMethod('zero-shot', 'the untrained workflow (no optimizer)'),
  ],
  defaultSteps: { smoke: 2, paper: 15 },
  paperFigures: [
    {
      method: 'trace',
      step: 'final',
      value: 59.5,
      source: 'Table 1 (BBH all, 0-shot)',
      precision: 'printed',
    },
    {
      method: 'trace-cot',
      step: 'final',
      value: 78.6,
      source: 'Table 1 (BBH all, + CoT)',
      precision: 'printed',
    },
  ],
  notes: [
    'One unit per task file (27 files); the report averages over files, while Table 1 averages the 23 tasks (the three logical_deduction and three tracking_shuffled_objects files count as one task each); summarizeBbhAccuracy in @trace/envs gives the 23-task figures from the same units.',
    'The step count is the number of training examples (one a step); --steps does not change the protocol.',
    'The paper used GPT-4-0125-Preview; Table 1 figures are printed, ours depend on the model given.',
  ],
  units(method, size) {
    return BBH_TASK_FILES.slice(0, sizes[size].files).map((file) => ({
      method,
      task: file,
      seed: 0,
    }));
  },
  runUnit: runTask,
  async firstStep(model) {
    const file = BBH_TASK_FILES[0]!;
    const examples = (await loadBbhTask(bundledBbhDataDirectory(), file)).examples;
    const example = splitBbhExamples(examples).train[0]!;
    const workflow = new BbhWorkflow({ model: answerWith(model) });
    const output = await scope(() => workflow.forward(example.input));
    return {
      parameters: [...workflow.parameters()],
      output,
      feedback: bbhFeedback(String(output.data), example.target),
    };
  },
};
