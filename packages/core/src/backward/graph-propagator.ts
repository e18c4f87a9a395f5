import type { Node } from '../graph/node.js';
import type { BackwardSession } from './backward-session.js';
import type { Propagator } from './propagator.js';
import { TraceGraph } from './trace-graph.js';

/**
 * The minimal-subgraph propagator (default): each parameter reached receives a `TraceGraph` holding the
 * subgraph that connects it to the output, its blanket, and the user's feedback. Messages are constant
 * size (a reference to the pass), so backward is linear in the graph's size; trace graphs compute their
 * node lists when first read.
 */
export class GraphPropagator implements Propagator<TraceGraph> {
  readonly name = 'GraphPropagator';
  readonly recordsVisitedNodes = true;
  readonly repeatsAreIgnored = true;
  /**
   * The graph every node of a pass sends on: one object per pass, so nodes waiting for their turn
   * hold nothing of their own. Weak, so that a finished pass is not kept by the propagator.
   */
  readonly #sent = new WeakMap<BackwardSession, TraceGraph>();

  initialize(output: Node, _feedback: unknown, session: BackwardSession): TraceGraph {
    const sent = new TraceGraph(session, [output]);
    this.#sent.set(session, sent);
    return sent;
  }

  propagate(node: Node, received: readonly TraceGraph[], session: BackwardSession): TraceGraph[] {
    const sent = this.#sent.get(session) ?? received[received.length - 1]!;
    return new Array<TraceGraph>(node._arity).fill(sent);
  }

  accumulate(node: Node, received: TraceGraph[], message: TraceGraph): void {
    // One graph per pass: a node reached along several paths hears the same pass several times.
    if (received[received.length - 1]?.session === message.session) return;
    received.push(
      message.anchors.length === 1 && message.anchors[0] === node
        ? message
        : new TraceGraph(message.session, [node]),
    );
  }
}
