import type { Node, TraceGraph } from '@trace/core';
import { assignLabels, feedbackText } from '@trace/optimizer-kit';

/**
 * The order of TextGrad's backward walk over the trace graphs its parameters received: which nodes
 * take part, which of their inputs get a gradient, and the levels that run one after the other.
 */
export interface BackwardPlan {
  /** A label per node shown in prompts (the optimizer's parameters first, so their labels are stable). */
  readonly labels: ReadonlyMap<Node, string>;
  /**
   * The nodes on a path from a parameter to an output, by backward level: level 0 holds the outputs
   * that lead to no other node on a path; a node's level is one more than the deepest node computed
   * from it. Within a level, nodes are in creation order.
   */
  readonly levels: readonly (readonly Node[])[];
  /**
   * The inputs of each node that get a gradient: its distinct inputs that lead to a parameter, in
   * argument order. Parameters and nodes whose inputs lead to no parameter have none.
   */
  readonly gradientInputs: ReadonlyMap<Node, readonly Node[]>;
  /** The user's feedback on each output, as text, one entry per backward pass. */
  readonly feedback: ReadonlyMap<Node, readonly string[]>;
  /** The optimizer's parameters that are on a path, in the optimizer's order. */
  readonly parameters: readonly Node[];
}

/**
 * Plans the backward walk over `graphs` (one per backward pass, as `gatherTraceGraphs` returns them)
 * for `parameters`. A node shared by several passes takes part once and collects the gradients of
 * all of them. Linear in the size of the graphs.
 */
export function planBackward(
  graphs: readonly TraceGraph[],
  parameters: readonly Node[],
): BackwardPlan {
  const onPath = new Set<Node>();
  const shown = new Set<Node>();
  const feedback = new Map<Node, string[]>();
  for (const graph of graphs) {
    for (const node of graph.nodes) {
      shown.add(node);
      if (graph.isOnPath(node)) onPath.add(node);
    }
    const output = graph.output;
    if (!onPath.has(output)) continue;
    const texts = feedback.get(output) ?? [];
    texts.push(feedbackText(graph.userFeedback));
    feedback.set(output, texts);
  }
  // Node ids follow creation order, so every node comes after its inputs: walking ids downward,
  // a node's depth is final before its inputs are reached.
  const ordered = [...onPath].sort((a, b) => b.id - a.id);
  const depth = new Map<Node, number>();
  const gradientInputs = new Map<Node, Node[]>();
  let deepest = -1;
  for (const node of ordered) {
    const own = depth.get(node) ?? 0;
    depth.set(node, own);
    if (own > deepest) deepest = own;
    const inputs = node.parents.filter((input) => onPath.has(input));
    if (inputs.length > 0) gradientInputs.set(node, inputs);
    for (const input of inputs) {
      if ((depth.get(input) ?? -1) < own + 1) depth.set(input, own + 1);
    }
  }
  const levels: Node[][] = Array.from({ length: deepest + 1 }, () => []);
  for (let index = ordered.length - 1; index >= 0; index -= 1) {
    const node = ordered[index]!;
    levels[depth.get(node)!]!.push(node);
  }
  const labels = assignLabels([...parameters, ...[...shown].sort((a, b) => a.id - b.id)]);
  return {
    labels,
    levels,
    gradientInputs,
    feedback,
    parameters: parameters.filter((parameter) => onPath.has(parameter)),
  };
}
