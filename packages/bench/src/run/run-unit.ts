import { rm } from 'node:fs/promises';
import { scope } from '@trace/core';
import { type LanguageModel, type UsageTotals, withBudget } from '@trace/llm';
import { RunWriter, readFinal } from '@trace/trainer';
import { BenchError } from '../bench-error.js';
import type { RunSize, UnitPlan } from '../experiments/experiment.js';
import type { ExperimentDefinition, Simulator } from '../experiments/experiment-definition.js';
import { tracePackageVersions } from './package-versions.js';
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
}

/** How a unit ended: `skipped` when a finished unit was found (resume). */
export type UnitOutcome = 'completed' | 'skipped';

/**
 * Runs one unit into its own run directory (the trainer's format): an `evaluation` event per step
 * with the experiment's metric as `mean`, then `final.json`. A unit that already completed is
 * skipped; an unfinished one is started again from scratch (units are deterministic per seed).
 */
export async function runBenchUnit(options: RunBenchUnitOptions): Promise<UnitOutcome> {
  const { folder, experiment, plan, steps, size } = options;
  const directory = unitDirectory(folder, plan);
  const final = await readFinal(directory).catch(() => undefined);
  if (final?.status === 'completed') return 'skipped';
  await rm(directory, { recursive: true, force: true });
  const started = performance.now();
  const writer = await RunWriter.create(directory, {
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
  let recorded = 0;
  let last: number | undefined;
  // The unit's own meter (a limit that never binds): model calls and tokens per step go into the events.
  const metered =
    options.model === undefined
      ? undefined
      : withBudget(options.model, { maxTokens: Number.MAX_SAFE_INTEGER });
  const spent = (): UsageTotals =>
    metered?.budget.spent ?? { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
  let before = spent();
  try {
    await writer.append({ type: 'run-start', resumed: false, fromStep: 0 });
    // A naming scope per unit: node names (and so prompts) do not depend on other units.
    await scope(() =>
      experiment.runUnit({
        plan,
        steps,
        size,
        simulator: options.simulator ?? 'native',
        ...(metered === undefined ? {} : { model: metered }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        record: async (step, value, detail) => {
          const at = performance.now();
          recorded = Math.max(recorded, step);
          last = value;
          const now = spent();
          const usage = {
            calls: now.calls - before.calls,
            inputTokens: now.inputTokens - before.inputTokens,
            outputTokens: now.outputTokens - before.outputTokens,
            costUsd: Math.max(0, now.costUsd - before.costUsd),
          };
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
      usage: { ...spent() },
      durationMs: performance.now() - started,
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
        usage: { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
        durationMs: performance.now() - started,
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
