import type { Node } from '../graph/node.js';
import type { BackwardSession } from './backward-session.js';

/**
 * Decides what each node sends to its inputs during backward (the paper's Algorithm 1 calls it once per
 * node, in decreasing level). Implementations: `GraphPropagator` (the minimal-subgraph propagator),
 * `GradientPropagator` (derivatives), `SumPropagator` (adds numbers, concatenates text).
 */
export interface Propagator<M = unknown> {
  /** Name shown in records and errors. */
  readonly name: string;
  /** When true, the session keeps the list of nodes it visited (for trace graphs). */
  readonly recordsVisitedNodes?: boolean;
  /**
   * When true, a node that receives the same message object twice in one pass is treated as having
   * received it once (backward drops the repeat before queuing it). `GraphPropagator` sets it.
   */
  readonly repeatsAreIgnored?: boolean;
  /** The message the output receives from the user's feedback. */
  initialize(output: Node, feedback: unknown, session: BackwardSession): M;
  /**
   * The messages `node` sends, one per input position (`node.inputNodes`, which may list a node twice);
   * `undefined` sends nothing to that input.
   */
  propagate(
    node: Node,
    received: readonly M[],
    session: BackwardSession,
  ): readonly (M | undefined)[];
  /** Adds `message` to what `node` has received. Default: append. */
  accumulate?(node: Node, received: M[], message: M): void;
}
