import type { ProposingOptimizer } from '@trace/core';
import type { ParameterValue } from '../run-directory/schemas.js';

/** A point of the search space: parameter values and the optimizer's state that goes with them. */
export interface SearchState {
  readonly parameters: ParameterValue[];
  readonly optimizerState: unknown;
}

/** What a search may do inside one training step. */
export interface SearchContext {
  /** The optimizer; a search proposes, applies and moves it between states. */
  readonly optimizer: ProposingOptimizer;
  /**
   * Runs the step's batch with the current parameters and sends each output its feedback (after
   * clearing the old feedback); returns the batch's mean score. The trainer has already done this
   * once for the current parameters when the search starts.
   */
  forwardBackward(): Promise<number>;
  /**
   * Scores the current parameters (higher is better): on the validation set when the run has one,
   * else on the step's batch. With `sampleSize`, on that many examples drawn from it (a minibatch).
   */
  score(sampleSize?: number): Promise<number>;
  /** The current parameters and optimizer state. */
  capture(): SearchState;
  /** Returns to a captured state (parameters and optimizer state). */
  restore(state: SearchState): void;
  /** The run's seeded generator: use it for any random choice, so resumed runs choose the same. */
  random(): number;
  /** The run's abort signal. */
  readonly signal?: AbortSignal;
}

/** One proposal a search considered, for the step's event. */
export interface ConsideredProposal {
  readonly record: unknown;
  readonly score?: number | null;
  readonly accepted: boolean;
  readonly reason?: string;
}

/** What a search did in one step. It leaves the optimizer in the state it chose. */
export interface SearchStepResult {
  readonly proposals: readonly ConsideredProposal[];
  /** False when it kept the parameters as they were. */
  readonly applied: boolean;
}

/**
 * A search over proposals of a `ProposingOptimizer`, run once per training step in place of
 * `optimizer.step()`. `exportState`/`loadState` carry what it keeps between steps (a candidate pool)
 * into checkpoints.
 */
export interface Search {
  /** Name shown in the manifest, e.g. `best-of-4`. */
  readonly name: string;
  step(context: SearchContext): Promise<SearchStepResult>;
  exportState?(): unknown;
  loadState?(state: unknown): void;
}
