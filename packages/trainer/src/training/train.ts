import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isProposingOptimizer, type Node, type ProposingOptimizer } from '@trace/core';
import { BudgetExceededError } from '@trace/llm';
import trainerPackage from '../../package.json' with { type: 'json' };
import { TrainerError } from '../errors.js';
import { checkDataset } from '../evaluation/check-dataset.js';
import { checkConcurrency, type Evaluation, evaluate } from '../evaluation/evaluate.js';
import { mapConcurrent } from '../evaluation/map-concurrent.js';
import {
  findCause,
  type PlainOutput,
  runExample,
  type TracedExampleResult,
} from '../evaluation/run-example.js';
import { meanAndStandardError } from '../evaluation/statistics.js';
import { createProgressReporter } from '../progress/progress-reporter.js';
import { readFinal, readLatestCheckpoint, runFiles } from '../run-directory/run-reader.js';
import { type RunEventInput, RunWriter } from '../run-directory/run-writer.js';
import type {
  Checkpoint,
  ParameterValue,
  RunEvent,
  RunFinal,
  Usage,
} from '../run-directory/schemas.js';
import type { ConsideredProposal, SearchContext, SearchState } from '../search/search.js';
import { changedParameters, restoreParameters, snapshotParameters } from './parameter-values.js';
import { SeededRandom } from './seeded-random.js';
import { type StepGraph, type StepGraphOptions, stepGraph, stepGraphLimits } from './step-graph.js';
import type { TrainOptions } from './train-options.js';
import { UsageMeter } from './usage-meter.js';

/** Why a run stopped. */
export type StopReason = RunFinal['reason'];

/** What {@link train} returns. */
export interface TrainResult {
  /** `completed` (ran to its end, a target or patience), `stopped` (budget, abort: resumable). */
  readonly status: RunFinal['status'];
  readonly reason: StopReason;
  /** Says why it stopped and, with a budget, what was spent. */
  readonly message: string;
  /** Completed steps. */
  readonly steps: number;
  /** Best validation score and its step (null without validation). */
  readonly best: { readonly score: number; readonly step: number } | null;
  /** The parameters' values now (the best ones when kept and the run completed). */
  readonly parameters: readonly ParameterValue[];
  /** Calls, tokens and dollars of the whole run (measured through the budget). */
  readonly usage: Usage;
  /** The last validation, when there was one. */
  readonly validation: Evaluation | undefined;
  /** The run directory, when one was written. */
  readonly runDirectory: string | undefined;
}

interface TrainerState {
  step: number;
  epoch: number;
  cursor: number;
  order: number[];
  rng: number;
  best: { score: number; step: number; parameters: ParameterValue[] } | null;
  sinceBest: number;
  lastValidation: number | null;
  lastBatchMean: number | null;
}

const positiveInteger = (name: string, value: number | undefined, fallback: number) => {
  const result = value ?? fallback;
  if (!Number.isInteger(result) || result < 1) {
    throw new TrainerError(
      'INVALID_OPTIONS',
      `${name} must be a whole number >= 1; got ${String(value)}.`,
    );
  }
  return result;
};

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

function gitRevision(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 2000,
    }).trim();
  } catch {
    return undefined;
  }
}

function jsonOptions(options: object): Record<string, unknown> {
  const skip = new Set([
    'workflow',
    'optimizer',
    'train',
    'validation',
    'guide',
    'validationGuide',
    'exampleSchema',
    'search',
    'budget',
    'signal',
    'progressStream',
    'onEvent',
    'manifest',
    'runDirectory',
    'resume',
  ]);
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (!skip.has(key) && value !== undefined && typeof value !== 'function') result[key] = value;
  }
  return result;
}

