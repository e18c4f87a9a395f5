import type { Node } from '../graph/node.js';
import type { BackwardSession } from './backward-session.js';
import type { GraphPropagator } from './graph-propagator.js';
import { sortByCreation } from './sort-by-creation.js';
import type { TraceGraph } from './trace-graph.js';

/** What a relayed pass found: the parameters it reached and how many nodes it visited. */
export interface RelayResult {
  readonly parameters: Node[];
  readonly visitedCount: number;
}

/**
 * A backward pass of the default `GraphPropagator` without `retainGraph`, which needs no per-node
 * messages: every node relays the pass's one graph to all of its inputs, so every ancestor of the
 * output is visited and only the parameters keep what they receive. The pass is therefore the output's
 * ancestors in decreasing creation order (what `session._visited` records), each parameter receiving
 * the graph as `GraphPropagator#accumulate` gives it, and every other node's messages released, exactly
 * as the general loop of `backward()` does, without allocating anything per node.
 *
 * Each node is read once, during the depth-first search that finds it (as `inputsLastOrder` does);
 * its id is recorded there, so sorting by creation reads no node again.
 */
export function relayGraph(
  output: Node,
  feedback: unknown,
  propagator: GraphPropagator,
  session: BackwardSession,
): RelayResult {
  const sent = propagator.initialize(output, feedback, session);
  const stamp = session.id;
  const found: Node[] = [];
  let ids = new Float64Array(1024);
  const parameters: Node[] = [];
  // The path being explored, and for each of its nodes the next input position to look at.
  const path: Node[] = [output];
  const nextInput: number[] = [0];
  output._stamp = stamp;
  let top = 0;
  while (top >= 0) {
    const node = path[top]!;
    const arity = node._arity;
    let position = nextInput[top]!;
    while (position < arity && node._inputAt(position)._stamp === stamp) position += 1;
    if (position < arity) {
      const input = node._inputAt(position);
      nextInput[top] = position + 1;
      input._stamp = stamp;
      top += 1;
      path[top] = input;
      nextInput[top] = 0;
      continue;
    }
    top -= 1;
    if (found.length === ids.length) {
      const grown = new Float64Array(ids.length * 2);
      grown.set(ids);
      ids = grown;
    }
    ids[found.length] = node.id;
    found.push(node);
    if (arity === 0 && node.trainable) parameters.push(node);
    else if (node._feedback !== undefined) node._feedback = undefined;
  }
  const order = sortByCreation(found, ids);
  const visited = session._visited;
  for (let slot = order.length - 1; slot >= 0; slot -= 1) visited.push(order[slot]!);
  // Parameters in the order the general loop reaches them: decreasing creation order.
  const reached = sortByCreation(parameters).reverse();
  for (const parameter of reached) {
    parameter._feedback ??= [];
    propagator.accumulate(parameter, parameter._feedback as TraceGraph[], sent);
  }
  return { parameters: reached, visitedCount: order.length };
}
