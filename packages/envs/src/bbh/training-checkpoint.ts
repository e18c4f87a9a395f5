import type { Module } from '@trace/core';
import { BbhError } from './bbh-error.js';

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

/**
 * The training state of `trainBbhWorkflow` once `step` steps are finished (0: after the initial
 * validation): JSON-serialisable when the parameters' values are. Parameter values are keyed by the
 * names of `module.namedParameters()`. Pass it back as `resumeFrom` to continue with step `step + 1`;
 * the optimizer's own state (e.g. OptoPrime's memory) is not in it: save and restore that yourself.
 */
export interface BbhTrainingCheckpoint {
  /** Steps finished: 0 after the initial validation, then one per training example. */
  readonly step: number;
  /** Validation examples (indices) the parameters in effect fail on (their code raised), ascending. */
  readonly failing: readonly number[];
  /** The parameters in effect after step `step` (after any roll-back), by parameter name. */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** The parameters with the best validation accuracy so far, by parameter name. */
  readonly best: Readonly<Record<string, unknown>>;
  /** Validation accuracy of `best`, in [0, 1]. */
  readonly bestAccuracy: number;
  /** Validation accuracy of the initial parameters, in [0, 1]. */
  readonly initialValidationAccuracy: number;
  /** The records of the finished steps (`steps.length === step`). */
  readonly steps: readonly BbhTrainingStep[];
}

/** The module's parameter values by name (own properties, so any name is safe as a key). */
export function parameterValues(module: Module): Record<string, unknown> {
  return Object.fromEntries(
    [...module.namedParameters()].map(([name, parameter]) => [name, parameter.data]),
  );
}

/** Sets the module's parameters to `values` (by name). */
export function setParameterValues(
  module: Module,
  values: Readonly<Record<string, unknown>>,
): void {
  for (const [name, parameter] of module.namedParameters()) {
    if (Object.hasOwn(values, name)) parameter.data = values[name];
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isAccuracy = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;

/** A name quoted with anything outside printable ASCII escaped (no bidi tricks in messages). */
const quote = (name: string): string =>
  JSON.stringify(name).replace(
    /[^\x20-\x7e]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

function invalid(detail: string): BbhError {
  return new BbhError(
    'INVALID_OPTIONS',
    `resumeFrom is not a checkpoint of this training: ${detail} Pass a checkpoint given to onCheckpoint by a run with the same workflow, train and validation examples, or start without resumeFrom.`,
  );
}

function checkValues(
  field: string,
  values: unknown,
  names: ReadonlySet<string>,
): asserts values is Record<string, unknown> {
  if (!isRecord(values)) throw invalid(`${field} must be an object of parameter values by name.`);
  for (const name of Object.keys(values)) {
    if (!names.has(name)) {
      throw invalid(
        `${field} names parameter ${quote(name)}, which the workflow does not have (it has ${[...names].map(quote).join(', ')}).`,
      );
    }
  }
  for (const name of names) {
    if (!Object.hasOwn(values, name)) {
      throw invalid(`${field} has no value for parameter ${quote(name)}.`);
    }
  }
}

/**
 * Checks that `checkpoint` can continue a training of `module` over `trainSize` training and
 * `validationSize` validation examples; throws a `BbhError` `INVALID_OPTIONS` saying what is wrong.
 */
export function checkBbhTrainingCheckpoint(
  checkpoint: unknown,
  module: Module,
  trainSize: number,
  validationSize: number,
): asserts checkpoint is BbhTrainingCheckpoint {
  if (!isRecord(checkpoint)) throw invalid('it must be an object.');
  const { step, failing, steps } = checkpoint;
  if (typeof step !== 'number' || !Number.isInteger(step) || step < 0 || step > trainSize) {
    throw invalid(
      `step must be an integer from 0 to ${trainSize} (the training examples); got ${String(step)}.`,
    );
  }
  if (
    !Array.isArray(failing) ||
    failing.some(
      (index, at) =>
        typeof index !== 'number' ||
        !Number.isInteger(index) ||
        index < 0 ||
        index >= validationSize ||
        (at > 0 && index <= (failing[at - 1] as number)),
    )
  ) {
    throw invalid(
      `failing must list validation example indices (0 to ${validationSize - 1}) in ascending order, each once.`,
    );
  }
  if (
    !Array.isArray(steps) ||
    steps.length !== step ||
    steps.some((record, at) => !isRecord(record) || record.step !== at + 1)
  ) {
    throw invalid(`steps must hold the records of steps 1 to ${step}, in order.`);
  }
  const names = new Set([...module.namedParameters()].map(([name]) => name));
  checkValues('parameters', checkpoint.parameters, names);
  checkValues('best', checkpoint.best, names);
  for (const field of ['bestAccuracy', 'initialValidationAccuracy'] as const) {
    if (!isAccuracy(checkpoint[field])) {
      throw invalid(`${field} must be a number from 0 to 1; got ${String(checkpoint[field])}.`);
    }
  }
}
