import type { Node } from './node.js';

/**
 * What `JSON.stringify(node)` writes: the node's name and value and what an optimizer sees of it,
 * never its private fields (the inputs appear by name, so a graph is not serialized recursively).
 */
export interface NodeJson {
  /** The node's name, `base:counter`. */
  readonly name: string;
  /** The value (serialized by JSON as usual; a node inside it is summarized the same way). */
  readonly data: unknown;
  /** Whether optimizers may change the value. */
  readonly trainable: boolean;
  /** What the value means, for nodes created with a description (operators' outputs omit it). */
  readonly description?: string;
  /** The constraint's text, when the node has one. */
  readonly constraint?: string;
  /** The operator that produced the node, for operator outputs. */
  readonly operator?: string;
  /** The operator's inputs by parameter name: the name of the node each received. */
  readonly inputs?: Readonly<Record<string, string>>;
}

/** The summary `Node#toJSON` returns (see `NodeJson`). */
export function nodeJson(node: Node): NodeJson {
  const message = node as Partial<{ operator: { name: string }; _inputNames: readonly string[] }>;
  if (message.operator !== undefined && message._inputNames !== undefined) {
    const inputNames = message._inputNames;
    // A null-prototype record: an input named `__proto__` stays an ordinary key.
    const inputs: Record<string, string> = Object.create(null);
    node._inputs.forEach((input, position) => {
      inputs[inputNames[position] ?? `arg${position}`] = input.name;
    });
    return {
      name: node.name,
      data: node._data,
      trainable: node.trainable,
      operator: message.operator.name,
      inputs,
    };
  }
  const summary: { -readonly [K in keyof NodeJson]: NodeJson[K] } = {
    name: node.name,
    data: node._data,
    trainable: node.trainable,
  };
  if (node.description !== undefined) summary.description = node.description;
  if (node.constraint !== undefined) summary.constraint = node.constraint.text;
  return summary;
}
