import { isProposingOptimizer, type Node, type Optimizer } from '@trace/core';
import type { Checkpoint, ParameterValue } from '@trace/trainer';
import { BenchError } from '../bench-error.js';

/** What a unit saves after a finished step, so that a resume continues right after it. */
export interface UnitSave {
  /** The trainable nodes, in a fixed order (their values are saved). */
  readonly parameters: readonly Node[];
  /** The optimizer: its memory, history or moments are saved through `exportState()`. */
  readonly optimizer?: Optimizer;
  /** The unit's own state between steps, as plain JSON (e.g. the best score so far). */
  readonly state?: unknown;
}

/** Where a resumed unit continues: the last finished step and what was saved with it. */
export interface UnitResumePoint {
  /** The last finished step; the unit continues with `step + 1`. */
  readonly step: number;
  readonly parameters: readonly ParameterValue[];
  /** What the optimizer's `exportState()` returned (null when it has none). */
  readonly optimizerState: unknown;
  /** The unit's own state, as saved. */
  readonly state: unknown;
}

/** The field of a trainer checkpoint that holds bench's unit state (checkpoints are read loosely). */
export const benchCheckpointField = 'bench';

/** The resume point held by a trainer checkpoint written by a bench unit. */
export function resumePointOf(checkpoint: Checkpoint): UnitResumePoint {
  const bench = (checkpoint as Record<string, unknown>)[benchCheckpointField] as
    | { state?: unknown }
    | undefined;
  return {
    step: checkpoint.step,
    parameters: checkpoint.parameters,
    optimizerState: checkpoint.optimizer.state,
    state: bench?.state ?? null,
  };
}

/** A JSON copy of `value` (what JSON cannot hold becomes null), so a checkpoint reads back as written. */
export function jsonCopy(value: unknown): unknown {
  const text = JSON.stringify(value ?? null, (_key, inner: unknown) =>
    typeof inner === 'number' && !Number.isFinite(inner) ? null : inner,
  );
  return JSON.parse(text);
}

/**
 * Restores the parameters' values and the optimizer's state from `resume`, all or nothing, and
 * returns the unit's own saved state. Refuses a checkpoint of other parameters with a clear error.
 */
export function restoreUnit(
  resume: UnitResumePoint,
  parameters: readonly Node[],
  optimizer: Optimizer | undefined,
  where: string,
): unknown {
  const base = (name: string) => name.replace(/:\d+$/, '');
  const matches =
    resume.parameters.length === parameters.length &&
    resume.parameters.every((saved, index) => base(saved.name) === base(parameters[index]!.name));
  if (!matches) {
    throw new BenchError(
      'RUN_DIRECTORY',
      `The checkpoint of step ${resume.step} in ${where} holds the parameters ${resume.parameters.map((p) => p.name).join(', ')}, not ${parameters.map((p) => p.name).join(', ')}; it was written by another method. Remove that unit folder to run it again from its start.`,
    );
  }
  if (optimizer !== undefined && resume.optimizerState !== null) {
    if (!isProposingOptimizer(optimizer)) {
      throw new BenchError(
        'RUN_DIRECTORY',
        `The checkpoint in ${where} holds an optimizer state, but this optimizer cannot load one.`,
      );
    }
    optimizer.loadState(resume.optimizerState);
  }
  resume.parameters.forEach((saved, index) => {
    parameters[index]!.data = saved.value;
  });
  return resume.state;
}

/** The optimizer's state as JSON, or null when it keeps none a checkpoint can hold. */
export function optimizerStateOf(optimizer: Optimizer | undefined): unknown {
  return optimizer !== undefined && isProposingOptimizer(optimizer)
    ? jsonCopy(optimizer.exportState())
    : null;
}
