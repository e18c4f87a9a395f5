import type { TraceGraph } from '../backward/trace-graph.js';
import type { Node } from '../graph/node.js';
import { graphView, type NodeRole, preview } from './graph-view.js';

const styles: Record<NodeRole, string> = {
  parameter: 'shape=box, style="rounded,filled", fillcolor="#cfe8ff"',
  exception: 'shape=octagon, style=filled, fillcolor="#ffd0d0"',
  output: 'shape=doubleoctagon, style=filled, fillcolor="#fff2b3"',
  operation: 'shape=ellipse',
  input: 'shape=box, style=dashed',
};

/**
 * Graphviz DOT text of a node's graph (the node and its ancestors) or of a trace graph. Parameters,
 * exceptions and the output are styled apart.
 */
export function toDot(target: Node | TraceGraph, options: { valueLimit?: number } = {}): string {
  const view = graphView(target);
  const lines = ['digraph trace {', '  rankdir=TB;', '  node [fontname="Helvetica", fontsize=10];'];
  for (const { node, role } of view.nodes) {
    const label = `${escapeLabel(node.name)}\\n${escapeLabel(preview(node._data, options.valueLimit))}`;
    lines.push(`  n${node.id} [label="${label}", ${styles[role]}];`);
  }
  for (const edge of view.edges) {
    lines.push(`  n${edge.from.id} -> n${edge.to.id} [label="${escapeLabel(edge.label)}"];`);
  }
  lines.push('}');
  return lines.join('\n');
}

/**
 * Text safe inside a DOT double-quoted string: backslashes doubled (so `\\l`, `\\N`... stay text),
 * quotes escaped, line breaks written as `\\n`, other control characters dropped to a space.
 */
function escapeLabel(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r\n|[\n\r\u2028\u2029]/g, '\\n')
    .replace(/\p{Cc}/gu, ' ');
}
