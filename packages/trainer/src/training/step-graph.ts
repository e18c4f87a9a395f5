import { type Node, toCollapsedDot, toDot } from '@trace/core';
import { TrainerError } from '../errors.js';

/** Limits of the trace graph a step event records (`recordGraph` of `train()`). */
export interface StepGraphOptions {
  /** Above this many nodes the graph is recorded collapsed (default 500). */
  readonly maxNodes?: number;
  /** Above this many characters of DOT the graph is recorded collapsed (default 100,000). */
  readonly maxChars?: number;
  /** Longest value preview in a label (default 40 characters). */
  readonly valueLimit?: number;
}

/** The trace graph a step event carries: what the optimizer saw, as Graphviz DOT text. */
export type StepGraph = {
  /** DOT text (core's `toDot` styling: parameters are light-blue rounded boxes). */
  readonly dot: string;
  /** Nodes in the traced graph (all of them, also when the DOT is collapsed). */
  readonly nodes: number;
  /** True when `dot` is the collapsed form (parameters, what they received, outputs). */
  readonly collapsed: boolean;
  /** The DOT ids of the parameter nodes (`n<node id>`), so a viewer can highlight them. */
  readonly parameterIds: string[];
};

const defaults = { maxNodes: 500, maxChars: 100_000, valueLimit: 40 };
/** Parameters and outputs drawn in a collapsed graph; the others are counted in one line. */
const collapsedShown = 50;

function limit(name: string, value: number | undefined, fallback: number): number {
  const result = value ?? fallback;
  if (!Number.isInteger(result) || result < 1) {
    throw new TrainerError(
      'INVALID_OPTIONS',
      `recordGraph.${name} must be a whole number >= 1; got ${String(value)}.`,
    );
  }
  return result;
}

/** Checks `recordGraph` limits early (before a run starts) and fills in the defaults. */
export function stepGraphLimits(options: StepGraphOptions = {}): Required<StepGraphOptions> {
  return {
    maxNodes: limit('maxNodes', options.maxNodes, defaults.maxNodes),
    maxChars: limit('maxChars', options.maxChars, defaults.maxChars),
    valueLimit: limit('valueLimit', options.valueLimit, defaults.valueLimit),
  };
}

/**
 * The trace graph of a step: the graphs of the outputs the trainer sent feedback to (one per
 * example of the batch, merged), as core's `toDot` draws them, taken after backward and before the
 * update (the values the optimizer saw). Above `maxNodes` nodes or `maxChars` characters of DOT it is
 * collapsed to the parameters (each with its value and what it received in backward), one node
 * counting the operations and inputs in between, and the outputs; at most 50 parameters and 50
 * outputs are drawn, the rest counted, and names are cut at 80 characters.
 */
export function stepGraph(outputs: readonly Node[], options: StepGraphOptions = {}): StepGraph {
  const { maxNodes, maxChars, valueLimit } = stepGraphLimits(options);
  const distinct = [...new Set(outputs)];
  const collapsed = toCollapsedDot(distinct, {
    valueLimit,
    maxShown: collapsedShown,
    nameLimit: 80,
  });
  const parameterIds = collapsed.parameters.map((parameter) => `n${parameter.id}`);
  if (collapsed.nodes <= maxNodes) {
    const dot = toDot(distinct, { valueLimit });
    if (dot.length <= maxChars)
      return { dot, nodes: collapsed.nodes, collapsed: false, parameterIds };
  }
  return {
    dot: collapsed.dot,
    nodes: collapsed.nodes,
    collapsed: true,
    parameterIds: parameterIds.slice(0, collapsedShown),
  };
}
