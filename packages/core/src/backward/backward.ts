import { TraceError } from '../errors/trace-error.js';
import type { Node } from '../graph/node.js';
import type { BackwardOptions, BackwardResult } from './backward-options.js';
import { BackwardSession } from './backward-session.js';
import { GraphPropagator } from './graph-propagator.js';
import { inputsLastOrder } from './inputs-last-order.js';
import type { Propagator } from './propagator.js';
import { relayGraph } from './relay-graph.js';
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
  if (!retainGraph && isDefaultGraphPropagator(propagator)) {
    const { parameters, visitedCount } = relayGraph(output, feedback, propagator, session);
    return { session, parameters, visitedCount };
  }
  const recordVisited = propagator.recordsVisitedNodes === true;
  // Creation order is also an order where inputs come first; walking it backwards reads the nodes
  // in the order they sit in memory, which matters on graphs with far-reaching edges.
  const order = sortByCreation(inputsLastOrder(output, session.id));
  for (let slot = 0; slot < order.length; slot += 1) order[slot]!._scratch = slot;
  // Messages wait here, by slot, until their node's turn, instead of on the nodes: a message stored on
  // a node created long before would be an old-to-young pointer that every young collection must
  // scan until the node is reached (seconds on a million-node graph with far-reaching edges).
  const inbox = new Array<unknown>(order.length);
  const parameters: Node[] = [];
  let visitedCount = 0;
  const dropRepeats = propagator.repeatsAreIgnored === true;
  post(inbox, output._scratch, propagator.initialize(output, feedback, session), dropRepeats);
  for (let slot = order.length - 1; slot >= 0; slot -= 1) {
    const pending = inbox[slot];
    if (pending === undefined) continue; // no message arrived: nothing to pass on
    inbox[slot] = undefined;
    const node = order[slot]!;
    visitedCount += 1;
    if (recordVisited) session._visited.push(node);
    const arity = node._arity;
    // Only parameters accumulate across passes (until zeroFeedback); the others hold one pass's messages.
    const keeps = node.trainable && arity === 0;
    let received: unknown[] = [];
    if (keeps) {
      node._feedback ??= [];
      received = node._feedback;
    }
    if (pending instanceof PendingMessages) {
      for (const message of pending.messages) receive(propagator, node, received, message);
    } else receive(propagator, node, received, pending);
    node._feedback = keeps || retainGraph ? received : undefined;
    if (arity === 0) {
      if (node.trainable) parameters.push(node);
      continue;
    }
    const messages = propagator.propagate(node, received, session);
    if (messages.length !== arity) {
      throw new TraceError(
        'BACKWARD',
        `${propagator.name} returned ${messages.length} messages for node '${node.name}', which has ${arity} inputs. A propagator must return one message (or undefined) per input.`,
      );
    }
    for (let position = 0; position < arity; position += 1) {
      const message = messages[position];
      if (message !== undefined)
        post(inbox, node._inputAt(position)._scratch, message, dropRepeats);
    }
  }
  return { session, parameters, visitedCount };
}

const defaultPropagator = new GraphPropagator();

/** A `GraphPropagator` itself (not a subclass that may change what nodes send). */
function isDefaultGraphPropagator(propagator: Propagator<unknown>): propagator is GraphPropagator {
  return Object.getPrototypeOf(propagator) === GraphPropagator.prototype;
}

/** Several messages waiting for one node (a class, so that a message that is an array stays one). */
class PendingMessages {
  constructor(readonly messages: unknown[]) {}
}

function post(inbox: unknown[], slot: number, message: unknown, dropRepeats: boolean): void {
  const pending = inbox[slot];
  if (pending === undefined) inbox[slot] = message;
  else if (dropRepeats && pending === message) return;
  else if (pending instanceof PendingMessages) pending.messages.push(message);
  else inbox[slot] = new PendingMessages([pending, message]);
}

function receive(
  propagator: Propagator<unknown>,
  node: Node,
  received: unknown[],
  message: unknown,
) {
  if (propagator.accumulate) propagator.accumulate(node, received, message);
  else received.push(message);
}
