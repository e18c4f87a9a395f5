import { rm, stat } from 'node:fs/promises';
import { scope } from '@trace/core';
import { type LanguageModel, type UsageTotals, withBudget } from '@trace/llm';
import {
  type Checkpoint,
  RunWriter,
  readEvents,
  readFinal,
  readLatestCheckpoint,
  readManifest,
  TrainerError,
  type Usage,
} from '@trace/trainer';
import { BenchError } from '../bench-error.js';
import type { RunSize, UnitPlan } from '../experiments/experiment.js';
import type { ExperimentDefinition, Simulator } from '../experiments/experiment-definition.js';
import { tracePackageVersions } from './package-versions.js';
import {
  benchCheckpointField,
  jsonCopy,
  optimizerStateOf,
  restoreUnit,
  resumePointOf,
  type UnitResumePoint,
} from './unit-checkpoint.js';
import { unitDirectory } from './unit-path.js';

/** Options of {@link runBenchUnit}. */
export interface RunBenchUnitOptions {
  readonly folder: string;
  readonly experiment: ExperimentDefinition;
  readonly plan: UnitPlan;
  readonly steps: number;
  readonly size: RunSize;
  readonly model?: LanguageModel;
  /** `provider:model` for the manifest. */
  readonly modelLabel?: string;
  readonly signal?: AbortSignal;
  /** The traffic simulator (default native). */
  readonly simulator?: Simulator;
  /**
   * Called with the metric of every step as it is recorded, and with the last recorded one of a
   * unit that is skipped or resumed (for the progress display's current scores).
   */
  readonly onScore?: (step: number, value: number) => void;
}

/** How a unit ended: `skipped` when a finished unit was found (resume). */
export type UnitOutcome = 'completed' | 'skipped';

const noUsage: Usage = { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };

/**
 * The checkpoint an unfinished unit continues from, or undefined when it has none that can be read
 * (no manifest, no checkpoint, a damaged one): such a unit starts again from its start, which gives
 * the same results, since units are deterministic per seed with a deterministic model.
 */
async function resumableCheckpoint(directory: string): Promise<Checkpoint | undefined> {
  try {
    const manifest = await readManifest(directory);
    const checkpoint = await readLatestCheckpoint(directory);
    if (checkpoint === undefined || checkpoint.runId !== manifest.runId) return undefined;
    return (checkpoint as Record<string, unknown>)[benchCheckpointField] === undefined
      ? undefined
      : checkpoint;
  } catch (error) {
    // Written by a newer version: never removed or rewritten, the user upgrades instead.
    if (TrainerError.isInstance(error) && error.code === 'NEWER_FORMAT') {
      throw new BenchError(
        'RUN_DIRECTORY',
        `${directory} was written by a newer format than this @trace/bench reads (${error.message}) Upgrade @trace/bench to continue this run, or choose another --out; nothing was changed.`,
        { cause: error },
      );
    }
    return undefined;
  }
}

/**
 * Runs one unit into its own run directory (the trainer's format): an `evaluation` event per step
 * with the experiment's metric as `mean`, a checkpoint after every finished step of the methods that
 * save one (every LLM method and Adam), then `final.json`. A unit that already completed is skipped;
 * an unfinished one continues after its last checkpoint (events after it are cut off), or starts
 * again from its start when it has none.
 */
