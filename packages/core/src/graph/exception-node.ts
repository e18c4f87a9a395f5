import { MessageNode } from './message-node.js';
import type { Node } from './node.js';
import type { OperatorInfo } from './operator-info.js';

/**
 * The output of an operator call that threw (paper appendix D). Its value is the error text written
 * for the optimizer (the failing line of the operator's source marked where possible); it can receive
 * feedback like any output, so optimizers learn from execution errors.
 */
export class ExceptionNode extends MessageNode<string> {
  /** The original error. */
  declare readonly error: unknown;

  /** @internal Created by traced operators when they fail. */
  constructor(
    text: string,
    error: unknown,
    operator: OperatorInfo,
    inputs: readonly Node[],
    inputNames?: readonly string[],
    index?: number,
  ) {
    super(text, { ...operator, name: `exception_${operator.name}` }, inputs, inputNames, index);
    this.error = error;
  }
}

/** True when `value` is an ExceptionNode. */
export function isExceptionNode(value: unknown): value is ExceptionNode {
  return value instanceof ExceptionNode;
}
