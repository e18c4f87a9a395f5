import type { Node } from '../graph/node.js';
import type { Propagator } from './propagator.js';

/**
 * The simplest propagator: a node passes on the sum of the numbers it received, or, when any message
 * is text, the distinct messages joined by new lines. Useful as a baseline and for scalar rewards.
 */
export class SumPropagator implements Propagator<number | string> {
  readonly name = 'SumPropagator';

  initialize(_output: Node, feedback: unknown): number | string {
    return typeof feedback === 'number' ? feedback : String(feedback);
  }

  propagate(node: Node, received: readonly (number | string)[]): readonly (number | string)[] {
    const combined = combine(received);
    return new Array<number | string>(node._arity).fill(combined);
  }
}

/** Sums numbers, or joins distinct texts (numbers included as text) with new lines. */
export function combine(messages: readonly (number | string)[]): number | string {
  if (messages.every((message) => typeof message === 'number')) {
    return (messages as number[]).reduce((total, message) => total + message, 0);
  }
  return [...new Set(messages.map(String))].join('\n');
}
