import { Node } from './node.js';
import type { OperatorInfo } from './operator-info.js';

/**
 * The output of a traced operator call: its value, its inputs by parameter name, and the operator's
 * description and source.
 */
export class MessageNode<T = unknown> extends Node<T> {
  /** The operator that produced this node. */
  declare readonly operator: OperatorInfo;
  /** @internal Names of `_inputs`, position by position. */
  declare readonly _inputNames: readonly string[];

  /** @internal Created by traced operators. */
  constructor(
    data: T,
    operator: OperatorInfo,
    inputs: readonly Node[],
    inputNames: readonly string[] = operator.inputNames,
    index?: number,
  ) {
    super(data, operator.name, inputs, false, undefined, undefined, index);
    this.operator = operator;
    this._inputNames = inputNames;
  }

  /** What the operator does (its description), shown to optimizers. */
  override get description(): string {
    return this.operator.description;
  }

  override get isMessage(): boolean {
    return true;
  }

  /** The inputs by the operator's parameter names (`{ a: x:0, b: y:0 }`). */
  get inputs(): Readonly<Record<string, Node>> {
    const inputs: Record<string, Node> = {};
    this._inputNames.forEach((name, position) => {
      inputs[name] = this._inputs[position]!;
    });
    return inputs;
  }

  /** Names of the inputs in argument order (aligned with the operator's parameters). */
  get inputNames(): readonly string[] {
    return this._inputNames;
  }
}

/** True when `value` is a MessageNode. */
export function isMessageNode(value: unknown): value is MessageNode {
  return value instanceof MessageNode;
}
