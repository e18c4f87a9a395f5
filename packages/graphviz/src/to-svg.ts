import { type Node, toCollapsedDot, toDot } from '@trace/core';
import { dotToSvg } from './graphviz-instance.js';

/** Options of {@link toSvg}. */
export interface ToSvgOptions {
  /** Longest value preview in a label (default 40 characters). */
  readonly valueLimit?: number;
  /**
   * Above this many nodes the graph is drawn collapsed, as core's `toCollapsedDot` draws it: the
   * parameters (with what they received), one node for everything in between, and the output
   * (default 500).
   */
  readonly maxNodes?: number;
}

/**
 * Renders a node's trace graph (the node and its ancestors) to SVG text, in Node.js, with Graphviz
 * compiled to WebAssembly. Parameters are highlighted as in core's `toDot`; a graph larger than
 * `maxNodes` is drawn collapsed (core's `toCollapsedDot`). Labels are escaped: names and values never become SVG markup.
 *
 * @example
 * import { node, ops } from '@trace/core';
 * import { toSvg } from '@trace/graphviz';
 *
 * const x = node(2, { name: 'x', trainable: true });
 * const svg = await toSvg(ops.multiply(x, 3));
 * console.log(svg.startsWith('<?xml') || svg.startsWith('<svg'));
 */
export async function toSvg(output: Node, options: ToSvgOptions = {}): Promise<string> {
  const maxNodes = options.maxNodes ?? 500;
  if (!(Number.isInteger(maxNodes) && maxNodes > 0)) {
    throw new RangeError(`maxNodes must be a positive integer, got ${String(maxNodes)}.`);
  }
  const valueLimit = options.valueLimit ?? 40;
  const collapsed = toCollapsedDot(output, { valueLimit });
  const dot = collapsed.nodes > maxNodes ? collapsed.dot : toDot(output, { valueLimit });
  return dotToSvg(dot);
}
