import { notDifferentiableError } from '../errors/not-differentiable-error.js';
import { TraceError } from '../errors/trace-error.js';
import { MessageNode } from '../graph/message-node.js';
import type { Node } from '../graph/node.js';
import type { Propagator } from './propagator.js';

/**
 * Reverse-mode differentiation: messages are derivatives. The output receives the feedback as
 * d loss / d output (use 1 when the output is the loss); each operator multiplies by its local
 * derivatives; a node used twice (`x + x`) receives one message per use. A parameter's messages sum to
 * d output / d parameter (see `gradientOf`).
 */
export class GradientPropagator implements Propagator<number> {
  readonly name = 'GradientPropagator';

  initialize(output: Node, feedback: unknown): number {
    if (typeof feedback !== 'number' || !Number.isFinite(feedback)) {
      throw new TraceError(
        'INVALID_ARGUMENT',
        `GradientPropagator needs numeric feedback (d loss / d '${output.name}'; use 1 when '${output.name}' is the loss), got ${JSON.stringify(feedback)}.`,
      );
    }
    return feedback;
  }

  propagate(node: Node, received: readonly number[]): readonly (number | undefined)[] {
    let upstream = 0;
    for (const message of received) upstream += message;
    if (!(node instanceof MessageNode)) return [];
    const operator = node.operator;
    if (operator.derivative === undefined) throw notDifferentiableError(operator.name, node.name);
    // The derivative sees the values without the code parameter, so its partials are indexed by value
    // position, which differs from the input position for every input after the code parameter (the
    // external inputs of a trainable operator).
    const inputs = node._inputs;
    const code = operator.codeParameter;
    const values: unknown[] = [];
    for (const input of inputs) if (input !== code) values.push(input._data);
    const partials = operator.derivative(values, node._data);
    const messages = new Array<number | undefined>(inputs.length);
    let valuePosition = 0;
    for (let position = 0; position < inputs.length; position += 1) {
      if (inputs[position] === code) continue;
      const partial = partials[valuePosition];
      valuePosition += 1;
      messages[position] = partial === undefined ? undefined : upstream * partial;
    }
    return messages;
  }
}

/** The gradient a parameter received: the sum of its numeric messages (0 when it received none). */
export function gradientOf(parameter: Node): number {
  let total = 0;
  for (const message of parameter.feedback) if (typeof message === 'number') total += message;
  return total;
}
