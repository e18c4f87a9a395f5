import type { TraceGraph } from '../backward/trace-graph.js';
import type { Node } from '../graph/node.js';
import { dotLabel } from './dot-label.js';
import { graphView, type NodeRole, preview } from './graph-view.js';

const styles: Record<NodeRole, string> = {
  parameter: 'shape=box, style="rounded,filled", fillcolor="#cfe8ff"',
  exception: 'shape=octagon, style=filled, fillcolor="#ffd0d0"',
  output: 'shape=doubleoctagon, style=filled, fillcolor="#fff2b3"',
  operation: 'shape=ellipse',
  input: 'shape=box, style=dashed',
};

/**
 * Graphviz DOT text of a node's graph (the node and its ancestors), of several outputs' graph (each
 * node drawn once) or of a trace graph. Parameters, exceptions and the outputs are styled apart;
 * node ids are `n<node id>`.
 */
export function toDot(
  target: Node | readonly Node[] | TraceGraph,
  options: { valueLimit?: number } = {},
): string {
  const view = graphView(target);
  const lines = ['digraph trace {', '  rankdir=TB;', '  node [fontname="Helvetica", fontsize=10];'];
  for (const { node, role } of view.nodes) {
    const label = `${dotLabel(node.name)}\\n${dotLabel(preview(node._data, options.valueLimit))}`;
    lines.push(`  n${node.id} [label="${label}", ${styles[role]}];`);
  }
  for (const edge of view.edges) {
    lines.push(`  n${edge.from.id} -> n${edge.to.id} [label="${dotLabel(edge.label)}"];`);
  }
  lines.push('}');
  return lines.join('\n');
}
