import type { Node } from '@trace/core';

/**
 * Gives each node a label that no other node shares. A node keeps its own label (`add0`) when it is
 * free; a later node with a taken label (nodes of two `scope()` runs, or `x10` from base `x` and from
 * base `x1`) gets `add0_2`, `add0_3`, ... Nodes are labelled in the order given, so list parameters
 * first to keep their names stable.
 *
 * @example
 * const labels = assignLabels([x, ...graph.nodes]);
 * labels.get(x); // 'x0'
 */
export function assignLabels(nodes: Iterable<Node>): Map<Node, string> {
  const labels = new Map<Node, string>();
  const taken = new Set<string>();
  const nextSuffix = new Map<string, number>();
  for (const node of nodes) {
    if (labels.has(node)) continue;
    let label = node.label;
    if (taken.has(label)) {
      let counter = nextSuffix.get(node.label) ?? 2;
      while (taken.has(`${node.label}_${counter}`)) counter += 1;
      nextSuffix.set(node.label, counter + 1);
      label = `${node.label}_${counter}`;
    }
    taken.add(label);
    labels.set(node, label);
  }
  return labels;
}
