import { TraceError } from '../errors/trace-error.js';
import type { Node } from '../graph/node.js';
import type { BackwardOptions, BackwardResult } from './backward-options.js';
import { BackwardSession } from './backward-session.js';
import { GraphPropagator } from './graph-propagator.js';
import { inputsLastOrder } from './inputs-last-order.js';
import type { Propagator } from './propagator.js';
import { sortByCreation } from './sort-by-creation.js';

/**
 * Sends `feedback` from `output` back through the graph (the paper's Algorithm 1): every node hears
 * from all of its children before it speaks to its inputs, and each node is visited once. Nodes are
 * visited in decreasing creation order (ids grow along every edge): the output's ancestors are found
 * depth-first, then radix-sorted by id (linear, no priority queue).
 *
 * Parameters keep what they receive until `zeroFeedback()`; calling backward several times (several
 * outputs, or the same one twice) adds up. Every other node, non-trainable roots included, releases
 * its messages once the pass has gone through it, unless `retainGraph` is set.
 */
export function backward(
  output: Node,
  feedback: unknown,
  options: BackwardOptions = {},
): BackwardResult {
  const propagator: Propagator<unknown> = options.propagator ?? defaultPropagator;
  const retainGraph = options.retainGraph ?? false;
  const session = new BackwardSession(output, feedback);
  const recordVisited = propagator.recordsVisitedNodes === true;
  // Stamps of this pass: `discovered` while ordering the ancestors, `reached` once a message arrived.
  const discovered = session.id * 2;
  const reached = discovered + 1;
  // Creation order is also an order where inputs come first; walking it backwards reads the nodes
  // in the order they sit in memory, which matters on graphs with far-reaching edges.
  const order = sortByCreation(inputsLastOrder(output, discovered));
  const parameters: Node[] = [];
  let visitedCount = 0;
  reach(output, reached);
  deliver(propagator, output, propagator.initialize(output, feedback, session));
  for (let index = order.length - 1; index >= 0; index -= 1) {
    const node = order[index]!;
    if (node._stamp !== reached) continue; // no message arrived: nothing to pass on
    visitedCount += 1;
    if (recordVisited) session._visited.push(node);
    const inputs = node._inputs;
    if (inputs.length === 0) {
      if (node.trainable) parameters.push(node);
      else if (!retainGraph) node._feedback = undefined;
      continue;
    }
    const messages = propagator.propagate(node, node._feedback ?? [], session);
    if (messages.length !== inputs.length) {
      throw new TraceError(
        'BACKWARD',
        `${propagator.name} returned ${messages.length} messages for node '${node.name}', which has ${inputs.length} inputs. A propagator must return one message (or undefined) per input.`,
      );
    }
    for (let position = 0; position < inputs.length; position += 1) {
      const message = messages[position];
      if (message === undefined) continue;
      const input = inputs[position]!;
      reach(input, reached);
      deliver(propagator, input, message);
    }
    if (!retainGraph) node._feedback = undefined;
  }
  return { session, parameters, visitedCount };
}

const defaultPropagator = new GraphPropagator();

/** Marks `node` as reached by this pass, first clearing what it kept from earlier passes. */
function reach(node: Node, reached: number): void {
  if (node._stamp === reached) return;
  node._stamp = reached;
  // Only parameters accumulate across passes (until zeroFeedback); the others held one pass's messages.
  if (!(node.trainable && node._inputs.length === 0)) node._feedback = undefined;
}

/** Reused for a node's first message, so that what a node keeps is an array of exactly its size. */
const firstMessages: unknown[] = [];

function deliver(propagator: Propagator<unknown>, node: Node, message: unknown): void {
  const received = node._feedback;
  if (received !== undefined) {
    if (propagator.accumulate) propagator.accumulate(node, received, message);
    else received.push(message);
    return;
  }
  // Most nodes hear once: a growable array would reserve room for 17 messages on every node.
  if (propagator.accumulate === undefined) {
    node._feedback = [message];
    return;
  }
  firstMessages.length = 0;
  propagator.accumulate(node, firstMessages, message);
  node._feedback = firstMessages.slice();
  firstMessages.length = 0;
}
