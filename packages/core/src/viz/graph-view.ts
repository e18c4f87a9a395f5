import { TraceGraph } from '../backward/trace-graph.js';
import { isExceptionNode } from '../graph/exception-node.js';
import { MessageNode } from '../graph/message-node.js';
import type { Node } from '../graph/node.js';

/** How a node is drawn. */
export type NodeRole = 'parameter' | 'exception' | 'output' | 'operation' | 'input';

/** A graph ready to draw: nodes in execution order and labelled edges. */
export interface GraphView {
  readonly nodes: readonly { readonly node: Node; readonly role: NodeRole }[];
  readonly edges: readonly { readonly from: Node; readonly to: Node; readonly label: string }[];
}

/**
 * Collects what to draw for a node (it and all its ancestors), for several outputs (their graphs
 * merged, each node once) or for a trace graph.
 */
export function graphView(target: Node | readonly Node[] | TraceGraph): GraphView {
  const outputs = target instanceof TraceGraph ? [target.output] : outputList(target);
  const nodes = target instanceof TraceGraph ? target.nodes : graphNodes(outputs);
  const outputSet = new Set(outputs);
  const included = new Set(nodes);
  const edges: { from: Node; to: Node; label: string }[] = [];
  for (const node of nodes) {
    if (!(node instanceof MessageNode)) continue;
    node._inputs.forEach((input, position) => {
      if (included.has(input))
        edges.push({ from: input, to: node, label: node._inputNames[position] ?? '' });
    });
  }
  return { nodes: nodes.map((node) => ({ node, role: roleOf(node, outputSet) })), edges };
}

/** The distinct outputs of a node-or-nodes argument, in the order given. */
export function outputList(outputs: Node | readonly Node[]): Node[] {
  return isNodeList(outputs) ? [...new Set(outputs)] : [outputs];
}

function isNodeList(outputs: Node | readonly Node[]): outputs is readonly Node[] {
  return Array.isArray(outputs);
}

function roleOf(node: Node, outputs: ReadonlySet<Node>): NodeRole {
  if (isExceptionNode(node)) return 'exception';
  if (node.trainable) return 'parameter';
  if (outputs.has(node)) return 'output';
  return node.isMessage ? 'operation' : 'input';
}

/** Every node the outputs were computed from, and the outputs, in creation (execution) order. */
export function graphNodes(outputs: readonly Node[]): Node[] {
  const seen = new Set<Node>(outputs);
  const stack = [...outputs];
  while (stack.length > 0) {
    for (const parent of stack.pop()!._inputs) {
      if (!seen.has(parent)) {
        seen.add(parent);
        stack.push(parent);
      }
    }
  }
  return [...seen].sort((a, b) => a.id - b.id);
}

/**
 * A short one-line preview of a value for labels: strings as they are, numbers, booleans and
 * undefined as themselves, objects as JSON (or their tag when they cannot be written), white space
 * folded, and cut to `limit` characters with an ellipsis (never in the middle of a surrogate pair).
 */
export function preview(value: unknown, limit = 40): string {
  let text: string;
  try {
    // Numbers, booleans and undefined print as themselves (JSON would turn NaN into null).
    text =
      typeof value === 'string'
        ? value
        : typeof value === 'object' && value !== null
          ? (JSON.stringify(value) ?? String(value))
          : String(value);
  } catch {
    // Circular, a BigInt inside, a throwing getter or toJSON; String() may throw too (no prototype).
    text = Object.prototype.toString.call(value);
  }
  text = text.replace(/\s+/g, ' ');
  if (text.length <= limit) return text;
  let end = limit - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
