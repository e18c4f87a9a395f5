import { type Node, TraceGraph } from '@trace/core';
import { stringifyJsonSafe } from './json-safe.js';

/**
 * The trace graphs `parameters` received from backward passes (messages of other propagators are
 * ignored), merged into one graph per pass, in pass order: the minibatch an LLM optimizer renders.
 */
export function gatherTraceGraphs(parameters: Iterable<Node>): TraceGraph[] {
  const graphs: TraceGraph[] = [];
  for (const parameter of parameters) {
    for (const message of parameter.feedback) {
      if (message instanceof TraceGraph) graphs.push(message);
    }
  }
  return graphs.length === 0 ? [] : TraceGraph.union(graphs);
}

/** Feedback as text: strings as they are, anything else (scores, objects) as JSON. */
export function feedbackText(feedback: unknown): string {
  if (typeof feedback === 'string') return feedback;
  if (typeof feedback === 'number' || typeof feedback === 'boolean') return String(feedback);
  return stringifyJsonSafe(feedback);
}
