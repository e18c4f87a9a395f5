import type { LanguageModel } from '@trace/llm';
import { BenchError } from '../bench-error.js';
import type { RunSize, UnitPlan } from '../experiments/experiment.js';
import type { Simulator } from '../experiments/experiment-definition.js';
import { findExperiment, selectMethods } from '../experiments/registry.js';
import { type BenchManifest, readBenchManifest, writeBenchManifest } from './bench-manifest.js';
import { runBenchUnit, type UnitOutcome } from './run-unit.js';

/** Options of {@link runExperiment}. */
export interface RunExperimentOptions {
  /** The experiment, e.g. `numerical`. */
  readonly experiment: string;
  /** Methods to run (default: all of the experiment's). */
  readonly methods?: readonly string[];
  /** `paper` (default) or `smoke`. */
  readonly size?: RunSize;
  /** Steps per unit (default: the experiment's at this size). */
  readonly steps?: number;
  /** Seeds per method, where the experiment uses seeds (default: the protocol's). */
  readonly seeds?: number;
  /** Units run at once (default 1). */
  readonly concurrency?: number;
  /** The run folder. */
  readonly out: string;
  /** Continue the run in `out`: finished units are skipped. */
  readonly resume?: boolean;
  /** The model for LLM methods. */
  readonly model?: LanguageModel;
  /** `provider:model`, recorded in the manifests. */
  readonly modelLabel?: string;
  /** How the model's answers come about (`scripted` marks a pipeline check). */
  readonly modelKind?: BenchManifest['modelKind'];
  /** What to say when an LLM method has no model (e.g. resolveModel's setup help). */
  readonly missingModelHelp?: string;
  /** The traffic simulator: `native` (default) or `uxsim` (UXSim through the Python bridge). */
  readonly simulator?: Simulator;
  /** Stops starting new units; running ones stop between steps. */
  readonly signal?: AbortSignal;
  /** Called once the units are planned, with their number. */
  readonly onStart?: (total: number) => void;
  /** Called after each unit. */
  readonly onUnit?: (event: UnitEvent) => void;
  /** Called with each unit's metric as it is recorded (and the last one of a skipped or resumed unit). */
  readonly onScore?: (event: ScoreEvent) => void;
}

/** Progress: a unit recorded its metric at a step. */
export interface ScoreEvent {
  readonly plan: UnitPlan;
  readonly step: number;
  readonly value: number;
}

/** Progress: a unit finished (or was skipped on resume). */
export interface UnitEvent {
  readonly plan: UnitPlan;
  readonly outcome: UnitOutcome;
  readonly done: number;
  readonly total: number;
}

/** What {@link runExperiment} did. */
export interface RunExperimentResult {
  readonly folder: string;
  readonly completed: number;
  readonly skipped: number;
  readonly total: number;
}

/**
 * Runs an experiment's units into a bench run folder: `bench.json`, and one run directory per unit
 * under `units/<method>/<task>/seed-<n>/`. Methods that need a model fail at once, before any work,
 * when none is given. After the first failed unit no new unit starts; finished units stay finished,
 * and the error says how to resume.
 */
export async function runExperiment(options: RunExperimentOptions): Promise<RunExperimentResult> {
  const experiment = findExperiment(options.experiment);
  const methods = selectMethods(experiment, options.methods);
  const size = options.size ?? 'paper';
  const steps = options.steps ?? experiment.defaultSteps[size];
  const concurrency = options.concurrency ?? 1;
  checkPositiveInteger('steps', steps);
  checkPositiveInteger('concurrency', concurrency);
  if (options.seeds !== undefined) checkPositiveInteger('seeds', options.seeds);
  const simulator = options.simulator ?? 'native';
  if (simulator !== 'native' && experiment.name !== 'traffic') {
    throw new BenchError(
      'INVALID_OPTIONS',
      `--simulator ${simulator} applies to the traffic experiment only, not to '${experiment.name}'.`,
    );
  }
  const needModel = methods.filter((method) => method.needs.includes('model'));
  if (needModel.length > 0 && options.model === undefined) {
    throw new BenchError(
      'NEEDS_MODEL',
      `${needModel.map((method) => method.name).join(', ')} need${needModel.length === 1 ? 's' : ''} a model and none is configured. ${options.missingModelHelp ?? 'Pass --model provider:model (e.g. openai:gpt-4o-mini) with the provider key set.'} Baselines run without one: --methods ${experiment.methods
        .filter((method) => method.kind === 'baseline')
        .map((method) => method.name)
        .join(',')}.`,
    );
  }
  const existing = await readBenchManifest(options.out);
  if (existing !== undefined && options.resume !== true) {
    throw new BenchError(
      'RUN_DIRECTORY',
      `${options.out} already holds a bench run (${existing.experiment}). Pass --resume to continue it, or choose another --out; nothing was changed.`,
    );
  }
  if (existing !== undefined && existing.experiment !== experiment.name) {
    throw new BenchError(
      'RUN_DIRECTORY',
      `${options.out} holds a run of '${existing.experiment}', not '${experiment.name}'; --resume continues a run of the same experiment. Choose another --out.`,
    );
  }
  if (existing !== undefined && (existing.simulator ?? 'native') !== simulator) {
    throw new BenchError(
      'RUN_DIRECTORY',
      `${options.out} holds a run made with the ${existing.simulator ?? 'native'} simulator; resume it with --simulator ${existing.simulator ?? 'native'} or choose another --out.`,
    );
  }
  await writeBenchManifest(options.out, {
    format: 'trace-bench-run',
    formatVersion: 1,
    experiment: experiment.name,
    size,
    methods: unique([...(existing?.methods ?? []), ...methods.map((method) => method.name)]),
    steps,
    ...(options.seeds === undefined ? {} : { seeds: options.seeds }),
    ...(options.modelLabel === undefined ? {} : { model: options.modelLabel }),
    modelKind: options.modelKind ?? (options.model === undefined ? 'none' : 'real'),
    ...(simulator === 'native' ? {} : { simulator }),
    createdAt: existing?.createdAt ?? new Date().toISOString(),
  });
  const plans = methods.flatMap((method) => experiment.units(method.name, size, options.seeds));
  options.onStart?.(plans.length);
  let next = 0;
  let done = 0;
  let completed = 0;
  let skipped = 0;
  let failure: unknown;
  const worker = async (): Promise<void> => {
    while (failure === undefined && options.signal?.aborted !== true && next < plans.length) {
      const plan = plans[next]!;
      next += 1;
      try {
        const outcome = await runBenchUnit({
          folder: options.out,
          experiment,
          plan,
          steps,
          size,
          simulator,
          ...(options.model === undefined ? {} : { model: options.model }),
          ...(options.modelLabel === undefined ? {} : { modelLabel: options.modelLabel }),
          ...(options.signal === undefined ? {} : { signal: options.signal }),
          ...(options.onScore === undefined
            ? {}
            : {
                onScore: (step: number, value: number) => options.onScore?.({ plan, step, value }),
              }),
        });
        done += 1;
        if (outcome === 'completed') completed += 1;
        else skipped += 1;
        options.onUnit?.({ plan, outcome, done, total: plans.length });
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, plans.length) }, worker));
  if (failure !== undefined) throw failure;
  options.signal?.throwIfAborted();
  return { folder: options.out, completed, skipped, total: plans.length };
}

function checkPositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new BenchError(
      'INVALID_OPTIONS',
      `--${name} must be a positive integer; got ${String(value)}.`,
    );
  }
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
