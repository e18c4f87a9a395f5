import {
  isExceptionNode,
  isMessageNode,
  type MessageNode,
  type Node,
  type TraceGraph,
} from '@trace/core';
import { assignLabels } from '@trace/optimizer-kit';

/** The nodes of a minibatch of trace graphs, sorted into the report's roles. */
export interface ClassifiedNodes {
  /** Every node, in execution order, with the unique label the report uses for it. */
  readonly labels: ReadonlyMap<Node, string>;
  /** The optimizer's parameters present in the graphs, in execution order. */
  readonly variables: readonly Node[];
  /** Operator calls between the parameters and the outputs, in execution order (the code lines). */
  readonly calls: readonly MessageNode[];
  /** Values the calls read but neither compute nor may change. */
  readonly inputs: readonly Node[];
  /** Values computed by the calls that are not outputs. */
  readonly others: readonly Node[];
  /** The outputs that received feedback, in the order of the backward passes. */
  readonly outputs: readonly Node[];
}

/**
 * Sorts the nodes of `graphs` (one per backward pass, as `TraceGraph.union` returns them): the
 * parameters are variables; operator calls on a path from a parameter to an output are code lines
 * (others, or outputs); everything else the calls read (constants, inputs, values computed outside
 * the subgraph, parameters of other optimizers) is an input. All of `parameters` are labelled
 * first, in their order, so their labels stay the same whatever the graphs hold: an optimizer's
 * parameters keep their labels for its lifetime.
 */
export function classifyNodes(
  graphs: readonly TraceGraph[],
  parameters: ReadonlySet<Node>,
): ClassifiedNodes {
  const nodes = mergeInExecutionOrder(graphs);
  const outputs = [...new Set(graphs.map((graph) => graph.output))];
  const outputSet = new Set(outputs);
  const variables: Node[] = [];
  const calls: MessageNode[] = [];
  const inputs: Node[] = [];
  const others: Node[] = [];
  for (const node of nodes) {
    if (parameters.has(node)) {
      variables.push(node);
      continue;
    }
    const onPath = isMessageNode(node) && graphs.some((graph) => graph.isOnPath(node));
    if (onPath) {
      calls.push(node);
      if (!outputSet.has(node)) others.push(node);
    } else if (!outputSet.has(node)) {
      inputs.push(node);
    }
  }
  // Every parameter is labelled first, in the optimizer's order, whether or not it is in these
  // graphs: a parameter's label then never depends on which parameters received feedback.
  const labels = assignLabels([...parameters, ...nodes]);
  return { labels, variables, calls, inputs, others, outputs };
}

/** The name of the operator a call ran: an exception node's operator name without its prefix. */
export function calledOperatorName(call: MessageNode): string {
  const name = call.operator.name;
  return isExceptionNode(call) && name.startsWith('exception_')
    ? name.slice('exception_'.length)
    : name;
}

function mergeInExecutionOrder(graphs: readonly TraceGraph[]): readonly Node[] {
  if (graphs.length === 1) return graphs[0]!.nodes;
  const all = new Set<Node>();
  for (const graph of graphs) for (const node of graph.nodes) all.add(node);
  return [...all].sort((a, b) => a.id - b.id);
}
