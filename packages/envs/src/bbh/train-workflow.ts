import { type Optimizer, scope } from '@trace/core';
import { checkBbhSignal, throwIfBbhAborted } from './abort.js';
import { BbhError } from './bbh-error.js';
import { type BbhEvaluation, evaluateBbhWorkflow } from './evaluate-workflow.js';
import type { BbhExample } from './parse-task-file.js';
import { runBbhExample } from './run-example.js';
import {
  type BbhTrainingCheckpoint,
  type BbhTrainingStep,
  checkBbhTrainingCheckpoint,
  parameterValues,
  setParameterValues,
} from './training-checkpoint.js';
import type { BbhWorkflow } from './workflow.js';

/** The result of {@link trainBbhWorkflow}. */
export interface BbhTrainingResult {
  /** One record per training example. */
  readonly steps: readonly BbhTrainingStep[];
  /** Validation accuracy of the initial parameters. */
  readonly initialValidationAccuracy: number;
  /** Validation accuracy of the parameters kept (the best seen). */
  readonly bestValidationAccuracy: number;
}

/** Indices of the examples on which the workflow's code failed. */
function failingExamples(evaluation: BbhEvaluation): number[] {
  return evaluation.results.flatMap((result, index) => (result.error === undefined ? [] : [index]));
}

/** True when `after` fails on an example that `before` did not fail on. */
const introducesFailures = (before: readonly number[], after: readonly number[]) =>
  after.some((index) => !before.includes(index));

/** Options of {@link trainBbhWorkflow}. */
export interface TrainBbhWorkflowOptions {
  readonly workflow: BbhWorkflow;
  /** Any optimizer over the workflow's parameters (OptoPrime, OPRO, ...). */
  readonly optimizer: Optimizer;
  readonly train: readonly BbhExample[];
  readonly validation: readonly BbhExample[];
  /** Called after each step, e.g. to log progress. */
  readonly onStep?: (step: BbhTrainingStep) => void;
  /**
   * Awaited after the initial validation (step 0) and after each step (after any roll-back), with
   * the state a resume needs; save it (with the optimizer's state) to continue later with
   * `resumeFrom`. Not called for the checkpoint training resumed from. When it throws, training
   * stops with its error, the workflow holding the best parameters validated so far.
   */
  readonly onCheckpoint?: (checkpoint: BbhTrainingCheckpoint) => void | Promise<void>;
  /**
   * Continues a training from a checkpoint given to `onCheckpoint` (same workflow, train and
   * validation examples; restore the optimizer's state yourself): sets the parameters to the
   * checkpoint's, skips the initial validation and runs the steps after `checkpoint.step`. The
   * result is the one the uninterrupted training would give. A checkpoint that does not fit
   * (step past the training examples, unknown parameter names, accuracy outside [0, 1]) is a
   * `BbhError` `INVALID_OPTIONS`, before anything changes.
   */
  readonly resumeFrom?: BbhTrainingCheckpoint;
  /**
   * Stops training: checked between the phases of a step and passed to each validation; the call
   * rejects with a `BbhError` `ABORTED`, the workflow holding the best parameters validated so far.
   */
  readonly signal?: AbortSignal;
}

/**
 * The paper's protocol for one task: one epoch over the training examples, one example per step
 * (forward, feedback, backward, optimizer step). After each step the workflow is scored on the
 * validation examples; an update that makes the workflow's code fail on an example where it did not
 * fail before the update is rolled back (failures that were already there do not count), and the
 * parameters with the best validation accuracy so far are kept (ties keep the earlier ones). At the
 * end the workflow holds the best parameters. Model failures (and errors of `onCheckpoint`)
 * propagate; the workflow then holds the best parameters validated so far, as after an abort.
 *
 * Each step and each validation answer runs in its own core `scope()`, so node names (which the
 * optimizer's prompts show) are the same in a resumed training as in an uninterrupted one.
 *
 * @example
 * const splits = splitBbhExamples((await loadBbhTask(dir, 'navigate')).examples);
 * await trainBbhWorkflow({ workflow, optimizer, train: splits.train, validation: splits.validation });
 * const { accuracy } = await evaluateBbhWorkflow((q) => workflow.answer(q), splits.test);
 */
export async function trainBbhWorkflow(
  options: TrainBbhWorkflowOptions,
): Promise<BbhTrainingResult> {
  const { workflow, optimizer, resumeFrom } = options;
  const signal = checkBbhSignal(options.signal);
  if (options.onCheckpoint !== undefined && typeof options.onCheckpoint !== 'function') {
    throw new BbhError(
      'INVALID_OPTIONS',
      'onCheckpoint must be a function (checkpoint) => void | Promise<void>, or left out.',
    );
  }
  if (resumeFrom !== undefined) {
    checkBbhTrainingCheckpoint(
      resumeFrom,
      workflow,
      options.train.length,
      options.validation.length,
    );
  }
  const validate = () =>
    scope(() =>
      evaluateBbhWorkflow(
        (question) => scope(() => workflow.answer(question)),
        options.validation,
        signal === undefined ? {} : { signal },
      ),
    );
  // The examples the parameters in effect fail on: an update is undone only for new failures.
  let failing: number[];
  let best: Record<string, unknown> | undefined;
  let bestAccuracy: number;
  let initialAccuracy: number;
  const steps: BbhTrainingStep[] = [];
  const checkpoint = async (step: number) => {
    await options.onCheckpoint?.({
      step,
      failing: [...failing],
      parameters: parameterValues(workflow),
      best: { ...best },
      bestAccuracy,
      initialValidationAccuracy: initialAccuracy,
      steps: [...steps],
    });
  };
  try {
    if (resumeFrom === undefined) {
      const initial = await validate();
      failing = failingExamples(initial);
      best = parameterValues(workflow);
      bestAccuracy = initial.accuracy;
      initialAccuracy = initial.accuracy;
      await checkpoint(0);
    } else {
      setParameterValues(workflow, resumeFrom.parameters);
      failing = [...resumeFrom.failing];
      best = { ...resumeFrom.best };
      bestAccuracy = resumeFrom.bestAccuracy;
      initialAccuracy = resumeFrom.initialValidationAccuracy;
      steps.push(...resumeFrom.steps);
    }
    for (let index = steps.length; index < options.train.length; index += 1) {
      throwIfBbhAborted(signal);
      const before = parameterValues(workflow);
      const run = await scope(async () => {
        const run = await runBbhExample(workflow, options.train[index]!);
        throwIfBbhAborted(signal);
        optimizer.zeroFeedback();
        optimizer.backward(run.output, run.feedback);
        await optimizer.step();
        return run;
      });
      throwIfBbhAborted(signal);
      const validation = await validate();
      const failingAfter = failingExamples(validation);
      const rolledBack = introducesFailures(failing, failingAfter);
      let isBest = false;
      if (rolledBack) {
        setParameterValues(workflow, before);
      } else {
        failing = failingAfter;
        if (validation.accuracy > bestAccuracy) {
          best = parameterValues(workflow);
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
      await checkpoint(index + 1);
    }
  } catch (error) {
    if (best !== undefined) setParameterValues(workflow, best);
    throw error;
  }
  setParameterValues(workflow, best);
  return {
    steps,
    initialValidationAccuracy: initialAccuracy,
    bestValidationAccuracy: bestAccuracy,
  };
}
