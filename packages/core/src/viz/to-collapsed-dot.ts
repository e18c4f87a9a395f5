import { TraceGraph } from '../backward/trace-graph.js';
import { TraceError } from '../errors/trace-error.js';
import type { Node } from '../graph/node.js';
import { dotLabel } from './dot-label.js';
import { graphNodes, outputList, preview } from './graph-view.js';

/** Options of {@link toCollapsedDot}. */
export interface CollapsedDotOptions {
  /** Longest value preview in a label (default 40 characters; what a parameter received: 3 times that). */
  readonly valueLimit?: number;
  /** Most parameters, and most outputs, drawn; the others are counted in one node (default 50). */
  readonly maxShown?: number;
  /** Longest node name drawn (default 80 characters). */
  readonly nameLimit?: number;
}

/** The collapsed drawing of a graph, with what a caller needs to know about the whole graph. */
export interface CollapsedDot {
  /** Graphviz DOT text: drawn parameters and outputs have the ids `toDot` gives them (`n<node id>`). */
  readonly dot: string;
  /** How many nodes the whole graph has (the outputs and everything they were computed from). */
  readonly nodes: number;
  /** Every parameter of the graph in creation order; the first `maxShown` are drawn. */
  readonly parameters: readonly Node[];
}

const parameterStyle = 'shape=box, style="rounded,filled", fillcolor="#cfe8ff"';
const outputStyle = 'shape=doubleoctagon, style=filled, fillcolor="#fff2b3"';

/**
 * The collapsed form of a graph too large to draw node by node (see `toDot`): the parameters, each
 * with its value and what it received in backward (the user's feedback of each pass when it received
 * a trace graph), one node counting the operations and inputs in between, and the outputs. At most
 * `maxShown` parameters and `maxShown` outputs are drawn, the rest counted; names and values are cut
 * and escaped, so the text stays small and valid whatever the graph holds.
 *
 * @example
 * const weight = node(1, { name: 'weight', trainable: true });
 * const { dot, nodes } = toCollapsedDot([ops.add(weight, 1), ops.add(weight, 2)]);
 * // nodes === 5; dot draws weight, one node "2 operations and inputs collapsed" (the constants) and
 * // the two sums, as `n<node id>` like toDot does.
 */
export function toCollapsedDot(
  outputs: Node | readonly Node[],
  options: CollapsedDotOptions = {},
): CollapsedDot {
  const valueLimit = limitOption('valueLimit', options.valueLimit, 40);
  const maxShown = limitOption('maxShown', options.maxShown, 50);
  const nameLimit = limitOption('nameLimit', options.nameLimit, 80);
  const shownOutputs = outputList(outputs);
  const nodes = graphNodes(shownOutputs);
  const parameters = nodes.filter((node) => node.trainable);
  const outputSet = new Set(shownOutputs);
  const hidden = nodes.filter((node) => !node.trainable && !outputSet.has(node)).length;
  const label = (node: Node, extra = '') =>
    `${dotLabel(preview(node.name, nameLimit))}\\n${dotLabel(preview(node._data, valueLimit))}${extra}`;
  const lines = [
    'digraph trace {',
    '  rankdir=TB;',
    '  node [fontname="Helvetica", fontsize=10];',
    `  hidden [label="${hidden} operations and inputs collapsed", shape=box3d, style=dashed];`,
  ];
  for (const parameter of parameters.slice(0, maxShown)) {
    const feedback = parameter.feedback
      .map((item) => preview(item instanceof TraceGraph ? item.userFeedback : item, valueLimit))
      .join('; ');
    const extra =
      feedback === '' ? '' : `\\nreceived: ${dotLabel(preview(feedback, valueLimit * 3))}`;
    lines.push(
      `  n${parameter.id} [label="${label(parameter, extra)}", ${parameterStyle}];`,
      `  n${parameter.id} -> hidden;`,
    );
  }
  if (parameters.length > maxShown) {
    lines.push(
      `  more_parameters [label="${parameters.length - maxShown} more parameters", shape=box, style="rounded,dashed"];`,
      '  more_parameters -> hidden;',
    );
  }
  for (const output of shownOutputs.slice(0, maxShown)) {
    lines.push(
      `  n${output.id} [label="${label(output)}", ${outputStyle}];`,
      `  hidden -> n${output.id};`,
    );
  }
  if (shownOutputs.length > maxShown) {
    lines.push(
      `  more_outputs [label="${shownOutputs.length - maxShown} more outputs", shape=doubleoctagon, style=dashed];`,
      '  hidden -> more_outputs;',
    );
  }
  lines.push('}');
  return { dot: lines.join('\n'), nodes: nodes.length, parameters };
}

function limitOption(name: string, value: number | undefined, fallback: number): number {
  const result = value ?? fallback;
  if (!Number.isInteger(result) || result < 1) {
    throw new TraceError(
      'INVALID_ARGUMENT',
      `toCollapsedDot: ${name} must be a whole number >= 1 (or left out for ${fallback}); got ${String(value)}.`,
    );
  }
  return result;
}
