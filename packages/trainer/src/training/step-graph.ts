import { type Node, TraceGraph, toDot } from '@trace/core';
import { TrainerError } from '../errors.js';

/** Limits of the trace graph a step event records (`recordGraph` of `train()`). */
export interface StepGraphOptions {
  /** Above this many nodes the graph is recorded collapsed (default 500). */
  readonly maxNodes?: number;
  /** Above this many characters of DOT the graph is recorded collapsed (default 100,000). */
  readonly maxChars?: number;
  /** Longest value preview in a label (default 40 characters). */
  readonly valueLimit?: number;
}

/** The trace graph a step event carries: what the optimizer saw, as Graphviz DOT text. */
export type StepGraph = {
  /** DOT text (core's `toDot` styling: parameters are light-blue rounded boxes). */
  readonly dot: string;
  /** Nodes in the traced graph (all of them, also when the DOT is collapsed). */
  readonly nodes: number;
  /** True when `dot` is the collapsed form (parameters, what they received, outputs). */
  readonly collapsed: boolean;
  /** The DOT ids of the parameter nodes (`n<node id>`), so a viewer can highlight them. */
  readonly parameterIds: string[];
};

const defaults = { maxNodes: 500, maxChars: 100_000, valueLimit: 40 };
/** Parameters and outputs drawn in a collapsed graph; the others are counted in one line. */
const collapsedShown = 50;
/** Longest node name in a collapsed graph. */
const nameLimit = 80;

function limit(name: string, value: number | undefined, fallback: number): number {
  const result = value ?? fallback;
  if (!Number.isInteger(result) || result < 1) {
    throw new TrainerError(
      'INVALID_OPTIONS',
      `recordGraph.${name} must be a whole number >= 1; got ${String(value)}.`,
    );
  }
  return result;
}

/** Checks `recordGraph` limits early (before a run starts) and fills in the defaults. */
export function stepGraphLimits(options: StepGraphOptions = {}): Required<StepGraphOptions> {
  return {
    maxNodes: limit('maxNodes', options.maxNodes, defaults.maxNodes),
    maxChars: limit('maxChars', options.maxChars, defaults.maxChars),
    valueLimit: limit('valueLimit', options.valueLimit, defaults.valueLimit),
  };
}

/** Text safe inside a DOT double-quoted string (as core's `toDot` escapes labels). */
function dotText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r\n|[\n\r\u2028\u2029]/g, '\\n')
    .replace(/\p{Cc}/gu, ' ');
}

function preview(value: unknown, limitChars: number): string {
  let text: string;
  try {
    text =
      typeof value === 'string'
        ? value
        : typeof value === 'object' && value !== null
          ? (JSON.stringify(value) ?? String(value))
          : String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  text = text.replace(/\s+/g, ' ');
  return text.length > limitChars ? `${text.slice(0, limitChars - 1)}…` : text;
}

/** What a parameter received in backward: the user's feedback of each pass, or the messages. */
function received(parameter: Node): unknown[] {
  return parameter.feedback.map((item) => (item instanceof TraceGraph ? item.userFeedback : item));
}

/** Every node the outputs were computed from (and the outputs), in creation order. */
function graphNodes(outputs: readonly Node[]): Node[] {
  const seen = new Set<Node>(outputs);
  const stack = [...outputs];
  while (stack.length > 0) {
    for (const parent of stack.pop()!.parents) {
      if (!seen.has(parent)) {
        seen.add(parent);
        stack.push(parent);
      }
    }
  }
  return [...seen].sort((a, b) => a.id - b.id);
}

/** The DOT of several outputs' graphs: core's `toDot` of each, merged (node ids are unique). */
function mergedDot(outputs: readonly Node[], valueLimit: number): string {
  const body = new Set<string>();
  for (const output of outputs) {
    const lines = toDot(output, { valueLimit }).split('\n');
    for (const line of lines.slice(3, -1)) body.add(line);
  }
  return ['digraph trace {', '  rankdir=TB;', '  node [fontname="Helvetica", fontsize=10];']
    .concat([...body], ['}'])
    .join('\n');
}

function collapsedDot(
  outputs: readonly Node[],
  parameters: readonly Node[],
  hidden: number,
  valueLimit: number,
): string {
  const label = (node: Node, extra = '') =>
    `${dotText(preview(node.name, nameLimit))}\\n${dotText(preview(node.data, valueLimit))}${extra}`;
  const lines = [
    'digraph trace {',
    '  rankdir=TB;',
    '  node [fontname="Helvetica", fontsize=10];',
    `  hidden [label="${hidden} operations and inputs collapsed", shape=box3d, style=dashed];`,
  ];
  for (const parameter of parameters.slice(0, collapsedShown)) {
    const feedback = received(parameter)
      .map((item) => preview(item, valueLimit))
      .join('; ');
    const extra =
      feedback === '' ? '' : `\\nreceived: ${dotText(preview(feedback, valueLimit * 3))}`;
    lines.push(
      `  n${parameter.id} [label="${label(parameter, extra)}", shape=box, style="rounded,filled", fillcolor="#cfe8ff"];`,
      `  n${parameter.id} -> hidden;`,
    );
  }
  if (parameters.length > collapsedShown) {
    lines.push(
      `  more_parameters [label="${parameters.length - collapsedShown} more parameters", shape=box, style="rounded,dashed"];`,
      '  more_parameters -> hidden;',
    );
  }
  for (const output of outputs.slice(0, collapsedShown)) {
    lines.push(
      `  n${output.id} [label="${label(output)}", shape=doubleoctagon, style=filled, fillcolor="#fff2b3"];`,
      `  hidden -> n${output.id};`,
    );
  }
  if (outputs.length > collapsedShown) {
    lines.push(
      `  more_outputs [label="${outputs.length - collapsedShown} more outputs", shape=doubleoctagon, style=dashed];`,
      '  hidden -> more_outputs;',
    );
  }
  lines.push('}');
  return lines.join('\n');
}

/**
 * The trace graph of a step: the graphs of the outputs the trainer sent feedback to (one per
 * example of the batch, merged), as core's `toDot` draws them, taken after backward and before the
 * update (the values the optimizer saw). Above `maxNodes` nodes or `maxChars` characters of DOT it is
 * collapsed to the parameters (each with its value and what it received in backward), one node
 * counting the operations and inputs in between, and the outputs; at most 50 parameters and 50
 * outputs are drawn, the rest counted, and names are cut at 80 characters.
 */
export function stepGraph(outputs: readonly Node[], options: StepGraphOptions = {}): StepGraph {
  const { maxNodes, maxChars, valueLimit } = stepGraphLimits(options);
  const distinct = [...new Set(outputs)];
  const nodes = graphNodes(distinct);
  const parameters = nodes.filter((node) => node.trainable);
  const parameterIds = parameters.map((parameter) => `n${parameter.id}`);
  if (nodes.length <= maxNodes) {
    const dot = mergedDot(distinct, valueLimit);
    if (dot.length <= maxChars) return { dot, nodes: nodes.length, collapsed: false, parameterIds };
  }
  const outputSet = new Set<Node>(distinct);
  const hidden = nodes.filter((node) => !node.trainable && !outputSet.has(node)).length;
  return {
    dot: collapsedDot(distinct, parameters, hidden, valueLimit),
    nodes: nodes.length,
    collapsed: true,
    parameterIds: parameterIds.slice(0, collapsedShown),
  };
}