export async function runBenchUnit(options: RunBenchUnitOptions): Promise<UnitOutcome> {
  const { folder, experiment, plan, steps, size } = options;
  const directory = unitDirectory(folder, plan);
  // One look at the folder first: a unit never started (the usual case) needs no other read.
  const exists = await stat(directory).then(
    () => true,
    () => false,
  );
  const final = exists ? await readFinal(directory).catch(() => undefined) : undefined;
  if (final?.status === 'completed') {
    const score = options.onScore === undefined ? undefined : await lastScore(directory);
    if (score !== undefined) options.onScore?.(score.step, score.value);
    return 'skipped';
  }
  const started = performance.now();
  const checkpoint = exists ? await resumableCheckpoint(directory) : undefined;
  const resumeFrom: UnitResumePoint | undefined =
    checkpoint === undefined ? undefined : resumePointOf(checkpoint);
  const usageBefore = checkpoint?.trainer.usage ?? noUsage;
  const elapsedBefore = checkpoint?.trainer.elapsedMs ?? 0;
  if (checkpoint === undefined && exists) await rm(directory, { recursive: true, force: true });
  const writer =
    checkpoint !== undefined
      ? await RunWriter.resume(directory, checkpoint).catch((error: unknown) => {
          throw new BenchError(
            'RUN_DIRECTORY',
            `${experiment.name}: ${plan.method} on ${plan.task} (seed ${plan.seed}) cannot continue: ${(error as Error).message} Remove ${directory} to run that unit again from its start, then --resume.`,
            { cause: error },
          );
        })
      : await RunWriter.create(directory, {
          runId: `${experiment.name}/${plan.method}/${plan.task}/seed-${plan.seed}`,
          createdAt: new Date().toISOString(),
          kind: 'evaluate',
          experiment: experiment.name,
          method: plan.method,
          task: plan.task,
          seed: plan.seed,
          packages: tracePackageVersions(),
          node: process.version,
          ...(options.modelLabel === undefined ? {} : { model: splitModel(options.modelLabel) }),
          options: { steps, size, simulator: options.simulator ?? 'native' },
          seeds: { unit: plan.seed },
          datasets: { train: 0 },
          parameters: [],
        });
  let recorded = resumeFrom?.step ?? 0;
  let restored = false;
  let last: number | undefined;
  // The unit's own meter (a limit that never binds): model calls and tokens per step go into the events.
  const metered =
    options.model === undefined
      ? undefined
      : withBudget(options.model, { maxTokens: Number.MAX_SAFE_INTEGER });
  const spent = (): UsageTotals =>
    metered?.budget.spent ?? { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
  // Model use since the last recorded step; a resumed unit starts with what its checkpoint had
  // used since then (traffic's update comes after its record), so every step's usage adds up.
  const pending = pendingUsageOf(checkpoint);
  let before: UsageTotals = {
    calls: -pending.calls,
    inputTokens: -pending.inputTokens,
    outputTokens: -pending.outputTokens,
    costUsd: -pending.costUsd,
  };
  const total = (): Usage => {
    const now = spent();
    return {
      calls: usageBefore.calls + now.calls,
      inputTokens: usageBefore.inputTokens + now.inputTokens,
      outputTokens: usageBefore.outputTokens + now.outputTokens,
      costUsd: usageBefore.costUsd + now.costUsd,
    };
  };
  const where = `units/${plan.method}/${plan.task}/seed-${plan.seed}`;
  if (resumeFrom !== undefined) {
    // What the unit recorded before the resume (the events the checkpoint covers).
    const score = await lastScore(directory);
    if (score !== undefined) {
      last = score.value;
      recorded = Math.max(recorded, score.step);
      options.onScore?.(score.step, score.value);
    }
  }
  try {
    await writer.append({
      type: 'run-start',
      resumed: resumeFrom !== undefined,
      fromStep: resumeFrom?.step ?? 0,
    });
    // A naming scope per unit: node names (and so prompts) do not depend on other units.
    await scope(() =>
      experiment.runUnit({
        plan,
        steps,
        size,
        simulator: options.simulator ?? 'native',
        ...(metered === undefined ? {} : { model: metered }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        restore: (parameters, optimizer) => {
          if (restored) throw new Error(`${where}: restore() was called twice (a bug).`);
          restored = true;
          if (resumeFrom === undefined) return undefined;
          const state = restoreUnit(resumeFrom, parameters, optimizer, where);
          return { step: resumeFrom.step, state };
        },
        checkpoint: async (step, save) => {
          await writer.checkpoint({
            step,
            parameters: save.parameters.map((parameter) => ({
              name: parameter.name,
              value: jsonCopy(parameter.data),
            })),
            optimizer: { name: plan.method, state: optimizerStateOf(save.optimizer) },
            trainer: {
              epoch: 0,
              cursor: 0,
              order: [],
              rng: 0,
              best: null,
              sinceBest: 0,
              lastValidation: null,
              usage: total(),
              elapsedMs: elapsedBefore + (performance.now() - started),
            },
            // Bench's own field (checkpoints are read loosely): the unit's state between steps.
            [benchCheckpointField]: {
              state: jsonCopy(save.state),
              pendingUsage: difference(spent(), before),
            },
          } as Parameters<RunWriter['checkpoint']>[0]);
        },
        record: async (step, value, detail) => {
          if (resumeFrom !== undefined && !restored) {
            throw new Error(
              `${where}: step ${step} recorded on a unit resumed from step ${resumeFrom.step} without restoring it (a bug: call context.restore() first and continue after its step).`,
            );
          }
          const at = performance.now();
          recorded = Math.max(recorded, step);
          last = value;
          options.onScore?.(step, value);
          const now = spent();
          const usage = difference(now, before);
          before = now;
          await writer.append({
            type: 'evaluation',
            step,
            split: 'test',
            mean: value,
            standardError: 0,
            examples: [
              {
                index: 0,
                score: value,
                feedback: null,
                ...(detail === undefined ? {} : { output: detail }),
                durationMs: performance.now() - at,
              },
            ],
            best: false,
            durationMs: performance.now() - at,
            // Model use since the previous step (what this step cost), for the report. The event
            // schema is open to extra fields; `usage` is bench's.
            ...stepUsage(usage),
          });
        },
      }),
    );
    await writer.finish({
      status: 'completed',
      reason: 'completed',
      message: `${plan.method} on ${plan.task} (seed ${plan.seed}) finished: ${experiment.metric.name} ${String(last)} at step ${recorded}.`,
      resumable: false,
      steps: recorded,
      best: null,
      parameters: [],
      usage: total(),
      durationMs: elapsedBefore + (performance.now() - started),
    });
    return 'completed';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await writer
      .finish({
        status: 'failed',
        reason: options.signal?.aborted === true ? 'aborted' : 'error',
        message,
        resumable: true,
        steps: recorded,
        best: null,
        parameters: [],
        usage: total(),
        durationMs: elapsedBefore + (performance.now() - started),
      })
      .catch(() => undefined);
    if (options.signal?.aborted === true) throw error;
    throw new BenchError(
      'UNIT_FAILED',
      `${experiment.name}: ${plan.method} on ${plan.task} (seed ${plan.seed}) failed: ${message} Finished units are kept; fix the cause and run again with --resume.`,
      { cause: error },
    );
  } finally {
    await writer.close();
  }
}

/** The last metric recorded in a unit's events, or undefined when it has none. */
async function lastScore(directory: string): Promise<{ step: number; value: number } | undefined> {
  const { events } = await readEvents(directory).catch(() => ({ events: [] }));
  const last = events.findLast((event) => event.type === 'evaluation' && event.split === 'test');
  return last?.type === 'evaluation' ? { step: last.step, value: last.mean } : undefined;
}

/** `now - before`, field by field (dollars never below 0). */
function difference(now: UsageTotals, before: UsageTotals): UsageTotals {
  return {
    calls: now.calls - before.calls,
    inputTokens: now.inputTokens - before.inputTokens,
    outputTokens: now.outputTokens - before.outputTokens,
    costUsd: Math.max(0, now.costUsd - before.costUsd),
  };
}

/** The model use a checkpoint had made since its last recorded step (none on a fresh unit). */
function pendingUsageOf(checkpoint: Checkpoint | undefined): UsageTotals {
  const saved = (
    (checkpoint as Record<string, unknown> | undefined)?.[benchCheckpointField] as
      | { pendingUsage?: Partial<UsageTotals> }
      | undefined
  )?.pendingUsage;
  const count = (value: unknown) =>
    typeof value === 'number' && Number.isFinite(value) ? value : 0;
  return {
    calls: count(saved?.calls),
    inputTokens: count(saved?.inputTokens),
    outputTokens: count(saved?.outputTokens),
    costUsd: count(saved?.costUsd),
  };
}

function splitModel(label: string): { provider: string; modelId: string } {
  const colon = label.indexOf(':');
  return colon < 0
    ? { provider: label, modelId: label }
    : { provider: label.slice(0, colon), modelId: label.slice(colon + 1) };
}

/** The extra field of bench's evaluation events: the model use of the step. */
function stepUsage(usage: UsageTotals): Record<string, unknown> {
  return { usage };
}
