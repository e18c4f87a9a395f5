import type { Node } from '../graph/node.js';
import type { BackwardSession } from './backward-session.js';
import type { Propagator } from './propagator.js';

/** Options of `backward()`. */
export interface BackwardOptions {
  /** How messages are computed; default `GraphPropagator` (each parameter receives its trace graph). */
  readonly propagator?: Propagator<any>;
  /**
   * Keep the messages received by every node (for inspection and visualization). By default a node
   * releases them once the pass has gone through it, non-trainable roots included; parameters (trainable
   * nodes) always keep theirs until `zeroFeedback()`.
   */
  readonly retainGraph?: boolean;
}

/** What a backward pass did. */
export interface BackwardResult {
  /** The pass: its output, feedback and (for trace graphs) the nodes it visited. */
  readonly session: BackwardSession;
  /** Trainable nodes that received feedback, in the order they were reached. */
  readonly parameters: readonly Node[];
  /** How many nodes were visited. */
  readonly visitedCount: number;
}
