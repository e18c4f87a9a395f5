import type { Node } from '../graph/node.js';
import type { Optimizer } from './optimizer.js';

/** Options of {@link ProposingOptimizer.propose}. */
export interface ProposeOptions {
  /** Stops a proposal that waits on a model; the optimizer's state and parameters stay as they were. */
  readonly signal?: AbortSignal;
}

/**
 * An update an optimizer computed from the feedback its parameters hold, not yet applied.
 *
 * A proposal is a value: making one changes no parameter and no optimizer state (memory, history,
 * moments, step count). `apply` installs exactly what it carries, so a search can ask for several,
 * try each (restoring parameters between tries) and apply the one it prefers.
 */
export interface Proposal<Record = unknown> {
  /** The optimizer that made it, e.g. `optoprime`, `adam`. */
  readonly optimizer: string;
  /** The step number it would become when applied (from 1). */
  readonly step: number;
  /** The proposed new values, by parameter. Parameters not listed keep their values. */
  readonly values: ReadonlyMap<Node, unknown>;
  /** The step record that `apply` will emit and return (what was asked, what came back, what changes). */
  readonly record: Record;
  /** Optimizer-private state that `apply` commits (a memory entry, new moments). Treat as opaque. */
  readonly state: unknown;
}

/**
 * An optimizer that can propose an update without applying it, and apply a chosen one. Every
 * optimizer of this project implements it (OptoPrime, OPRO, TextGrad, SGD, Adam); `step()` is
 * `apply(await propose())`. `exportState()`/`loadState()` carry what a checkpoint needs besides the
 * parameter values (memory, history, moments, step count) as plain JSON.
 *
 * @example
 * const candidates = [await optimizer.propose(), await optimizer.propose()];
 * const best = await pickBest(candidates); // e.g. by validation score
 * await optimizer.apply(best);
 */
export interface ProposingOptimizer<StepRecord = unknown> extends Optimizer<StepRecord> {
  /** Computes an update from the feedback the parameters hold; changes nothing. */
  propose(options?: ProposeOptions): Promise<Proposal<StepRecord>>;
  /** Applies `proposal` all or nothing, commits its optimizer state, emits and returns its record. */
  apply(proposal: Proposal<StepRecord>): Promise<StepRecord>;
  /** The optimizer's own state as plain JSON (parameter values are saved separately). */
  exportState(): unknown;
  /** Restores what `exportState` returned; throws a clear error on a foreign or corrupt state. */
  loadState(state: unknown): void;
}

/** Whether `optimizer` implements {@link ProposingOptimizer}. */
export function isProposingOptimizer<StepRecord>(
  optimizer: Optimizer<StepRecord>,
): optimizer is ProposingOptimizer<StepRecord> {
  const candidate = optimizer as Partial<ProposingOptimizer<StepRecord>>;
  return (
    typeof candidate.propose === 'function' &&
    typeof candidate.apply === 'function' &&
    typeof candidate.exportState === 'function' &&
    typeof candidate.loadState === 'function'
  );
}
