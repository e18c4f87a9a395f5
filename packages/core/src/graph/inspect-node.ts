import type { Node } from './node.js';

/** Node's own inspect hook (`util.inspect.custom`), without importing `node:util`. */
export const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

type Inspect = (value: unknown, options: object) => string;

/**
 * What `console.log(node)` and `util.inspect(node)` print: the class, the name, the value, and what an
 * optimizer sees (trainable, description, the operator and its inputs by name), never private fields.
 *
 * @example
 * console.log(ops.add(x, 1)); // MessageNode add:0 { data: 3, operator: 'add', inputs: { a: 'x:0', b: 'number:0' } }
 */
export function inspectNode(
  node: Node,
  depth: number,
  options: { depth?: number | null } & object,
  inspect: Inspect,
): string {
  const title = `${node.constructor.name} ${node.name}`;
  if (depth < 0) return `[${title}]`;
  const shown: Record<string, unknown> = { data: node._data };
  if (node.trainable) shown.trainable = true;
  const message = node as Partial<{ operator: { name: string }; _inputNames: readonly string[] }>;
  if (message.operator !== undefined && message._inputNames !== undefined) {
    shown.operator = message.operator.name; // its description is the operator's: not repeated

    const inputs: Record<string, string> = {};
    node._inputs.forEach((input, position) => {
      inputs[message._inputNames![position] ?? `arg${position}`] = input.name;
    });
    shown.inputs = inputs;
  } else if (node.description !== undefined) {
    shown.description = node.description;
  }
  if (node._feedback !== undefined && node._feedback.length > 0)
    shown.feedback = node._feedback.length;
  // `depth` is what is left of the caller's budget at this level: the fields get the same budget.
  return `${title} ${inspect(shown, { ...options, depth: options.depth == null ? options.depth : depth })}`;
}
