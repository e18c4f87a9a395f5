import type { Module, Optimizer } from '@trace/core';
import { checkBbhSignal, throwIfBbhAborted } from './abort.js';
import { type BbhEvaluation, evaluateBbhWorkflow } from './evaluate-workflow.js';
import type { BbhExample } from './parse-task-file.js';
import { runBbhExample } from './run-example.js';
import type { BbhWorkflow } from './workflow.js';

/** What happened at one training step. */
export interface BbhTrainingStep {
  /** Step number, from 1 (one per training example). */
  readonly step: number;
  /** Whether the workflow answered the training example correctly before the update. */
  readonly correct: boolean;
  /** The feedback given to the optimizer. */
  readonly feedback: string;
  /** Validation accuracy after the update (before any roll-back). */
  readonly validationAccuracy: number;
  /**
   * True when the update made the workflow's code fail on a validation example it did not fail on
   * before, and was undone.
   */
  readonly rolledBack: boolean;
  /** True when these parameters became the best so far. */
  readonly best: boolean;
}

/** The result of {@link trainBbhWorkflow}. */
export interface BbhTrainingResult {
  /** One record per training example. */
  readonly steps: readonly BbhTrainingStep[];
  /** Validation accuracy of the initial parameters. */
  readonly initialValidationAccuracy: number;
  /** Validation accuracy of the parameters kept (the best seen). */
  readonly bestValidationAccuracy: number;
}

function snapshot(module: Module): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const [name, parameter] of module.namedParameters()) values.set(name, parameter.data);
  return values;
}

function restore(module: Module, values: Map<string, unknown>): void {
  for (const [name, parameter] of module.namedParameters()) {
    if (values.has(name)) parameter.data = values.get(name);
  }
}

/** Indices of the examples on which the workflow's code failed. */
function failingExamples(evaluation: BbhEvaluation): Set<number> {
  const failing = new Set<number>();
  for (const [index, result] of evaluation.results.entries()) {
    if (result.error !== undefined) failing.add(index);
  }
  return failing;
}

/** True when `after` fails on an example that `before` did not fail on. */
const introducesFailures = (before: ReadonlySet<number>, after: ReadonlySet<number>) =>
  [...after].some((index) => !before.has(index));

/**
 * The paper's protocol for one task: one epoch over the training examples, one example per step
 * (forward, feedback, backward, optimizer step). After each step the workflow is scored on the
 * validation examples; an update that makes the workflow's code fail on an example where it did not
 * fail before the update is rolled back (failures that were already there do not count), and the
 * parameters with the best validation accuracy so far are kept (ties keep the earlier ones). At the
 * end the workflow holds the best parameters. Model failures propagate; the workflow then holds the
 * best parameters validated so far, as after an abort.
 *
 * @example
 * const splits = splitBbhExamples((await loadBbhTask(dir, 'navigate')).examples);
 * await trainBbhWorkflow({ workflow, optimizer, train: splits.train, validation: splits.validation });
 * const { accuracy } = await evaluateBbhWorkflow((q) => workflow.answer(q), splits.test);
 */
export async function trainBbhWorkflow(options: {
  readonly workflow: BbhWorkflow;
  /** Any optimizer over the workflow's parameters (OptoPrime, OPRO, ...). */
  readonly optimizer: Optimizer;
  readonly train: readonly BbhExample[];
  readonly validation: readonly BbhExample[];
  /** Called after each step, e.g. to log progress. */
  readonly onStep?: (step: BbhTrainingStep) => void;
  /**
   * Stops training: checked between the phases of a step and passed to each validation; the call
   * rejects with a `BbhError` `ABORTED`, the workflow holding the best parameters validated so far.
   */
  readonly signal?: AbortSignal;
}): Promise<BbhTrainingResult> {
  const { workflow, optimizer } = options;
  const signal = checkBbhSignal(options.signal);
  const validate = () =>
    evaluateBbhWorkflow((question) => workflow.answer(question), options.validation, {
      ...(signal === undefined ? {} : { signal }),
    });
  const initial = await validate();
  // The examples the parameters in effect fail on: an update is undone only for new failures.
  let failing = failingExamples(initial);
  let best = snapshot(workflow);
  let bestAccuracy = initial.accuracy;
  const steps: BbhTrainingStep[] = [];
  try {
    for (const [index, example] of options.train.entries()) {
      throwIfBbhAborted(signal);
      const before = snapshot(workflow);
      const run = await runBbhExample(workflow, example);
      throwIfBbhAborted(signal);
      optimizer.zeroFeedback();
      optimizer.backward(run.output, run.feedback);
      await optimizer.step();
      throwIfBbhAborted(signal);
      const validation = await validate();
      const failingAfter = failingExamples(validation);
      const rolledBack = introducesFailures(failing, failingAfter);
      let isBest = false;
      if (rolledBack) {
        restore(workflow, before);
      } else {
        failing = failingAfter;
        if (validation.accuracy > bestAccuracy) {
          best = snapshot(workflow);
          bestAccuracy = validation.accuracy;
          isBest = true;
        }
      }
      const record: BbhTrainingStep = {
        step: index + 1,
        correct: run.correct,
        feedback: run.feedback,
        validationAccuracy: validation.accuracy,
        rolledBack,
        best: isBest,
      };
      steps.push(record);
      options.onStep?.(record);
    }
  } catch (error) {
    restore(workflow, best);
    throw error;
  }
  restore(workflow, best);
  return {
    steps,
    initialValidationAccuracy: initial.accuracy,
    bestValidationAccuracy: bestAccuracy,
  };
}