/**
 * Trains the parameters of `optimizer` on `train`: a minibatch loop (batch size, epochs or steps,
 * seeded shuffling). Each step runs the batch concurrently (each example in its own `scope()`), sends
 * each output its own feedback, then updates once (`optimizer.step()`, or `propose`/`apply`, or the
 * `search`). Validates every `validateEvery` steps, keeps the best parameters and restores them at the
 * end, can reject a step that makes validation worse, retry a batch whose forward raised, and stop on
 * a target score or patience. With `runDirectory` it writes the documented run directory and an atomic
 * checkpoint after each step; `resume: true` continues from it after a crash or a stop. With a
 * `budget` it stops before a step it cannot pay for. `signal` stops it between steps.
 *
 * @example
 * const result = await train({
 *   workflow: (example) => agent.forward(example.question),
 *   optimizer, guide: exactMatch(), train: trainSet, validation: validationSet,
 *   batchSize: 4, epochs: 2, runDirectory: 'runs/agent', resume: true,
 * });
 */
export async function train<Example, Output>(
  options: TrainOptions<Example, Output>,
): Promise<TrainResult> {
  const { optimizer, workflow, guide, search, signal } = options;
  const validationGuide = options.validationGuide ?? guide;
  const trainSet = options.train;
  const validationSet = options.validation;
  checkDataset(trainSet, 'training', options.exampleSchema);
  if (validationSet !== undefined) checkDataset(validationSet, 'validation', options.exampleSchema);
  const batchSize = positiveInteger('batchSize', options.batchSize, 1);
  const concurrency = checkConcurrency(options.concurrency, 8);
  const validateEvery = positiveInteger('validateEvery', options.validateEvery, 1);
  const checkpointEvery = positiveInteger('checkpointEvery', options.checkpointEvery, 1);
  const stepsPerEpoch = Math.ceil(trainSet.length / batchSize);
  const totalSteps =
    options.steps !== undefined
      ? positiveInteger('steps', options.steps, 1)
      : positiveInteger('epochs', options.epochs, 1) * stepsPerEpoch;
  const forwardRetries = options.forwardRetries ?? 0;
  const failureScore = options.failureScore ?? 0;
  const keepBest = options.keepBest ?? true;
  const seed = options.seed ?? 0;
  const shuffle = options.shuffle ?? true;
  const proposing: ProposingOptimizer | undefined = isProposingOptimizer(optimizer)
    ? optimizer
    : undefined;
  if (search !== undefined && proposing === undefined) {
    throw new TrainerError(
      'INVALID_OPTIONS',
      `Search '${search.name}' needs an optimizer with propose/apply (a ProposingOptimizer); ${optimizer.constructor.name} has none.`,
    );
  }
  if (options.rejectWorse && validationSet === undefined) {
    throw new TrainerError(
      'INVALID_OPTIONS',
      'rejectWorse compares validation scores: give a validation set too.',
    );
  }
  if (options.resume && options.runDirectory === undefined) {
    throw new TrainerError('INVALID_OPTIONS', 'resume needs the runDirectory to resume from.');
  }
  const graphLimits =
    options.recordGraph === false
      ? undefined
      : stepGraphLimits(options.recordGraph === true ? {} : options.recordGraph);
  const parameters = optimizer.parameters;
  const optimizerName = optimizer.constructor.name.toLowerCase();
  const started = performance.now();

  // Where the run starts: fresh, or from the run directory's last checkpoint.
  const random = new SeededRandom(seed);
  const indices = trainSet.map((_example, index) => index);
  let state: TrainerState = {
    step: 0,
    epoch: 0,
    cursor: 0,
    order: shuffle ? random.shuffle(indices) : indices,
    rng: random.state,
    best: null,
    sinceBest: 0,
    lastValidation: null,
    lastBatchMean: null,
  };
  let usageBefore: Usage = { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
  let elapsedBefore = 0;
  let writer: RunWriter | undefined;
  let checkpoint: Checkpoint | undefined;
  const directory = options.runDirectory;
  if (directory !== undefined) {
    if (options.resume && existsSync(join(directory, runFiles.manifest))) {
      const final = await readFinal(directory);
      if (final !== undefined && !final.resumable) {
        restoreParameters(parameters, final.parameters, join(directory, runFiles.final));
        return {
          status: final.status,
          reason: final.reason,
          message: `Already finished: ${final.message}`,
          steps: final.steps,
          best: final.best,
          parameters: final.parameters,
          usage: final.usage,
          validation: undefined,
          runDirectory: directory,
        };
      }
      checkpoint = await readLatestCheckpoint(directory);
      if (checkpoint !== undefined) {
        const where = `The checkpoint of step ${checkpoint.step} in ${directory}`;
        if (
          checkpoint.trainer.order.length !== trainSet.length ||
          checkpoint.trainer.order.some((index) => index >= trainSet.length)
        ) {
          throw new TrainerError(
            'CHECKPOINT',
            `${where} was made with a training set of ${checkpoint.trainer.order.length} examples; this one has ${trainSet.length}. Resume with the same data; nothing was changed.`,
          );
        }
        if (checkpoint.optimizer.name !== optimizerName) {
          throw new TrainerError(
            'CHECKPOINT',
            `${where} holds the state of a '${checkpoint.optimizer.name}' optimizer, not '${optimizerName}'. Resume with the same optimizer; nothing was changed.`,
          );
        }
        const previous = snapshotParameters(parameters);
        restoreParameters(parameters, checkpoint.parameters, where);
        try {
          if (proposing !== undefined && checkpoint.optimizer.state !== null)
            proposing.loadState(checkpoint.optimizer.state);
          if (checkpoint.trainer.search !== undefined)
            search?.loadState?.(checkpoint.trainer.search);
        } catch (error) {
          restoreParameters(parameters, previous, 'the parameters before the resume');
          throw new TrainerError('CHECKPOINT', `${where} cannot be loaded: ${errorText(error)}`, {
            cause: error,
          });
        }
        const saved = checkpoint.trainer;
        state = {
          step: checkpoint.step,
          epoch: saved.epoch,
          cursor: saved.cursor,
          order: [...saved.order],
          rng: saved.rng,
          best: saved.best,
          sinceBest: saved.sinceBest,
          lastValidation: saved.lastValidation,
          lastBatchMean: saved.lastBatchMean ?? null,
        };
        usageBefore = saved.usage;
        elapsedBefore = saved.elapsedMs;
      }
      writer = await RunWriter.resume(directory, checkpoint);
    } else {
      const revision = gitRevision();
      writer = await RunWriter.create(directory, {
        runId: randomUUID(),
        createdAt: new Date().toISOString(),
        kind: 'train',
        ...(options.manifest?.experiment === undefined
          ? {}
          : { experiment: options.manifest.experiment }),
        ...(options.manifest?.method === undefined ? {} : { method: options.manifest.method }),
        ...(options.manifest?.task === undefined ? {} : { task: options.manifest.task }),
        ...(options.manifest?.labels === undefined
          ? {}
          : { labels: { ...options.manifest.labels } }),
        ...(options.manifest?.model === undefined ? {} : { model: { ...options.manifest.model } }),
        ...(revision === undefined ? {} : { gitRevision: revision }),
        seed,
        packages: { '@trace/trainer': trainerPackage.version, ...options.manifest?.packages },
        node: process.version,
        optimizer: { name: optimizerName },
        options: {
          ...jsonOptions(options),
          ...(search === undefined ? {} : { search: search.name }),
        },
        seeds: { shuffle: seed },
        datasets: {
          train: trainSet.length,
          ...(validationSet === undefined ? {} : { validation: validationSet.length }),
        },
        parameters: snapshotParameters(parameters),
      });
    }
  }

  const meter = new UsageMeter(options.budget, usageBefore);
  const progress = createProgressReporter(
    options.progress ?? 'auto',
    totalSteps,
    options.progressStream ?? process.stderr,
  );
  let sequence = writer?.eventCount ?? 0;
  const emit = async (event: RunEventInput): Promise<RunEvent> => {
    const full =
      writer !== undefined
        ? await writer.append(event)
        : ({ seq: sequence, time: new Date().toISOString(), ...event } as RunEvent);
    sequence += 1;
    progress.update(full);
    options.onEvent?.(full);
    return full;
  };
  const saveCheckpoint = async () => {
    if (writer === undefined) return;
    await writer.checkpoint({
      step: state.step,
      parameters: snapshotParameters(parameters),
      optimizer: {
        name: optimizerName,
        state: proposing === undefined ? null : jsonSafe(proposing.exportState()),
      },
      trainer: {
        epoch: state.epoch,
        cursor: state.cursor,
        order: state.order,
        rng: state.rng,
        best: state.best,
        sinceBest: state.sinceBest,
        lastValidation: state.lastValidation,
        lastBatchMean: state.lastBatchMean,
        ...(search?.exportState === undefined ? {} : { search: jsonSafe(search.exportState()) }),
        usage: meter.total,
        elapsedMs: elapsedBefore + (performance.now() - started),
      },
    });
  };
  let checkpointedStep = checkpoint?.step ?? -1;

  const validate = (): Promise<Evaluation> =>
    evaluate(workflow, validationSet!, validationGuide, {
      concurrency,
      failureScore,
      datasetName: 'validation',
      ...(signal === undefined ? {} : { signal }),
    });
  let lastEvaluation: Evaluation | undefined;
  let reason: StopReason = 'completed';
  let message = '';
  let failure: unknown;

  try {
    await emit({ type: 'run-start', resumed: checkpoint !== undefined, fromStep: state.step });
    if (validationSet !== undefined && state.step === 0 && state.lastValidation === null) {
      const t0 = performance.now();
      lastEvaluation = await validate();
      state.best = {
        score: lastEvaluation.mean,
        step: 0,
        parameters: snapshotParameters(parameters),
      };
      state.lastValidation = lastEvaluation.mean;
      await emit(evaluationEvent(0, lastEvaluation, true, performance.now() - t0));
    }
    while (true) {
      const reached = targetReached(options.target, state, validationSet !== undefined);
      if (reached) {
        reason = 'target';
        message = `Reached the target score ${options.target}.`;
        break;
      }
      if (options.patience !== undefined && state.sinceBest >= options.patience) {
        reason = 'patience';
        message = `No better validation in ${state.sinceBest} checks (patience ${options.patience}).`;
        break;
      }
      if (state.step >= totalSteps) {
        reason = 'completed';
        message = `Ran ${totalSteps} steps.`;
        break;
      }
      if (signal?.aborted) {
        reason = 'aborted';
        message = `Aborted after step ${state.step}.`;
        break;
      }
      const unaffordable = meter.cannotAffordNextStep(options.stepCostEstimate);
      if (unaffordable !== undefined) {
        reason = 'budget';
        message = `Stopped before step ${state.step + 1}: ${unaffordable}.`;
        break;
      }

      // One step.
      const stepNumber = state.step + 1;
      const stepStarted = performance.now();
      const endUsage = meter.startStep();
      const plan = nextBatch(state, batchSize, trainSet.length, shuffle);
      const batch = plan.indices.map((index) => trainSet[index]!);
      const before: SearchState = capture();
      const searchBefore = search?.exportState?.();
      let results: TracedExampleResult<PlainOutput<Output>>[] = [];
      let graph: StepGraph | { error: string } | undefined;
      let proposals: ConsideredProposal[] = [];
      let applied = true;
      let accepted = true;
      let rejectedReason: string | undefined;
      let evaluation: Evaluation | undefined;
      let evaluationMs = 0;
      try {
        const runBatch = async () => {
          optimizer.zeroFeedback();
          const ran = await mapConcurrent(
            batch,
            concurrency,
            (example, position) =>
              runExample(workflow, guide, example, plan.indices[position]!, {
                failureScore,
                dataset: 'training',
                ...(signal === undefined ? {} : { signal }),
              }),
            signal,
          );
          const plain = ran.find(
            (result) => result.error === undefined && result.feedbackNode === undefined,
          );
          if (plain !== undefined) {
            throw new TrainerError(
              'INVALID_OPTIONS',
              `The workflow returned a plain value for training example ${plain.index}, not a node, so no feedback can reach the parameters. Return the output node (a traced value) from the workflow.`,
            );
          }
          for (const result of ran) {
            if (result.feedbackNode !== undefined)
              optimizer.backward(result.feedbackNode, result.feedback);
          }
          return ran;
        };
        for (let attempt = 0; ; attempt += 1) {
          results = await runBatch();
          const failed = results.find((result) => result.error !== undefined);
          if (failed === undefined || attempt >= forwardRetries) break;
          await emit({
            type: 'retry',
            step: stepNumber,
            attempt: attempt + 1,
            error: `training example ${failed.index}: ${failed.error}`,
          });
        }
        // The graph the optimizer sees: after backward, before the update.
        if (graphLimits !== undefined) graph = recordedGraph(results, graphLimits);
        if (search !== undefined) {
          const context = searchContext(batch, results);
          const outcome = await search.step(context);
          proposals = [...outcome.proposals];
          applied = outcome.applied;
        } else if (proposing !== undefined) {
          const proposal = await proposing.propose(signal === undefined ? {} : { signal });
          proposals = [{ record: await proposing.apply(proposal), accepted: true }];
        } else {
          proposals = [{ record: await optimizer.step(), accepted: true }];
        }
        if (
          validationSet !== undefined &&
          (stepNumber % validateEvery === 0 || stepNumber === totalSteps)
        ) {
          const t0 = performance.now();
          evaluation = await validate();
          evaluationMs = performance.now() - t0;
          if (
            options.rejectWorse &&
            state.lastValidation !== null &&
            evaluation.mean < state.lastValidation
          ) {
            accepted = false;
            rejectedReason = `validation fell from ${state.lastValidation} to ${evaluation.mean}; the step was rolled back`;
            restore(before);
            if (searchBefore !== undefined) search?.loadState?.(searchBefore);
          }
        }
      } catch (error) {
        restore(before);
        if (searchBefore !== undefined) search?.loadState?.(searchBefore);
        const budgetError = findCause(error, BudgetExceededError.isInstance);
        if (budgetError !== undefined) {
          reason = 'budget';
          message = `Stopped in step ${stepNumber} (rolled back): ${budgetError.message}`;
        } else if (signal?.aborted) {
          reason = 'aborted';
          message = `Aborted during step ${stepNumber}; it was rolled back.`;
        } else {
          reason = 'error';
          message = `Step ${stepNumber} failed and was rolled back: ${errorText(error)}`;
          failure = error;
        }
        endUsage();
        break;
      }
      const after = snapshotParameters(parameters);
      const stepUsage = endUsage();
      const meanScore = meanAndStandardError(results.map((result) => result.score)).mean;
      const considered = proposals.map((proposal, index) => ({
        index,
        record: jsonSafe(proposal.record),
        ...(proposal.score === undefined ? {} : { score: proposal.score }),
        accepted: accepted && proposal.accepted,
        ...(proposal.reason !== undefined
          ? { reason: proposal.reason }
          : !accepted && proposal.accepted
            ? { reason: rejectedReason! }
            : {}),
      }));
      let isBest = false;
      if (evaluation !== undefined && accepted) {
        state.lastValidation = evaluation.mean;
        isBest = state.best === null || evaluation.mean > state.best.score;
        if (isBest) state.best = { score: evaluation.mean, step: stepNumber, parameters: after };
      }
      if (evaluation !== undefined) {
        state.sinceBest = isBest ? 0 : state.sinceBest + 1;
        lastEvaluation = evaluation;
      }
      state = {
        ...state,
        lastBatchMean: meanScore,
        step: stepNumber,
        epoch: plan.epoch,
        cursor: plan.cursor,
        order: plan.order,
        rng: plan.rng,
      };
      await emit({
        type: 'step',
        step: stepNumber,
        epoch: plan.epochOfBatch,
        examples: results.map(exampleRecord),
        meanScore,
        proposals: considered,
        accepted: accepted && applied,
        ...(rejectedReason === undefined
          ? applied
            ? {}
            : { rejectedReason: 'the search kept the parameters' }
          : { rejectedReason }),
        changes: changedParameters(before.parameters, after),
        ...(graph === undefined ? {} : { graph }),
        usage: stepUsage,
        totalUsage: meter.total,
        durationMs: performance.now() - stepStarted - evaluationMs,
      });
      if (evaluation !== undefined)
        await emit(evaluationEvent(stepNumber, evaluation, isBest, evaluationMs));
      if (stepNumber % checkpointEvery === 0 || stepNumber === totalSteps) {
        await saveCheckpoint();
        checkpointedStep = stepNumber;
      }
    }
  } catch (error) {
    // Outside a step (the run's start, the first validation): nothing to roll back.
    const budgetError = findCause(error, BudgetExceededError.isInstance);
    if (budgetError !== undefined) {
      reason = 'budget';
      message = `Stopped after step ${state.step}: ${budgetError.message}`;
    } else if (signal?.aborted) {
      reason = 'aborted';
      message = `Aborted after step ${state.step}.`;
    } else {
      reason = 'error';
      message = `The run failed: ${errorText(error)}`;
      failure = error;
    }
  }

  const resumable = reason === 'budget' || reason === 'aborted' || reason === 'error';
  if (!resumable && keepBest && state.best !== null) {
    restoreParameters(parameters, state.best.parameters, 'the best parameters');
  }
  const usage = meter.total;
  if (options.budget !== undefined) {
    message += ` Spent ${usage.inputTokens + usage.outputTokens} tokens and $${usage.costUsd.toFixed(4)} in ${usage.calls} calls.`;
  }
  const finalParameters = snapshotParameters(parameters);
  const best = state.best === null ? null : { score: state.best.score, step: state.best.step };
  try {
    if (writer !== undefined && checkpointedStep < state.step) await saveCheckpoint();
    await emit({ type: 'stop', step: state.step, reason, message });
    await writer?.finish({
      status: reason === 'error' ? 'failed' : resumable ? 'stopped' : 'completed',
      reason,
      message,
      resumable,
      steps: state.step,
      best,
      parameters: finalParameters,
      usage,
      durationMs: elapsedBefore + (performance.now() - started),
    });
  } finally {
    progress.stop();
    await writer?.close();
  }
  if (failure !== undefined) throw failure;
  return {
    status: resumable ? 'stopped' : 'completed',
    reason,
    message,
    steps: state.step,
    best,
    parameters: finalParameters,
    usage,
    validation: lastEvaluation,
    runDirectory: directory,
  };

  function capture(): SearchState {
    return {
      parameters: snapshotParameters(parameters),
      optimizerState: proposing === undefined ? undefined : proposing.exportState(),
    };
  }

  function restore(saved: SearchState): void {
    restoreParameters(parameters, saved.parameters, 'the saved parameters');
    if (proposing !== undefined && saved.optimizerState !== undefined)
      proposing.loadState(saved.optimizerState);
  }

  function searchContext(
    batch: readonly Example[],
    firstResults: readonly TracedExampleResult<PlainOutput<Output>>[],
  ): SearchContext {
    const rng = SeededRandom.fromState(state.rng ^ 0x5eed);
    let fresh = true;
    return {
      optimizer: proposing!,
      ...(signal === undefined ? {} : { signal }),
      async forwardBackward() {
        if (fresh) {
          fresh = false;
          return meanAndStandardError(firstResults.map((result) => result.score)).mean;
        }
        optimizer.zeroFeedback();
        const ran = await mapConcurrent(
          batch,
          concurrency,
          (example, index) =>
            runExample(workflow, guide, example, index, {
              failureScore,
              dataset: 'training',
              ...(signal === undefined ? {} : { signal }),
            }),
          signal,
        );
        for (const result of ran) {
          if (result.feedbackNode !== undefined)
            optimizer.backward(result.feedbackNode, result.feedback);
        }
        return meanAndStandardError(ran.map((result) => result.score)).mean;
      },
      async score(sampleSize) {
        fresh = false;
        const pool = validationSet ?? batch;
        const sample =
          sampleSize === undefined || sampleSize >= pool.length
            ? pool
            : rng.shuffle(pool).slice(0, sampleSize);
        const result = await evaluate(
          workflow,
          sample,
          validationSet === undefined ? guide : validationGuide,
          {
            concurrency,
            failureScore,
            datasetName: 'search',
            ...(signal === undefined ? {} : { signal }),
          },
        );
        return result.mean;
      },
      capture() {
        fresh = false;
        return capture();
      },
      restore(saved) {
        fresh = false;
        restore(saved);
      },
      random: () => rng.next(),
    };
  }
}

/** The step's graph, or why it could not be drawn (drawing it never fails the step). */
function recordedGraph(
  results: readonly { feedbackNode: Node | undefined }[],
  limits: Required<StepGraphOptions>,
): StepGraph | { error: string } | undefined {
  const outputs = results.flatMap((result) =>
    result.feedbackNode === undefined ? [] : [result.feedbackNode],
  );
  if (outputs.length === 0) return undefined;
  try {
    return stepGraph(outputs, limits);
  } catch (error) {
    return { error: `The trace graph could not be drawn: ${errorText(error)}` };
  }
}

function targetReached(
  target: number | undefined,
  state: TrainerState,
  hasValidation: boolean,
): boolean {
  if (target === undefined) return false;
  if (hasValidation) return state.lastValidation !== null && state.lastValidation >= target;
  return state.lastBatchMean !== null && state.lastBatchMean >= target;
}

function nextBatch(state: TrainerState, batchSize: number, size: number, shuffle: boolean) {
  const indices = state.order.slice(state.cursor, state.cursor + batchSize);
  let cursor = state.cursor + indices.length;
  let epoch = state.epoch;
  let order = state.order;
  let rng = state.rng;
  if (cursor >= size) {
    epoch += 1;
    cursor = 0;
    if (shuffle) {
      const random = SeededRandom.fromState(rng);
      order = random.shuffle(state.order.map((_value, index) => index));
      rng = random.state;
    }
  }
  return { indices, cursor, epoch, order, rng, epochOfBatch: state.epoch };
}

function evaluationEvent(
  step: number,
  evaluation: Evaluation,
  best: boolean,
  durationMs: number,
): RunEventInput {
  return {
    type: 'evaluation',
    step,
    split: 'validation',
    mean: evaluation.mean,
    standardError: evaluation.standardError,
    examples: evaluation.examples.map(exampleRecord),
    best,
    durationMs,
  };
}

function exampleRecord(result: {
  index: number;
  score: number;
  feedback: unknown;
  output: unknown;
  error?: string;
  durationMs: number;
}) {
  return {
    index: result.index,
    score: result.score,
    feedback: jsonSafe(result.feedback),
    ...(result.output === undefined ? {} : { output: jsonSafe(result.output) }),
    ...(result.error === undefined ? {} : { error: result.error }),
    durationMs: result.durationMs,
  };
}

/** A JSON-safe copy: what JSON cannot hold becomes null; cycles become a marker. */
export function jsonSafe(value: unknown): unknown {
  try {
    const text = JSON.stringify(value, (_key, inner: unknown) => {
      if (typeof inner === 'bigint') return inner.toString();
      if (inner instanceof Map) return Object.fromEntries(inner);
      if (inner instanceof Set) return [...inner];
      if (inner instanceof Error) return { name: inner.name, message: inner.message };
      return inner;
    });
    return text === undefined ? null : JSON.parse(text);
  } catch {
    return String(value);
  }
}
